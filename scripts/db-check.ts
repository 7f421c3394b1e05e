/**
 * `npm run db:check`: the committed migrations (packages/core/migrations) match the drizzle tables
 * (`*.sql.ts`). It runs `drizzle-kit generate` with the project's config on a copy of the
 * migrations folder in a temporary directory, so the work tree is never written, and fails when
 * drizzle-kit would write (or change) anything: then `npm run db:generate` and commit the
 * migration. Needs no database. `--keep` leaves the temporary copy for a look.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const config = join(root, "packages/core/drizzle.config.ts");
const migrations = join(root, "packages/core/migrations");
const keep = process.argv.includes("--keep");

/** Every file under `dir`, by path relative to it, with its content. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(relative(dir, path), readFileSync(path, "utf8"));
  }
  return found;
}

const scratch = mkdtempSync(join(tmpdir(), "poet-db-check-"));
let failed = false;
try {
  const out = join(scratch, "migrations");
  cpSync(migrations, out, { recursive: true });
  // The project's config with only `out` moved. drizzle-kit reads `out` (and the schema glob)
  // relative to the working directory, the root: an absolute `out` would become ".//tmp/…".
  const scratchConfig = join(scratch, "drizzle.config.ts");
  writeFileSync(scratchConfig, `import config from ${JSON.stringify(config)};\nexport default { ...config, out: ${JSON.stringify(relative(root, out))} };\n`);

  const kit = dirname(createRequire(import.meta.url).resolve("drizzle-kit")); // its bin.cjs is not exported
  const bin = join(kit, "bin.cjs");
  // No standard input: a question from drizzle-kit (a rename?) ends the run instead of waiting.
  const run = spawnSync(process.execPath, [bin, "generate", "--config", scratchConfig], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: 120_000,
  });
  const before = files(migrations);
  const after = files(out);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();

  // drizzle-kit exits 0 after some errors (an unreadable snapshot, say), so the check also wants
  // its own word that it compared the tables with the last snapshot and found nothing to write.
  const output = `${run.stdout}${run.stderr}`;
  if (changed.length === 0 && (run.status !== 0 || run.error || !output.includes("No schema changes"))) {
    failed = true;
    console.error(`db:check: drizzle-kit generate did not finish the comparison (${run.error?.message ?? `exit ${run.status ?? run.signal}`}):`);
    console.error(output);
  } else if (changed.length > 0) {
    failed = true;
    console.error("db:check: the migrations do not match the tables (*.sql.ts); drizzle-kit generate would write:");
    for (const path of changed) {
      console.error(`\n--- packages/core/migrations/${path} (${before.has(path) ? "changed" : "new"})`);
      if (path.endsWith(".sql")) console.error(after.get(path));
    }
    console.error("\nRun `npm run db:generate` and commit the migration it writes.");
  } else {
    console.log("db:check: the migrations match the tables");
  }
} finally {
  if (keep) console.error(`db:check: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
