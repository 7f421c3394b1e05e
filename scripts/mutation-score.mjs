/**
 * One mutation score from Stryker's JSON reports of several shards (see docs/mutation-testing.md):
 * `node scripts/mutation-score.mjs reports/*.json [--survivors]`. A file in more than one report
 * is taken from the last. Exits 1 under the `break` threshold of stryker.config.json.
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const reports = args.filter((a) => !a.startsWith("--"));
if (reports.length === 0) {
  console.error("usage: node scripts/mutation-score.mjs <mutation.json>... [--survivors]");
  process.exit(2);
}
const files = new Map();
for (const report of reports) for (const [path, file] of Object.entries(JSON.parse(readFileSync(report, "utf8")).files)) files.set(path, file);

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const score = (c) => (c.detected + c.undetected ? (100 * c.detected) / (c.detected + c.undetected) : 100);
const total = { detected: 0, undetected: 0, ignored: 0 };
const rows = [];
for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const c = { detected: 0, undetected: 0, ignored: 0 };
  for (const m of file.mutants) {
    if (DETECTED.has(m.status)) c.detected++;
    else if (UNDETECTED.has(m.status)) c.undetected++;
    else if (m.status === "Ignored") c.ignored++;
  }
  for (const k of Object.keys(total)) total[k] += c[k];
  rows.push([path, c]);
  if (args.includes("--survivors")) {
    const lines = file.source.split("\n");
    for (const m of file.mutants.filter((m) => UNDETECTED.has(m.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
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
