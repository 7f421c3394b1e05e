// npm run schema:publish: after a release's section is written in CHANGELOG.md, records the schema
// as published with it, schema/published/<version>.graphql, the baseline every later change is
// compared with (packages/core/src/graphql/compatibility.test.ts). Refuses while the release
// leaves a breaking change since the previous published schema undeclared, or while Unreleased
// still declares breaking changes (they belong under the release). Running it again for the same
// release rewrites its file (additive changes made before the release went out, say).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  checkCompatibility,
  compareVersions,
  compatibilityFailures,
  parseChangelog,
  printPublished,
  readPublished,
  readSchemaSources,
  schemaOf,
} from "../packages/core/src/graphql/compatibility.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const publishedDir = join(root, "schema", "published");

function fail(message: string): never {
  console.error(`schema:publish: ${message}`);
  process.exit(1);
}

const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
const sections = parseChangelog(changelog);
const release = sections.find((s) => s.version !== null && s.version !== "Unreleased")?.version;
if (!release) fail('CHANGELOG.md has no release section ("## [x.y.z] - yyyy-mm-dd") to publish the schema with.');
if (sections.some((s) => s.version === "Unreleased" && s.declarations.length))
  fail(`"## [Unreleased]" declares breaking changes: move them under "## [${release}]" before publishing it.`);

mkdirSync(publishedDir, { recursive: true });
const published = readPublished(publishedDir);
const newer = published.find((p) => compareVersions(p.version, release) > 0);
if (newer) fail(`schema/published/${newer.version}.graphql is newer than the changelog's latest release, ${release}.`);

const current = schemaOf(readSchemaSources(join(root, "schema")));
const previous = published.filter((p) => compareVersions(p.version, release) < 0).at(-1);
if (previous) {
  const report = checkCompatibility(schemaOf(previous.sdl), current, changelog, { after: previous.version, upTo: release });
  const failures = compatibilityFailures(report, `"## [${release}]"`);
  if (failures.length) fail(`the schema breaks ${previous.version}'s clients in ways ${release} does not declare:\n\n${failures.join("\n\n")}`);
  for (const change of report.dangerous) console.log(`dangerous (not refused): ${change}`);
}

const file = join(publishedDir, `${release}.graphql`);
writeFileSync(file, printPublished(current, release));
// Biome formats .graphql files too, and `npm run lint` checks them.
execFileSync(join(root, "node_modules", ".bin", "biome"), ["format", "--write", file], { stdio: "inherit" });
console.log(`schema:publish: wrote schema/published/${release}.graphql${previous ? ` (breaking changes since ${previous.version} all declared)` : ""}`);
