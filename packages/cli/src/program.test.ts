import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main, parsePeriod } from "./program.ts";

// The command line's grammar, without a database: help, and the parser's errors, which stop a
// command before it opens anything.

async function poet(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env: {}, output: { writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) } });
  return { code, out: out.join(""), err: err.join("") };
}

describe("poet --help", () => {
  it("lists every command, serve the default", async () => {
    const { code, out, err } = await poet("--help");
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(/^Usage: poet \[command\] \[options\]/);
    for (const command of ["serve", "setup", "seed", "verify", "import", "template", "report", "release", "organisation", "key", "help"])
      expect(out).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(out).toContain("Without a command, poet serves the API at http://localhost:$PORT/graphql.");
    expect((await poet("help")).out).toBe(out);
  });

  it("describes each command's options", async () => {
    const seed = await poet("seed", "--help");
    expect(seed.code).toBe(0);
    expect(seed.out).toMatch(/^Usage: poet seed \[options\]/);
    expect(seed.out).toMatch(/--scale <n> +make it N times larger/);
    expect(seed.out).toMatch(/--replace +delete the demo responses/);
    const create = await poet("key", "create", "--help");
    expect(create.out).toMatch(/^Usage: poet key create \[options\]/);
    expect(create.out).toMatch(/--organisation <slug> +the organisation it belongs to/);
    expect(create.out).not.toContain("--label");
    expect((await poet("help", "import")).out).toMatch(/^Usage: poet import \[options\] <file>[\s\S]*--dry-run/);
    const report = await poet("report", "-h");
    expect(report.out).toMatch(/--period <years>[\s\S]*--release <name> +the release to read \(default: the latest[\s\S]*--out <path>[\s\S]*--pdf/);
  });

  it("describes poet release's commands: cut, with a name, and list", async () => {
    const release = await poet("release", "--help");
    expect(release.code).toBe(0);
    expect(release.out).toMatch(/^Usage: poet release \[options\] \[command\]/);
    expect(release.out).toMatch(/^ {2}cut \[options\] +cut a release: publish every financial year that has closed/m);
    expect(release.out).toMatch(/^ {2}list +list the releases, newest first/m);
    const cut = await poet("release", "cut", "--help");
    expect(cut).toMatchObject({ code: 0, err: "" });
    expect(cut.out).toMatch(/^Usage: poet release cut \[options\]/);
    expect(cut.out).toContain("a published year is final");
    expect(cut.out).toMatch(/--name <name> +its name, yyyy-mm with an optional suffix/);
    expect((await poet("release", "list", "--help")).out).toMatch(/^Usage: poet release list \[options\]/);
  });
});

describe("poet's parser errors", () => {
  it("refuses an unknown flag with a suggestion and a pointer to --help, exit 1", async () => {
    expect(await poet("seed", "--scal", "2")).toEqual({
      code: 1,
      out: "",
      err: "error: unknown option '--scal'\n(Did you mean --scale?)\n(poet seed --help lists its options)\n",
    });
    expect((await poet("--verbose")).err).toMatch(/^error: unknown option '--verbose'\n/);
  });

  it("refuses an unknown command, suggesting the nearest", async () => {
    expect(await poet("sed")).toEqual({ code: 1, out: "", err: "error: unknown command 'sed'\n(Did you mean seed?)\n(poet --help lists the commands)\n" });
    expect(await poet("release", "cutt")).toMatchObject({
      code: 1,
      out: "",
      err: expect.stringMatching(/^error: unknown command 'cutt'\n\(Did you mean cut\?\)/),
    });
    expect(await poet("release", "list", "--name", "2026-12")).toMatchObject({ code: 1, err: expect.stringMatching(/^error: unknown option '--name'/) });
  });

  it("refuses a missing required option or argument, and a bad value", async () => {
    expect((await poet("template")).err).toMatch(/^error: required option '--question-set <code>' not specified\n/);
    expect(await poet("key", "create")).toMatchObject({ code: 1, err: expect.stringMatching(/^error: required option '--organisation <slug>' not specified/) });
    expect(await poet("import", "--organisation", "x")).toMatchObject({ code: 2, err: expect.stringMatching(/^error: missing required argument 'file'/) });
    expect((await poet("seed", "--scale", "0")).err).toMatch(/^error: option '--scale <n>' argument '0' is invalid. It must be a positive number/);
    expect((await poet("import", "f.csv", "--organisation", "x", "--encoding", "latin1")).err).toMatch(/Allowed choices are utf-8, windows-1252/);
    expect((await poet("template", "--question-set", "CARER", "--version", "two")).code).toBe(1);
  });

  it("asks poet report for an area and an instrument, or --all, not both", async () => {
    expect(await poet("report", "--area", "E10000024")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^error: report needs --area CODE and --question-set CODE, or --all\n/),
    });
    expect((await poet("report", "--all", "--area", "E10000024")).err).toMatch(/^error: option '--area <code>' cannot be used with option '--all'/);
    expect((await poet("report", "--all", "--period", "2023")).err).toMatch(/A period is a financial year or two/);
  });

  it("reads a period as one year or a run of them", () => {
    expect(parsePeriod("2023-24")).toEqual({ from: "2023-24", to: null });
    expect(parsePeriod("2023-24:2025-26")).toEqual({ from: "2023-24", to: "2025-26" });
  });
});

