import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/app";
import { createPgliteDatabase } from "@poet/core/db";
import { testDriver } from "@poet/core/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningServer, startServer } from "./commands.ts";
import { withOutput } from "./output.ts";
import { main } from "./program.ts";
import { spawnServe } from "./spawn.ts";

// One PGlite folder, one owner: `poet serve` runs in its own process, as `npm start` does, and
// every other command is run against the same folder, going through it; heavy requests leave
// other callers their turns; then the server is killed (SIGKILL) in the middle of an import and
// the folder opened again.
const dir = mkdtempSync(join(tmpdir(), "poet-owner-"));
const dataDir = join(dir, "pglite");
const env = { POET_DATA_DIR: dataDir, PORT: "0", NODE_ENV: "test", POET_LOG_LEVEL: "silent" };
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** A command line run as `poet` runs it, from `cwd`: exit code, stdout and stderr. */
async function poet(argv: string[], cwd = dir): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = { out: (text: string) => void out.push(text), err: (text: string) => void err.push(text), terminal: false };
  const code = await withOutput(sink, () => main(argv, { env, cwd, output: { writeOut: sink.out, writeErr: sink.err } }));
  return { code, out: out.join(""), err: err.join("") };
}

/** The last line a successful command printed. */
async function lastLine(argv: string[]): Promise<string> {
  const run = await poet(argv);
  expect(run, argv.join(" ")).toMatchObject({ code: 0 });
  return run.out.trim().split("\n").at(-1)!;
}

const spawnServer = () => {
  const started = spawnServe(env);
  started.then(
    ({ child }) => children.push(child),
    () => {},
  );
  return started;
};

async function graphql(url: string, key: string, query: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string }[] } };
}

const ROWS = 20_000;

/** When the server last wrote to the folder's write-ahead log. */
const walWritten = (): number =>
  Math.max(
    ...readdirSync(join(dataDir, "pg_wal"), { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => statSync(join(dataDir, "pg_wal", f.name)).mtimeMs),
  );

/** A CSV file of `rows` copies of the template's example row, each under its own reference. */
function csvOf(template: string, prefix: string, rows: number): string {
  const [header, example] = template.trim().split(/\r?\n/);
  const rest = example!.slice(example!.indexOf(","));
  return [header, ...Array.from({ length: rows }, (_, i) => `${prefix}-${String(i).padStart(5, "0")}${rest}`)].join("\n");
}

let server: { child: ChildProcess; url: string };

const postQuery = async (query: string) =>
  (await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })).json() as Promise<{
    data?: any;
    errors?: unknown[];
  }>;

/** Runs `heavy` while asking `{ about { version } }` over and over; how many were answered before it was. */
async function answeredMeanwhile(heavy: string): Promise<{ answered: number; result: { data?: any; errors?: unknown[] } }> {
  let done = false;
  let answered = 0;
  const running = postQuery(heavy).finally(() => (done = true));
  while (!done) {
    await postQuery("{ about { version } }");
    if (!done) answered++;
  }
  return { answered, result: await running };
}

