import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { seedDemoData } from "../demo/seed.ts";
import { copyDatabase, createTestDatabase, dropDatabase, stopTestProxy, type TestDriver } from "./database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a data-dir dump file; Postgres: a template database. Both hold the demo data. */
    demoDatabase: string;
    /** Postgres only: a read-only copy of the demo database, shared by the files that only read. */
    demoReadOnlyDatabase?: string;
    /** Postgres only: a template of a migrated database with reference data and no responses. */
    setUpDatabase?: string;
  }
}

/**
 * Builds the demo database once per run; each test file then gets its own copy of it cheaply
 * (a PGlite data-dir load, or CREATE DATABASE … TEMPLATE), so tests can write freely.
 */
export default async function setup(project: TestProject) {
  const driver: TestDriver = project.config.env?.POET_TEST_DRIVER === "postgres" ? "postgres" : "pglite";
  const database = await createTestDatabase({ driver });
  try {
    await seedDemoData(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  if (driver === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = (database.db as unknown as { $client: InstanceType<typeof PGlite> }).$client;
    const dump = await client.dumpDataDir("none");
    await database.close();
    const dir = mkdtempSync(join(tmpdir(), "poet-demo-"));
    const file = join(dir, "demo.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("demoDatabase", file);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  await database.release();
  const readOnly = await copyDatabase(database.name, { readOnly: true });
  const setUp = await createTestDatabase({ driver });
  await setUp.release();
  project.provide("demoDatabase", database.name);
  project.provide("demoReadOnlyDatabase", readOnly);
  project.provide("setUpDatabase", setUp.name);
  return async () => {
    await dropDatabase(setUp.name);
    await dropDatabase(readOnly);
    await dropDatabase(database.name);
    await stopTestProxy();
  };
}
