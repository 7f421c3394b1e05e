import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/**
 * `poet serve` in a process of its own, as `npm start` runs it (from `cwd`, the repository's root
 * by default); resolves once it says its API is ready, with that API's URL.
 */
export function spawnServe(env: Record<string, string>, cwd = join(import.meta.dirname, "../../..")): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "index.ts"), "serve"], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const url = /ready at (http:\S+)/.exec(log)?.[1];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`poet serve exited ${code}: ${log}`)));
  });
}
