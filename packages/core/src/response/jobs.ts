import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describeActor, systemActor } from "../actor/index.ts";
import { PoetError } from "../errors/index.ts";
import { organisations, recordAudit } from "../organisation/index.ts";
import type { QuestionSetCode } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { importResponses } from "./import.ts";
import { type ImportJobRow, importJobs } from "./import-job.sql.ts";
import { writerOf } from "./writer.ts";

/** Where large files go before the import function reads them: a private bucket, by presigned URL. */
export interface UploadStore {
  /** A URL to PUT the file to, for `expiresInSeconds`. */
  uploadUrl(key: string, expiresInSeconds: number): Promise<string>;
}

/** How long an upload URL works. */
export const UPLOAD_URL_SECONDS = 3600;

export const importObjectKey = (id: string) => `imports/${id}.csv`;

/** The job an uploaded object belongs to, or null for any other key. */
export function jobIdOfKey(key: string): string | null {
  const match = /^imports\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.csv$/.exec(decodeURIComponent(key.replaceAll("+", " ")));
  return match?.[1] ?? null;
}

export interface ImportJobOptions {
  questionSet?: QuestionSetCode | null;
  dryRun?: boolean;
  acceptValid?: boolean;
}

/**
 * Starts a large import for the caller's organisation: a job, and a URL to PUT the file to.
 * The import runs when the file arrives; `importJob` tells how it went.
 */
export async function createImportJob(scope: Scope, options: ImportJobOptions, uploads: UploadStore | null) {
  const writer = await writerOf(scope);
  if (!uploads) throw new PoetError("BAD_REQUEST", "This deployment has no imports bucket: import large files with `poet import FILE`");
  const id = randomUUID();
  const asked = { questionSet: options.questionSet ?? null, dryRun: options.dryRun ?? false, acceptValid: options.acceptValid ?? false };
  const [job] = await scope.db
    .insert(importJobs)
    .values({ id, organisationId: writer.organisationId, requestedBy: describeActor(scope.actor), options: asked })
    .returning();
  await recordAudit(scope, { action: "responses.import.create", subject: writer.slug, detail: { job: id, ...asked } });
  const uploadUrl = await uploads.uploadUrl(importObjectKey(id), UPLOAD_URL_SECONDS);
  return { job: job!, uploadUrl, expiresAt: new Date(job!.createdAt.getTime() + UPLOAD_URL_SECONDS * 1000) };
}

/** One of the caller's organisation's import jobs, or null. */
export async function findImportJob(scope: Scope, id: string): Promise<ImportJobRow | null> {
  const writer = await writerOf(scope);
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [job] = await scope.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.organisationId, writer.organisationId)));
  return job ?? null;
}

/**
 * Runs the job a file was uploaded for, as the system acting for the job's organisation. A
 * second delivery of the same upload event finds the job no longer waiting and does nothing.
 */
export async function runImportJob(scope: Scope, id: string, bytes: Uint8Array): Promise<ImportJobRow | null> {
  const [job] = await scope.db
    .update(importJobs)
    .set({ state: "RUNNING", startedAt: new Date() })
    .where(and(eq(importJobs.id, id), eq(importJobs.state, "WAITING_FOR_UPLOAD")))
    .returning();
  if (!job) return null;
  const [organisation] = await scope.db.select().from(organisations).where(eq(organisations.id, job.organisationId));
  const options = job.options as Required<ImportJobOptions>;
  const finish = async (values: Partial<ImportJobRow>) =>
    (
      await scope.db
        .update(importJobs)
        .set({ ...values, finishedAt: new Date() })
        .where(eq(importJobs.id, id))
        .returning()
    )[0]!;
  try {
    const result = await importResponses({ ...scope, actor: systemActor(`import:${id}`) }, bytes, { ...options, organisation: organisation!.slug });
    return finish({ ...result, state: result.rejected && !result.written ? "REJECTED" : "SUCCEEDED" });
  } catch (error) {
    if (error instanceof PoetError) return finish({ state: "FAILED", message: error.message });
    await finish({ state: "FAILED", message: "The import failed unexpectedly: upload the file again with a new import" });
    throw error;
  }
}
