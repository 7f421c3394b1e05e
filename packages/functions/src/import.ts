/**
 * The import function: S3 calls it when a file lands under `imports/` in the imports bucket (the
 * upload URL `createImport` gave out). It runs that job's import with the same domain code as
 * `poet import`, as the system acting for the job's organisation, and records the outcome on the
 * job for `importJob` to read.
 */

import { systemActor } from "@poet/core/actor";
import { loadConfig } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { jobIdOfKey, readS3Object, runImportJob } from "@poet/core/response";
import type { S3Event } from "aws-lambda";
import { lazyDatabase } from "./database.ts";

export interface ImportHandlerDeps {
  database: () => Promise<Database>;
  /** An uploaded object's bytes. */
  read: (bucket: string, key: string) => Promise<Uint8Array>;
}

export function createImportHandler(deps: ImportHandlerDeps) {
  return async (event: S3Event): Promise<{ jobs: { id: string; state: string | null }[] }> => {
    const jobs = [];
    for (const record of event.Records) {
      const key = record.s3.object.key;
      const id = jobIdOfKey(key);
      if (!id) continue;
      const { db } = await deps.database();
      const scope = { db, actor: systemActor("import-function"), settings: loadConfig().settings };
      const job = await runImportJob(scope, id, await deps.read(record.s3.bucket.name, decodeURIComponent(key.replaceAll("+", " "))));
      jobs.push({ id, state: job?.state ?? null });
    }
    return { jobs };
  };
}

const database = lazyDatabase();
export const handler = createImportHandler({ database: database.get, read: readS3Object });
