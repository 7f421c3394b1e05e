import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/app";
import { createDatabase } from "@poet/core/db";
import { authenticate } from "@poet/core/organisation";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { testDriver } from "@poet/core/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "./program.ts";

// `poet organisation` and `poet key`, as an operator runs them on a fresh database: how the first
// administrator key comes to exist.
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "poet-admin-"));
  env = { POET_DATA_DIR: join(dir, "pglite") };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command line as `poet` does: its exit code, what it wrote on stdout, and on stderr. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(`${line}\n`));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(`${line}\n`));
  try {
    const code = await main(argv, { env, output: { writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) } });
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    log.mockRestore();
    write.mockRestore();
    error.mockRestore();
  }
}

/** Runs a command that must succeed and returns its stdout, line by line. */
async function poet(...argv: string[]): Promise<string[]> {
  const { code, out, err } = await run(...argv);
  if (code !== 0) throw new Error(`exit ${code}: ${err}`);
  return out.split("\n").slice(0, -1);
}

describe.runIf(testDriver() === "pglite")("poet organisation and poet key", () => {
  it("say when there are no keys yet, and set a folder up only once", async () => {
    const first = await run("key", "list");
    expect(first).toMatchObject({ code: 0, out: "poet: no API keys yet (poet key create --organisation SLUG issues one)\n" });
    expect(first.err).toMatch(/^poet: set up PGlite in .* in [\d.]+ s\n$/);
    // The folder is set up: the next command opens it as it is.
    expect(await run("key", "list", "--organisation", "nobody")).toEqual({
      code: 0,
      out: "poet: no API keys for nobody yet (poet key create --organisation nobody issues one)\n",
      err: "",
    });
  });

  it("make an administrator's key, printed alone on the last line, which then works", async () => {
    expect(await poet("organisation", "--slug", "poet-admin", "--name", "POET administrators", "--type", "ADMINISTRATOR")).toEqual([
      'poet: added ADMINISTRATOR organisation "POET administrators" (poet-admin) covering no areas',
    ]);
    expect(
      await poet("organisation", "--slug", "hartlepool", "--name", "Hartlepool", "--type", "COUNCIL", "--area", "E06000001", "--area", "E06000002"),
    ).toEqual(['poet: added COUNCIL organisation "Hartlepool" (hartlepool) covering E06000001, E06000002']);
    const created = await poet("key", "create", "--organisation", "poet-admin", "--expires", "2099-01-01");
    const key = created.at(-1)!;
    expect(key).toMatch(/^poet_[A-Za-z0-9]{8}_[\w-]{43}$/);
    expect(created[0]).toMatch(/^poet: ADMIN key poet_\w{8} for poet-admin, expiring 2099-01-01T00:00:00.000Z/);

    const database = await createDatabase(loadConfig(env).database);
    try {
      expect(await authenticate(database.db, `Bearer ${key}`, DEFAULT_SETTINGS)).toMatchObject({ type: "admin", organisation: { slug: "poet-admin" } });
    } finally {
      await database.close();
    }
    const prefix = key.split("_").slice(0, 2).join("_");
    const listed = await poet("key", "list");
    expect(listed).toHaveLength(1);
    expect(listed[0]!.split("\t").slice(0, 4)).toEqual([prefix, "poet-admin", "ADMIN", "active"]);
    expect(await poet("key", "revoke", "--prefix", prefix)).toEqual([expect.stringMatching(new RegExp(`^poet: key ${prefix} revoked at \\d{4}-`))]);
    expect((await poet("key", "list", "--organisation", "poet-admin"))[0]!.split("\t")[3]).toMatch(/^revoked /);
  });

  it("refuse bad input with the domain's message, and a missing option or unknown command with the parser's", async () => {
    expect(await run("organisation", "--slug", "x", "--name", "X", "--type", "COUNCIL", "--area", "e06000001")).toMatchObject({
      code: 1,
      // Refused by the parser, before the database is opened.
      err: expect.stringMatching(/^error: option '--area <code>' argument 'e06000001' is invalid. It must be a GSS code/),
    });
    expect(await run("key", "create", "--organisation", "hartlepool", "--role", "ADMIN")).toMatchObject({
      code: 1,
      err: "poet key create: A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN\n",
    });
    expect((await run("key", "create", "--organisation", "hartlepool", "--role", "member")).err).toMatch(
      /^error: option '--role <role>' argument 'member' is invalid. Allowed choices are MEMBER, RESEARCHER, ADMIN./,
    );
    expect((await run("key", "create", "--organisation", "hartlepool", "--expires", "soon")).err).toMatch(
      /^error: option '--expires <date>' argument 'soon' is invalid. It must be an ISO 8601 date, e.g. 2027-03-31/,
    );
    expect(await run("organisation", "--slug", "x", "--name", "X")).toMatchObject({
      code: 1,
      err: "error: required option '--type <type>' not specified\n(poet organisation --help lists its options)\n",
    });
    expect(await run("key", "rotate")).toMatchObject({ code: 1, err: expect.stringMatching(/^error: unknown command 'rotate'/) });
    expect(await run("key")).toMatchObject({ code: 1, err: expect.stringContaining("Usage: poet key [options] [command]") });
  });
});

