import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/app";
import { createDatabase, createPgliteDatabase, type Db, queryRows } from "@poet/core/db";
import { type Cell, publishedCount } from "@poet/core/figure";
import { connectTestDatabase, createDemoDatabase, createSetUpDatabase, type TestDatabase, testDriver, trueResponseCounts } from "@poet/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { main } from "./program.ts";

// `poet release cut` and `poet release list`, as an operator runs them, on every driver: over a
// fresh database, from no release to the first response's, and over the demo data set, which
// comes with the releases 2025-07 and 2026-07.
const dir = mkdtempSync(join(tmpdir(), "poet-release-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  /** stdout: line by line (console.log), or as written. */
  out: string[];
  /** What the command told as it went (console.error). */
  log: string[];
  /** The parser's and the failure's message. */
  err: string;
}

/** Runs a command line as `poet` does, on the database `env` names. */
async function run(env: Record<string, string>, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const log: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line)),
    vi.spyOn(console, "error").mockImplementation((line: string) => void log.push(line)),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0),
  ];
  try {
    const code = await main(argv, { env, output: { writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) } });
    return { code, out, log, err: err.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** A command that must succeed: its stdout. */
async function poet(env: Record<string, string>, ...argv: string[]): Promise<string[]> {
  const result = await run(env, ...argv);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.err}`);
  return result.out;
}

/**
 * A database the CLI opens by `env`, and a way to read it between commands: on Postgres a new
 * connection through the tests' proxy (the Neon driver's proxy setting is global, and each
 * command points it at its own, closed when it ends), on PGlite (one process at a time) the
 * folder opened after the command has closed it.
 */
interface Target {
  env: Record<string, string>;
  read<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function postgresTarget(database: TestDatabase): Promise<Target> {
  await database.release();
  return {
    env: { DATABASE_URL: database.url!, NODE_ENV: "test" },
    async read(work) {
      const connection = await connectTestDatabase(database.name);
      try {
        return await work(connection.db);
      } finally {
        await connection.close();
      }
    },
    close: () => database.close(),
  };
}

function pgliteTarget(dataDir: string): Target {
  const env = { POET_DATA_DIR: dataDir, NODE_ENV: "test" };
  return {
    env,
    async read(work) {
      const database = await createDatabase(loadConfig(env).database);
      try {
        return await work(database.db);
      } finally {
        await database.close();
      }
    },
    close: async () => {},
  };
}

const sum = (cells: Cell[]) => cells.reduce((a, c) => ({ count: a.count + c.count, keySum: a.keySum + c.keySum }), { count: 0, keySum: 0 });
/** A release's line of `poet release list`, split at its tabs. */
const fields = (line: string) => line.split("\t");
const ISO = /^cut \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("poet release, from a fresh database", () => {
  let target: Target;
  beforeAll(async () => {
    target = testDriver() === "postgres" ? await postgresTarget(await createSetUpDatabase()) : pgliteTarget(join(dir, "fresh"));
  });
  afterAll(() => target?.close());

  /** Writes `n` copies of CARER's template row (its area, and a day in 2025-26, or of version 1 another day) as a CSV file. */
  async function carers(name: string, from: number, n: number, collectedOn?: string): Promise<{ file: string; area: string }> {
    const template = await run(target.env, "template", "--question-set", "CARER", ...(collectedOn ? ["--version", "1"] : []));
    const [header, example] = template.out.join("").trimEnd().split("\r\n");
    const columns = header!.split(",");
    const area = example!.split(",")[columns.indexOf("area")]!;
    const day = example!.split(",")[columns.indexOf("collected_on")]!;
    expect(day).toMatch(collectedOn ? /^\d{4}-/ : /^2025-/);
    // Version 1's rows say so in a `version` column: a file's rows are the latest version's otherwise.
    const row = collectedOn ? `${example!.replace(day, collectedOn)},1` : example!;
    const rows = Array.from({ length: n }, (_, i) => row.replace("CASE-0001", `RELEASE-${from + i}`));
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `${header}${collectedOn ? ",version" : ""}\r\n${rows.join("\r\n")}\r\n`);
    return { file, area };
  }

  it("says none is cut, cuts an empty one, then publishes a closed year once it is past the lag, and never again", async () => {
    const { env } = target;
    expect(await poet(env, "release", "list")).toEqual(["poet: no release has been cut yet (poet release cut cuts one)"]);
    expect(await poet(env, "release", "cut", "--name", "2026-11-a")).toEqual([
      expect.stringMatching(
        /^poet: release 2026-11-a cut in [\d.]+ s: it holds none; no year was newly published \(no year after the newest published had ended, past the publication lag, with responses\)$/,
      ),
    ]);

    // Twelve carers' responses of 2025-26 from a council's file.
    const first = await carers("first", 1, 12);
    await poet(env, "organisation", "--slug", "release-council", "--name", "Release council", "--type", "COUNCIL", "--area", first.area);
    expect((await poet(env, "import", first.file, "--organisation", "release-council")).join("\n")).toContain("12 rows written (12 created)");

    // Two years after a year ends it may be published; not before.
    const lagged = await run({ ...env, POET_RELEASE_LAG_MONTHS: "24" }, "release", "cut", "--name", "2026-11-b");
    expect(lagged).toMatchObject({
      code: 0,
      out: [expect.stringMatching(/^poet: release 2026-11-b cut in [\d.]+ s: it holds none; no year was newly published/)],
    });
    const cut = await run(env, "release", "cut", "--name", "2026-11-c");
    expect(cut).toMatchObject({ code: 0, err: "" });
    expect(cut.out).toEqual([expect.stringMatching(/^poet: release 2026-11-c cut in [\d.]+ s: it holds 2025-26; newly published: 2025-26$/)]);
    expect(cut.log).toContain("poet: publishing 2025-26…");

    // Twelve more of 2025-26, after it was published: no later release counts them.
    const second = await carers("second", 13, 12);
    expect((await poet(env, "import", second.file, "--organisation", "release-council")).join("\n")).toContain("12 rows written (12 created)");
    const again = await run(env, "release", "cut", "--name", "2026-11-d");
    expect(again.out).toEqual([
      expect.stringMatching(
        /^poet: release 2026-11-d cut in [\d.]+ s: it holds 2025-26; no year was newly published \(no year after the newest published had ended, past the publication lag, with responses\)$/,
      ),
    ]);
    expect(again.log).not.toContain("poet: publishing 2025-26…");

    // Twelve of 2024-25, a year that held nothing when the later 2025-26 was published: closed
    // for good, since publishing it now would regroup what was published after it.
    const earlier = await carers("earlier", 25, 12, "2024-06-03");
    expect((await poet(env, "import", earlier.file, "--organisation", "release-council")).join("\n")).toContain("12 rows written (12 created)");
    const behind = await run(env, "release", "cut", "--name", "2026-11-e");
    expect(behind.out).toEqual([expect.stringMatching(/^poet: release 2026-11-e cut in [\d.]+ s: it holds 2025-26; no year was newly published/)]);
    expect(behind.log).not.toContain("poet: publishing 2024-25…");

    const [published, all] = await target.read(async (db) => {
      const cells = await queryRows<{ first: boolean; n: number; k: number }>(
        db,
        sql`select split_part(external_ref, '-', 2)::int <= 12 as first, count(*)::int as n, sum(record_key)::int as k
            from responses where external_ref like 'RELEASE-%' and financial_year = 2025 group by 1`,
      );
      const cell = (first: boolean) => ({ count: cells.find((c) => c.first === first)!.n, keySum: cells.find((c) => c.first === first)!.k });
      expect([cell(true).count, cell(false).count]).toEqual([12, 12]);
      return [publishedCount(cell(true)), publishedCount(sum([cell(true), cell(false)]))];
    });
    // Twelve round to 10 or 15, twenty-four to 20 or 25: the list tells which were counted.
    expect([10, 15]).toContain(published);
    expect([20, 25]).toContain(all);

    const listed = await poet(env, "release", "list");
    expect(listed.map((line) => fields(line)[0])).toEqual(["2026-11-e (latest)", "2026-11-d", "2026-11-c", "2026-11-b", "2026-11-a"]);
    for (const line of listed) expect(fields(line)[1], line).toMatch(ISO);
    expect(listed.map((line) => fields(line).slice(2))).toEqual([
      ["2025-26", `CARER ${published}`],
      ["2025-26", `CARER ${published}`],
      ["2025-26", `CARER ${published}`],
      ["none", ""],
      ["none", ""],
    ]);
  });

  it("refuses a name taken or malformed, cutting nothing", async () => {
    const { env } = target;
    const before = await poet(env, "release", "list");
    expect(await run(env, "release", "cut", "--name", "2026-11-c")).toMatchObject({
      code: 1,
      out: [],
      err: "poet release cut: A release named 2026-11-c exists already: releases never change; give another name\n",
    });
    const malformed = await run(env, "release", "cut", "--name", "2026-13");
    expect(malformed).toMatchObject({ code: 1, out: [] });
    // Refused by its form before the database is opened; the domain still refuses a month not the current one.
    expect(malformed.err).toMatch(/^error: option '--name <name>' argument '2026-13' is invalid. It must be yyyy-mm/);
    expect((await run(env, "release", "cut", "--name")).err).toMatch(/^error: option '--name <name>' argument missing/);
    expect(await poet(env, "release", "list")).toEqual(before);
  });

  it("names a release after this month when no name is given", async () => {
    const month = new Date().toISOString().slice(0, 7);
    expect(await poet(target.env, "release", "cut")).toEqual([
      expect.stringMatching(new RegExp(`^poet: release ${month} cut in [\\d.]+ s: it holds 2025-26;`)),
    ]);
    expect(fields((await poet(target.env, "release", "list"))[0]!)[0]).toBe(`${month} (latest)`);
  });
});

describe("poet release, over the demo data set", () => {
  let target: Target;
  beforeAll(async () => {
    if (testDriver() === "postgres") target = await postgresTarget(await createDemoDatabase(inject("demoDatabase")));
    else {
      // The demo database the suite built, as a data folder the CLI opens.
      const dataDir = join(dir, "demo");
      const database = await createPgliteDatabase(dataDir, { loadDataDir: new Blob([readFileSync(inject("demoDatabase"))]) });
      await database.close();
      target = pgliteTarget(dataDir);
    }
  });
  afterAll(() => target?.close());

  it("lists the demo's releases with England's published responses per instrument, and cuts one that publishes nothing new", async () => {
    const { env } = target;
    const truth = await target.read((db) => trueResponseCounts(db, "NATION"));
    /** What a release holding these years lists: each instrument's responses in England, rounded as published. */
    const sets = (years: number[]) => {
      const held = truth.filter((t) => years.includes(t.year));
      return [...new Set(held.map((t) => t.code))]
        .sort()
        .map((code) => `${code} ${publishedCount(sum(held.filter((t) => t.code === code).map((t) => t.cell)))}`)
        .join(", ");
    };
    const listed = await poet(env, "release", "list");
    expect(listed.map(fields)).toEqual([
      ["2026-07 (latest)", expect.stringMatching(ISO), "2022-23, 2023-24, 2024-25, 2025-26", "SYNTHETIC", sets([2022, 2023, 2024, 2025])],
      ["2025-07", expect.stringMatching(ISO), "2022-23, 2023-24, 2024-25", "SYNTHETIC", sets([2022, 2023, 2024])],
    ]);
    expect(sets([2022, 2023, 2024, 2025]).split(", ")).toHaveLength(6);

    const cut = await run(env, "release", "cut", "--name", "2026-12-demo");
    expect(cut.out).toEqual([
      expect.stringMatching(
        /^poet: release 2026-12-demo cut in [\d.]+ s: it holds 2022-23, 2023-24, 2024-25, 2025-26; no year was newly published \(no year after the newest published had ended, past the publication lag, with responses\)$/,
      ),
    ]);
    const after = (await poet(env, "release", "list")).map(fields);
    expect(after.map((f) => f[0])).toEqual(["2026-12-demo (latest)", "2026-07", "2025-07"]);
    expect(after[0]!.slice(2)).toEqual(after[1]!.slice(2));
  });
});
