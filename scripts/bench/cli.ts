/**
 * The `poet` command's start-up, as a person at a terminal waits for it: each run is a whole new
 * process, timed from spawn to exit, on a data folder set up once beforehand (what a second
 * command on a fresh clone meets). `poet --help` and `poet key list` through the command itself
 * (`node --import tsx packages/cli/src/index.ts`) and through `npm run poet --` (with its
 * pre-script's codegen check); then, unless --quick, the first `npm start` (a new folder: set up
 * and seed the demo data) and a second, each timed to its "POET API ready" line.
 *
 *   npm run bench -- --only cli [--runs 5] [--quick]
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ms, summary } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const CLI_TARGET_MS = 2_000;
export const START_TARGET_MS = 30_000;

interface Finished {
  code: number | null;
  elapsed: number;
  out: string;
}

/** Runs a command to its end (or, with `until`, to the first output matching it, then stops it); its wall time. */
function time(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; until?: RegExp; timeoutMs?: number }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    let done = false;
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // A command timed to a line must print it: one that exits first failed, however fast.
      if (options.until && !options.until.test(out)) reject(new Error(`${command} ${args.join(" ")} exited ${code} before printing ${options.until}:\n${out}`));
      else resolve({ code, elapsed: performance.now() - started, out });
    };
    const stop = () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(" ")} took over ${options.timeoutMs} ms:\n${out}`));
    }, options.timeoutMs ?? 120_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (options.until?.test(out)) {
        finish(0);
        stop();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", reject);
    child.once("exit", (code) => finish(code));
  });
}

export const cli: Benchmark = {
  name: "cli",
  description: "poet --help and poet key list as whole processes on a set-up folder; the first npm start on a demo folder",
  async run({ root, workDir, runs, quick }) {
    const node = process.execPath;
    const index = path.join(root, "packages/cli/src/index.ts");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const env = { ...process.env, POET_DATA_DIR: path.join(workDir, "cli-pglite"), NO_COLOR: "1", PORT: "0" };
    const opts = { cwd: root, env };

    const setup = await time(node, ["--import", "tsx", index, "setup"], opts);
    if (setup.code !== 0) throw new Error(`poet setup failed:\n${setup.out}`);

    const cases: [string, string, string[]][] = [
      ["poet --help", node, ["--import", "tsx", index, "--help"]],
      ["poet key list", node, ["--import", "tsx", index, "key", "list"]],
      ["npm run poet -- --help", npm, ["run", "--silent", "poet", "--", "--help"]],
      ["npm run poet -- key list", npm, ["run", "--silent", "poet", "--", "key", "list"]],
    ];
    const n = Math.max(3, Math.min(runs, quick ? 3 : runs));
    const rows: (string | number)[][] = [];
    let ok = true;
    for (const [label, command, args] of cases) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const run = await time(command, args, opts);
        if (run.code !== 0) throw new Error(`${label} exited ${run.code}:\n${run.out}`);
        times.push(run.elapsed);
      }
      const s = summary(times);
      if (s.median > CLI_TARGET_MS) ok = false;
      rows.push([label, ms(s.median), ms(s.min), ms(s.max), n, s.median <= CLI_TARGET_MS ? "yes" : "NO"]);
    }
    const sections: Section[] = [
      {
        title: `poet on a set-up PGlite folder: whole processes, spawn to exit (target: median under ${CLI_TARGET_MS / 1000} s)`,
        columns: ["command", "median", "min", "max", "runs", "on target"],
        rows,
        notes: [`setting the folder up first took ${ms(setup.elapsed)} (poet setup on a new folder)`],
        ok,
      },
    ];

    if (!quick) {
      // The demo folder as the first `npm start` leaves it; the second start is the one timed.
      const demo = { ...env, POET_DATA_DIR: path.join(workDir, "cli-demo") };
      const ready = /POET API ready/;
      const first = await time(npm, ["start", "--silent"], { cwd: root, env: demo, until: ready, timeoutMs: 600_000 });
      const again = await time(npm, ["start", "--silent"], { cwd: root, env: demo, until: ready, timeoutMs: 120_000 });
      sections.push({
        title: `npm start, to "POET API ready" (target: under ${START_TARGET_MS / 1000} s, the first included)`,
        columns: ["start", "wall time", "on target"],
        rows: [
          ["the first: a new folder (sets up and seeds the demo data)", ms(first.elapsed), first.elapsed <= START_TARGET_MS ? "yes" : "NO"],
          ["again, on the set-up demo folder", ms(again.elapsed), again.elapsed <= START_TARGET_MS ? "yes" : "NO"],
        ],
        ok: first.elapsed <= START_TARGET_MS && again.elapsed <= START_TARGET_MS,
      });
    }
    return sections;
  },
};
