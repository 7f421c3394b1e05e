import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createImportJob, importObjectKey, s3Uploads } from "@poet/core/response";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import type { TestDatabase } from "@poet/core/testing";
import { createSetUpDatabase, createTestClient, testCredential } from "@poet/core/testing";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImportHandler } from "./import.ts";

// A large import end to end: createImport over HTTP (a real presigned URL, signed offline), the
// file "uploaded" to a local folder standing in for the bucket, the handler called with the S3
// event Lambda receives, and importJob reading the outcome.
const BUCKET = "poet-imports-test";
let database: TestDatabase;
let folder: string;
let member: Record<string, string>;
let api: ReturnType<typeof createTestClient>;
const env = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY, AWS_REGION: process.env.AWS_REGION };

beforeAll(async () => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret", AWS_REGION: "eu-west-2" });
  database = await createSetUpDatabase();
  folder = mkdtempSync(join(tmpdir(), "poet-bucket-"));
  member = { authorization: (await testCredential(database.db, { type: "COUNCIL", slug: "bulk-council", areas: ["E06000001"] })).header };
  api = createTestClient(database, { services: { uploads: s3Uploads(BUCKET) } });
});
afterAll(async () => {
  for (const [name, value] of Object.entries(env))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  rmSync(folder, { recursive: true, force: true });
  await database?.close();
});

function s3Event(key: string): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "eu-west-2",
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:EXAMPLE" },
        requestParameters: { sourceIPAddress: "192.0.2.1" },
        responseElements: { "x-amz-request-id": "EXAMPLE", "x-amz-id-2": "EXAMPLE" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "imports",
          bucket: { name: BUCKET, ownerIdentity: { principalId: "EXAMPLE" }, arn: `arn:aws:s3:::${BUCKET}` },
          object: { key, size: 100, eTag: "0123456789abcdef", sequencer: "0A1B2C3D4E5F678901" },
        },
      },
    ],
  };
}

const handler = createImportHandler({
  database: async () => database,
  read: async (bucket, key) => readFileSync(join(folder, bucket, key)),
});
const upload = (key: string, text: string) => {
  const path = join(folder, BUCKET, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const JOB = `query($id: ID!) { importJob(id: $id) { id state message result { rows created rejected written errors { row column code } } } }`;
const CREATE = `mutation { createImport(questionSet: ADULT_PB) { uploadUrl expiresAt job { id state } } }`;

describe("large imports through the imports bucket", () => {
  it("give a presigned upload URL, run when the file lands, and report on the job", async () => {
    const { createImport } = await api.data(CREATE, undefined, member);
    expect(createImport.job.state).toBe("WAITING_FOR_UPLOAD");
    const url = new URL(createImport.uploadUrl);
    expect(url.hostname).toBe(`${BUCKET}.s3.eu-west-2.amazonaws.com`);
    expect(url.pathname).toBe(`/${importObjectKey(createImport.job.id)}`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);

    const key = importObjectKey(createImport.job.id);
    upload(
      key,
      "external_ref,area,collected_on,collection_mode,completed_by,help_to_plan,quality_of_life\nBIG-1,E06000001,2025-06-01,ONLINE,SELF,yes,better\n",
    );
    expect(await handler(s3Event(key))).toEqual({ jobs: [{ id: createImport.job.id, state: "SUCCEEDED" }] });
    const { importJob } = await api.data(JOB, { id: createImport.job.id }, member);
    expect(importJob).toEqual({
      id: createImport.job.id,
      state: "SUCCEEDED",
      message: null,
      result: { rows: 1, created: 1, rejected: 0, written: true, errors: [] },
    });
    // S3 may deliver an event twice: the job has run, and runs once.
    expect(await handler(s3Event(key))).toEqual({ jobs: [{ id: createImport.job.id, state: null }] });
  });

  it("record rejected rows and unreadable files on the job, and show it to nobody else", async () => {
    const rejected = (await api.data(CREATE, undefined, member)).createImport.job.id;
    upload(
      importObjectKey(rejected),
      "external_ref,area,collected_on,collection_mode,completed_by,quality_of_life\nBIG-2,E06000002,2025-06-01,ONLINE,SELF,better\n",
    );
    await handler(s3Event(importObjectKey(rejected)));
    expect((await api.data(JOB, { id: rejected }, member)).importJob).toMatchObject({
      state: "REJECTED",
      result: { rows: 1, created: 0, rejected: 1, written: false, errors: [{ row: 2, column: "area", code: "FORBIDDEN" }] },
    });
    const failed = (await api.data(CREATE, undefined, member)).createImport.job.id;
    upload(importObjectKey(failed), "");
    await handler(s3Event(importObjectKey(failed)));
    expect((await api.data(JOB, { id: failed }, member)).importJob).toMatchObject({ state: "FAILED", message: "The file is empty", result: null });
    const other = { authorization: (await testCredential(database.db, { type: "COUNCIL", areas: ["E06000002"] })).header };
    expect((await api.data(JOB, { id: failed }, other)).importJob).toBeNull();
    expect(await handler(s3Event("elsewhere/file.csv"))).toEqual({ jobs: [] });
  });

  it("is refused where there is no imports bucket", async () => {
    const local = createTestClient(database, { settings: DEFAULT_SETTINGS });
    expect(await local.errorCodes(CREATE, undefined, member)).toEqual(["BAD_REQUEST"]);
    await expect(createImportJob({ db: database.db, actor: { type: "anonymous" }, settings: DEFAULT_SETTINGS }, {}, null)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