describe.runIf(testDriver() === "pglite")("a PGlite folder held by poet serve", () => {
  const keys = { admin: "", council: "" };

  beforeAll(async () => {
    const demo = await createPgliteDatabase(dataDir, { loadDataDir: new Blob([readFileSync(inject("demoDatabase"))]) });
    await demo.close();
    server = await spawnServer();
  }, 120_000);

  it("runs every other command through the server, whose keys then work at once", async () => {
    expect((await poet(["setup"])).code).toBe(0);
    const seeded = await poet(["seed"]);
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.err).toMatch(/held by the server at http:\/\/localhost:\d+\/graphql \(process \d+\): running this command there/);
    expect(seeded.err).toMatch(/demo data already loaded/);

    await lastLine(["organisation", "--slug", "owner-admin", "--name", "Owner administrators", "--type", "ADMINISTRATOR"]);
    keys.admin = await lastLine(["key", "create", "--organisation", "owner-admin"]);
    await lastLine(["organisation", "--slug", "owner-council", "--name", "Owner council", "--type", "COUNCIL", "--area", "E06000001"]);
    keys.council = await lastLine(["key", "create", "--organisation", "owner-council"]);
    const spare = await lastLine(["key", "create", "--organisation", "owner-council", "--name", "spare"]);
    expect(await lastLine(["key", "revoke", "--prefix", spare.slice(0, 13)])).toMatch(/^poet: key poet_\w{8} revoked at /);

    // The server knows the keys at once: no restart, no 401.
    expect((await graphql(server.url, keys.admin, "{ viewer { role } }")).body.data).toEqual({ viewer: { role: "ADMIN" } });
    expect((await graphql(server.url, keys.council, "{ viewer { organisation { slug } } }")).body.data).toEqual({
      viewer: { organisation: { slug: "owner-council" } },
    });
    expect((await graphql(server.url, spare, "{ viewer { role } }")).status).toBe(401);

    const listed = (await poet(["key", "list"])).out.trim().split("\n");
    expect(listed.map((line) => line.split("\t").slice(1, 4))).toEqual(
      expect.arrayContaining([
        ["owner-admin", "ADMIN", "active"],
        ["owner-council", "MEMBER", "active"],
        ["owner-council", "MEMBER", expect.stringMatching(/^revoked /)],
      ]),
    );

    // Paths are the caller's: a relative file is read, and a relative --out written, from its folder.
    const template = await poet(["template", "--question-set", "ADULT_PB"]);
    expect(template.code).toBe(0);
    mkdirSync(join(dir, "work"));
    writeFileSync(join(dir, "work", "three.csv"), csvOf(template.out, "OWNER", 3));
    expect(await poet(["import", "three.csv", "--organisation", "owner-council", "--dry-run"], join(dir, "work"))).toMatchObject({ code: 0 });
    const imported = await poet(["import", "three.csv", "--organisation", "owner-council"], join(dir, "work"));
    expect(imported.out).toMatch(/three\.csv: 3 rows read .*: 3 rows written \(3 created\)/);

    expect(await poet(["verify"])).toMatchObject({ code: 0, out: expect.stringMatching(/every figure cube matches/) });
    expect((await poet(["release", "list"])).out).toMatch(/^2026-07 \(latest\)/);
    expect(await poet(["release", "cut", "--name", "2026-12-owner"])).toMatchObject({ code: 0 });
    const report = await poet(["report", "--area", "E10000024", "--question-set", "ADULT_PB", "--out", "out/surrey.html"], join(dir, "work"));
    expect(report).toMatchObject({ code: 0, out: "out/surrey.html\n" });
    // Drawn by the server, its charts in the server's chart thread.
    expect(readFileSync(join(dir, "work", "out", "surrey.html"), "utf8")).toMatch(/^<!doctype html>[\s\S]*<svg class="strip"/i);
  }, 120_000);

  it("refuses a second server at once, saying what to do", async () => {
    const second = await poet(["serve"]);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/is in use by "poet serve" \(process \d+, since .*\), and PGlite allows one process at a time/);
    expect(second.err).toMatch(/stop this one first \(Ctrl\+C where it runs\) or give the new one its own POET_DATA_DIR/);
  });

  // The server is one thread with PGlite inside it: a heavy request must leave turns to the
  // others. Counted, not timed (`npm run bench -- --only hostile` times it): how many of a
  // second client's requests are answered while the heavy one is still at work. Before queries
  // and charts took turns, none was.
  it("leaves turns to other callers while it draws four reports", async () => {
    const reports = `{ ${[1, 2, 3, 4].map((i) => `r${i}: localReport(area: "E10000024", questionSet: ADULT_PB) { html }`).join(" ")} }`;
    const { answered, result } = await answeredMeanwhile(reports);
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data).every((r: any) => r.html.includes("<svg"))).toBe(true);
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it("leaves turns to other callers while it builds an export", async () => {
    const { answered, result } = await answeredMeanwhile(`{ figureExport(questionSet: PHB) { rowCount content } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.figureExport.rowCount).toBeGreaterThan(10_000);
    expect(answered).toBeGreaterThanOrEqual(3);
  });

  it("loses nothing when the server is killed in the middle of an import", async () => {
    const template = await poet(["template", "--question-set", "ADULT_PB"]);
    writeFileSync(join(dir, "big.csv"), csvOf(template.out, "KILLED", ROWS));
    const before = walWritten();
    let finished = false;
    const running = poet(["import", "big.csv", "--organisation", "owner-council"]).finally(() => (finished = true));
    // Killed as soon as the import's transaction is writing to the write-ahead log.
    while (walWritten() === before && !finished) await new Promise((resolve) => setTimeout(resolve, 5));
    const gone = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGKILL");
    // Reaped, not only signalled: a large process takes a moment to go on a busy machine, and
    // until then its lock names a live owner.
    await gone;
    const interrupted = await running;
    expect(interrupted.code).toBe(1);
    expect(interrupted.err).toMatch(/stopped before the command finished|does not answer/);

    // The dead server's lock is taken over: the folder opens, with every key as it was.
    const listed = await poet(["key", "list"]);
    // The server set the folder up: the command opens it as it is, with nothing to say on stderr.
    expect(listed).toMatchObject({ code: 0, err: "" });
    expect(listed.out.trim().split("\n")).toHaveLength(3);

    let again: RunningServer | undefined;
    try {
      again = await startServer(loadConfig(env));
      const read = async (ref: string) => {
        const { body } = await graphql(again!.url, keys.council, `{ response(externalRef: "${ref}") { externalRef } }`);
        expect(body.errors).toBeUndefined();
        return body.data.response?.externalRef ?? null;
      };
      expect(await read("OWNER-00001")).toBe("OWNER-00001");
      // The import is one transaction: all of it or none of it survived.
      expect([
        [null, null],
        ["KILLED-00000", `KILLED-${ROWS - 1}`],
      ]).toContainEqual([await read("KILLED-00000"), await read("KILLED-02999")]);
    } finally {
      await again?.stop();
    }
  }, 120_000);

  it("refuses at once a folder another command holds, and says to wait", async () => {
    const holder = spawn("sleep", ["30"]);
    children.push(holder);
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: holder.pid, command: "poet seed", since: new Date().toISOString() }));
    const refused = await poet(["key", "list"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/in use by "poet seed" \(process \d+, since .*\).*Wait for it to finish or stop it, then run this again/);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect((await poet(["key", "list"])).code).toBe(0);
  });
});
