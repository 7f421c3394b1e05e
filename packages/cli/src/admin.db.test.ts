import { mkdtempSync, rmSync } from "node:fs";
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
