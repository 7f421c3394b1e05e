import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The declared equivalent mutants (scripts/mutation-exclusions.mjs) are found by the code they name,
// so an entry goes stale when that code changes: this says so in every test run, not hours into a
// mutation run.
describe("mutation exclusions", () => {
  it("finds each entry's code exactly once", () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL("./stryker-exclusions.mjs", import.meta.url)), "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
