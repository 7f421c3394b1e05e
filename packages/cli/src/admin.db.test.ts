import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/config";
import { createDatabase } from "@poet/core/db/index";
import { authenticate } from "@poet/core/organisation/index";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { testDriver } from "@poet/core/testing/database";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCommand } from "./commands.ts";

// `poet organisation` and `poet key`, as an operator runs them on a fresh database: how the first
// administrator key comes to exist.
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "poet-admin-"));
  env = { POET_DATA_DIR: join(dir, "pglite") };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command and returns what it printed on stdout, line by line. */
async function poet(command: string, args: string[], options: Record<string, unknown>): Promise<string[]> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await runCommand(command, loadConfig(env), options, args);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return lines;
}

describe.runIf(testDriver() === "pglite")("poet organisation and poet key", () => {
  it("make an administrator's key, printed alone on the last line, which then works", async () => {
    expect(await poet("organisation", [], { slug: "poet-admin", name: "POET administrators", type: "ADMINISTRATOR" })).toEqual([
      'poet: added ADMINISTRATOR organisation "POET administrators" (poet-admin) covering no areas',
    ]);
    expect(await poet("organisation", [], { slug: "hartlepool", name: "Hartlepool", type: "COUNCIL", area: ["E06000001", "E06000002"] })).toEqual([
      'poet: added COUNCIL organisation "Hartlepool" (hartlepool) covering E06000001, E06000002',
    ]);
    const created = await poet("key", ["create"], { organisation: "poet-admin", expires: "2099-01-01" });
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
    const listed = await poet("key", ["list"], {});
    expect(listed).toHaveLength(1);
    expect(listed[0]!.split("\t").slice(0, 4)).toEqual([prefix, "poet-admin", "ADMIN", "active"]);
    expect(await poet("key", ["revoke"], { prefix })).toEqual([expect.stringMatching(new RegExp(`^poet: key ${prefix} revoked at \\d{4}-`))]);
    expect((await poet("key", ["list"], { organisation: "poet-admin" }))[0]!.split("\t")[3]).toMatch(/^revoked /);
  });

  it("refuse bad input with the domain's message", async () => {
    await expect(poet("organisation", [], { slug: "x", name: "X", type: "COUNCIL", area: ["e06000001"] })).rejects.toThrow(
      '`areas.0` "e06000001": is not a GSS code',
    );
    await expect(poet("organisation", [], { slug: "x", name: "X" })).rejects.toThrow(/`type` \(missing\)/);
    await expect(poet("key", ["create"], { organisation: "hartlepool", role: "ADMIN" })).rejects.toThrow(
      "A COUNCIL organisation's keys may carry MEMBER, not ADMIN",
    );
    await expect(poet("key", ["create"], { organisation: "hartlepool", expires: "soon" })).rejects.toThrow("--expires must be an ISO 8601 date");
    await expect(poet("key", ["rotate"], {})).rejects.toThrow(/key needs an action: create, revoke or list/);
  });
});

/** Runs a command and returns its exit code and what it wrote on stdout. */
async function poetOut(command: string, args: string[], options: Record<string, unknown>): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void chunks.push(`${line}\n`));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0);
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await runCommand(command, loadConfig(env), options, args);
    return { code: Number(process.exitCode ?? 0), out: chunks.join("") };
  } catch (thrown) {
    return { code: (thrown as { exitCode?: number }).exitCode ?? 1, out: `${chunks.join("")}${(thrown as Error).message}` };
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    write.mockRestore();
    error.mockRestore();
  }
}

describe.runIf(testDriver() === "pglite")("poet template, poet import and poet verify", () => {
  it("fill a template, import it for an organisation, and find the cubes right", async () => {
    const template = await poetOut("template", [], { "question-set": "CARER" });
    expect(template.code).toBe(0);
    const [header, example] = template.out.trimEnd().split("\r\n");
    expect(header!.startsWith("external_ref,area,collected_on,collection_mode,completed_by,comment,")).toBe(true);
    const file = join(dir, "carers.csv");
    writeFileSync(file, `${header}\r\n${example!.replace("CASE-0001", "CLI-1")}\r\n${example!.replace("CASE-0001", "CLI-2")}\r\n`);
    const imported = await poetOut("import", [file], { organisation: "hartlepool" });
    expect(imported).toEqual({
      code: 0,
      out: expect.stringMatching(/^poet: .*carers\.csv: 2 rows written in [\d.]+ s\. created 2, unchanged 0, replaced 0, rejected 0\n$/),
    });
    expect(await poetOut("verify", [], {})).toEqual({ code: 0, out: "poet verify: every figure cube matches a recount of the stored responses\n" });
    const dictionary = await poetOut("template", [], { "question-set": "CARER", dictionary: true });
    expect(dictionary.out.split("\r\n")[0]).toBe("column,required,description,allowed_codes,allowed_labels");
  });

  it("exit 1 with the rejected rows' errors when rows are rejected, 2 when the file cannot be read", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "external_ref,area,collected_on,collection_mode,completed_by,quality_of_life\r\nCLI-3,E06000003,2025-06-01,ONLINE,SELF,better\r\n");
    const rejected = await poetOut("import", [file], { organisation: "hartlepool", "question-set": "ADULT_PB" });
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain("NOT written: rows were rejected");
    expect(rejected.out).toContain("row,column,code,message\r\n2,area,FORBIDDEN,hartlepool does not cover E06000003\r\n");
    expect((await poetOut("import", [join(dir, "missing.csv")], { organisation: "hartlepool" })).code).toBe(2);
    writeFileSync(file, "");
    expect(await poetOut("import", [file], { organisation: "hartlepool" })).toMatchObject({ code: 2, out: expect.stringContaining("The file is empty") });
  });
});