describe.runIf(testDriver() === "pglite")("poet template, poet import and poet verify", () => {
  it("fill a template, import it for an organisation, and find the cubes right", async () => {
    const template = await run("template", "--question-set", "CARER");
    expect(template.code).toBe(0);
    const [header, example] = template.out.trimEnd().split("\r\n");
    expect(header!.startsWith("external_ref,area,collected_on,collection_mode,completed_by,comment,")).toBe(true);
    const file = join(dir, "carers.csv");
    writeFileSync(file, `${header}\r\n${example!.replace("CASE-0001", "CLI-1")}\r\n${example!.replace("CASE-0001", "CLI-2")}\r\n`);
    const imported = await run("import", file, "--organisation", "hartlepool");
    expect(imported).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^poet: .*carers\.csv: 2 rows read in [\d.]+ s: 2 rows written \(2 created\)\n$/),
    });
    const again = await run("import", file, "--organisation", "hartlepool", "--dry-run");
    expect(again).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^poet: .*carers\.csv: 2 rows checked \(dry run\) in [\d.]+ s: nothing written; 2 would be unchanged \(already stored as they are\)\n$/,
      ),
    });
    expect(await run("verify")).toMatchObject({ code: 0, out: "poet verify: every figure cube matches a recount of the stored responses\n" });
    const dictionary = await run("template", "--question-set", "CARER", "--dictionary");
    expect(dictionary.out.split("\r\n")[0]).toBe("column,required,description,allowed_codes,allowed_labels");
  });

  it("exit 1 with the rejected rows' errors when rows are rejected, 2 when the file cannot be read", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "external_ref,area,collected_on,collection_mode,completed_by,quality_of_life\r\nCLI-3,E06000003,2025-06-01,ONLINE,SELF,better\r\n");
    const rejected = await run("import", file, "--organisation", "hartlepool", "--question-set", "ADULT_PB");
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain("1 row read in");
    expect(rejected.out).toContain("nothing written, because 1 row was rejected (--accept-valid writes the 0 valid ones)");
    expect(rejected.out).toContain("row,column,code,message\r\n2,area,FORBIDDEN,hartlepool does not cover E06000003\r\n");
    expect((await run("import", join(dir, "missing.csv"), "--organisation", "hartlepool")).code).toBe(2);
    expect(await run("import", "--organisation", "hartlepool")).toMatchObject({ code: 2, err: expect.stringContaining("missing required argument 'file'") });
    writeFileSync(file, "");
    expect(await run("import", file, "--organisation", "hartlepool")).toMatchObject({ code: 2, err: expect.stringContaining("The file is empty") });
  });
});
