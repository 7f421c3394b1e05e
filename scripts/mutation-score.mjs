/**
 * One mutation score from Stryker's JSON reports of several shards (see docs/mutation-testing.md):
 * `node scripts/mutation-score.mjs reports/*.json [--survivors]`. A mutant in more than one report
 * (the same file, place, mutator and replacement) takes its best outcome: killed anywhere is
 * killed, as a static mutant left out of a database shard is killed by the unit shard that runs
 * it. Exits 1 under the `break` threshold of stryker.config.json.
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const reports = args.filter((a) => !a.startsWith("--"));
if (reports.length === 0) {
  console.error("usage: node scripts/mutation-score.mjs <mutation.json>... [--survivors]");
  process.exit(2);
}
const RANK = { Killed: 4, Timeout: 4, Survived: 3, NoCoverage: 2, Ignored: 1 };
const rank = (m) => RANK[m.status] ?? 0;
/** path → { source, mutants: Map(identity → mutant) } */
const files = new Map();
for (const report of reports) {
  for (const [path, file] of Object.entries(JSON.parse(readFileSync(report, "utf8")).files)) {
    const merged = files.get(path) ?? { source: file.source, mutants: new Map() };
    for (const m of file.mutants.values()) {
      const id = `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement}`;
      const seen = merged.mutants.get(id);
      if (!seen || rank(m) > rank(seen)) merged.mutants.set(id, m);
    }
    files.set(path, merged);
  }
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const score = (c) => (c.detected + c.undetected ? (100 * c.detected) / (c.detected + c.undetected) : 100);
const total = { detected: 0, undetected: 0, ignored: 0 };
const rows = [];
for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const c = { detected: 0, undetected: 0, ignored: 0 };
  for (const m of file.mutants.values()) {
    if (DETECTED.has(m.status)) c.detected++;
    else if (UNDETECTED.has(m.status)) c.undetected++;
    else if (m.status === "Ignored") c.ignored++;
  }
  for (const k of Object.keys(total)) total[k] += c[k];
  rows.push([path, c]);
  if (args.includes("--survivors")) {
    const lines = file.source.split("\n");
    for (const m of [...file.mutants.values()].filter((m) => UNDETECTED.has(m.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
      const line = m.location.start.line;
      console.log(`${path}:${line} ${m.status} ${m.mutatorName}: ${JSON.stringify(m.replacement ?? "").slice(0, 60)} | ${lines[line - 1].trim().slice(0, 80)}`);
    }
  }
}
const width = Math.max(...rows.map(([p]) => p.length));
for (const [path, c] of rows)
  console.log(`${path.padEnd(width)}  ${score(c).toFixed(1).padStart(5)}%  ${c.detected} detected, ${c.undetected} undetected, ${c.ignored} ignored`);
const threshold = JSON.parse(readFileSync(new URL("../stryker.config.json", import.meta.url), "utf8")).thresholds.break;
console.log(
  `${"all".padEnd(width)}  ${score(total).toFixed(2).padStart(5)}%  ${total.detected} detected, ${total.undetected} undetected, ${total.ignored} ignored (break at ${threshold}%)`,
);
process.exit(score(total) < threshold ? 1 : 0);