describe("the poet command itself", () => {
  const index = fileURLToPath(new URL("./index.ts", import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", index, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("prints help and exits 0, and exits 1 on an unknown flag before touching a database", () => {
    const help = run("key", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: poet key \[options\] \[command\][\s\S]*create[\s\S]*revoke[\s\S]*list/);
    const wrong = run("verify", "--fast");
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe("error: unknown option '--fast'\n(poet verify --help lists its options)\n");
  });
});

describe("a bad argument answers at once, without a database", () => {
  const dir = mkdtempSync(join(tmpdir(), "poet-args-"));
  const dataDir = join(dir, "pglite");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function poetOn(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { env: { POET_DATA_DIR: dataDir }, cwd: dir, output: { writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) } });
    return { code, out: out.join(""), err: err.join("") };
  }
  const noDatabase = () => expect(existsSync(dataDir), "a database was opened").toBe(false);

  it("refuses an unknown question set code, naming the codes and the one meant", async () => {
    const result = await poetOn("template", "--question-set", "ADULTPB");
    expect(result).toMatchObject({ code: 1, out: "" });
    expect(result.err).toMatch(
      /^error: option '--question-set <code>' argument 'ADULTPB' is invalid. It must be one of ADULT_PB, CARER, .*\(did you mean ADULT_PB\?\)/,
    );
    expect((await poetOn("import", "x.csv", "--organisation", "o", "--question-set", "nope")).code).toBe(1);
    expect((await poetOn("report", "--area", "E10000024", "--question-set", "nope")).code).toBe(1);
    noDatabase();
  });

  it("refuses a version the question set does not have", async () => {
    expect(await poetOn("template", "--question-set", "carer", "--version", "9")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^error: CARER has no version 9: its versions are 1, 2\n/),
    });
    noDatabase();
  });

  it("refuses a file that is missing or is a folder, exit 2", async () => {
    expect(await poetOn("import", "missing.csv", "--organisation", "o")).toEqual({
      code: 2,
      out: "",
      err: expect.stringMatching(/^poet import: cannot read missing.csv: ENOENT/),
    });
    expect(await poetOn("import", ".", "--organisation", "o")).toMatchObject({ code: 2, err: "poet import: cannot read .: it is not a file\n" });
    noDatabase();
  });

  it("refuses a bad role, organisation type, date, area code or release name", async () => {
    const refusals: [string[], RegExp][] = [
      [["key", "create", "--organisation", "o", "--role", "boss"], /argument 'boss' is invalid. Allowed choices are MEMBER, RESEARCHER, ADMIN/],
      [["key", "create", "--organisation", "o", "--expires", "2027-02-30"], /'--expires <date>' argument '2027-02-30' is invalid/],
      [["organisation", "--slug", "s", "--name", "n", "--type", "CLUB"], /Allowed choices are COUNCIL, HEALTH_BODY, RESEARCH, ADMINISTRATOR/],
      [["organisation", "--slug", "s", "--name", "n", "--type", "COUNCIL", "--area", "E1"], /'--area <code>' argument 'E1' is invalid. It must be a GSS code/],
      [["report", "--area", "nowhere", "--question-set", "CARER"], /'--area <code>' argument 'nowhere' is invalid/],
      [["release", "cut", "--name", "December"], /'--name <name>' argument 'December' is invalid/],
    ];
    for (const [argv, message] of refusals)
      expect(await poetOn(...argv), argv.join(" ")).toMatchObject({ code: 1, out: "", err: expect.stringMatching(message) });
    noDatabase();
  });
});
