/**
 * The ingest benchmark's import, in a process of its own started as the import function is
 * (`IMPORT_NODE_OPTIONS`), with its own WebSocket proxy as before: argv is the database URL, the
 * CSV file and the organisation. Prints `{ seconds, created, written, errors }` as JSON.
 */
import { readFile } from "node:fs/promises";
import { systemActor } from "@poet/core/actor";
import { createDatabase, startWsProxy } from "@poet/core/db";
import { importResponses } from "@poet/core/response";
import { DEFAULT_SETTINGS } from "@poet/core/scope";

const [url, file, organisation] = process.argv.slice(2) as [string, string, string];
const proxy = await startWsProxy();
const database = await createDatabase({ driver: "neon", url, wsProxy: proxy.address });
try {
  const bytes = await readFile(file);
  const scope = { db: database.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS };
  const start = performance.now();
  const result = await importResponses(scope, bytes, { organisation, questionSet: "ADULT_PB" });
  const seconds = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ seconds, created: result.created, written: result.written, errors: result.errors.slice(0, 3) }));
} finally {
  await database.close();
  await proxy.close();
}
