import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type IConfiguration, type ICruiseResult } from "dependency-cruiser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run lint` checks the real tree against .dependency-cruiser.cjs. Here the same rules run on
// a small tree that breaks each of them once, so a rule that stopped biting would fail this test.
const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as IConfiguration;

const TREE: Record<string, string> = {
  "packages/core/src/errors/index.ts": "export class PoetError extends Error {}\n",
  "packages/core/src/db/index.ts": 'import type { Figure } from "../figure/index.ts";\nexport type Db = { figure?: Figure };\n',
  "packages/core/src/figure/index.ts": 'export type { Figure } from "./engine.ts";\n',
  "packages/core/src/figure/engine.ts":
    'import { PoetError } from "../errors/index.ts";\nexport type Figure = number;\nexport const fail = () => new PoetError();\n',
  "packages/core/src/report/index.ts":
    'import { fail } from "../figure/engine.ts";\nimport type { Submitted } from "../response/index.ts";\nexport const draw = (s: Submitted) => fail();\n',
  "packages/core/src/response/index.ts": 'import type { Figure } from "../figure/index.ts";\nexport type Submitted = Figure;\n',
  "packages/core/src/area/index.ts": 'import type { Code } from "../questionset/index.ts";\nexport type Area = Code;\n',
  "packages/core/src/questionset/index.ts": 'import type { Area } from "../area/index.ts";\nexport type Code = Area;\n',
  "packages/core/src/stray/index.ts": "export const stray = 1;\n",
  "packages/core/src/util/text.ts": 'import { stray } from "../stray/index.ts";\nexport const upper = (s: string) => s.toUpperCase() + stray;\n',
  "packages/core/src/testing/fixtures.ts": "export const fixture = 1;\n",
  "packages/cli/src/index.ts":
    'import { fixture } from "../../core/src/testing/fixtures.ts";\nimport { handler } from "../../functions/src/graphql.ts";\nexport const run = () => handler(fixture);\n',
  "packages/functions/src/graphql.ts": "export const handler = (n: number) => n;\n",
};

let dir: string;
let result: ICruiseResult;
const broken = (rule: string) =>
  result.summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => `${v.from} -> ${v.to}`)
    .sort();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "poet-layers-"));
  for (const [file, text] of Object.entries(TREE)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { tsConfig: _, ...options } = config.options!;
    const reported = await cruise(["packages"], { ...options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir: dir });
    result = reported.output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the layer rules", () => {
  it("refuse an upward import, type-only ones included", () => {
    expect(broken("layer-db")).toEqual(["packages/core/src/db/index.ts -> packages/core/src/figure/index.ts"]);
  });

  it("refuse the read path reaching the write path, and neighbours on one layer importing each other", () => {
    expect(broken("layer-response-report-download")).toEqual(["packages/core/src/report/index.ts -> packages/core/src/response/index.ts"]);
    expect(broken("layer-area-questionset")).toEqual([
      "packages/core/src/area/index.ts -> packages/core/src/questionset/index.ts",
      "packages/core/src/questionset/index.ts -> packages/core/src/area/index.ts",
    ]);
  });

  it("refuse a deep import into another folder, but not into one's own", () => {
    expect(broken("deep-import")).toEqual(["packages/core/src/report/index.ts -> packages/core/src/figure/engine.ts"]);
  });

  it("refuse a folder that has no place in the layers", () => {
    expect(broken("core-folder-outside-layers")).toEqual(["packages/core/src/util/text.ts -> packages/core/src/stray/index.ts"]);
  });

  it("refuse test support in a program, and one program importing another", () => {
    expect(broken("test-support-in-production")).toEqual(["packages/cli/src/index.ts -> packages/core/src/testing/fixtures.ts"]);
    expect(broken("apps-import-each-other")).toEqual(["packages/cli/src/index.ts -> packages/functions/src/graphql.ts"]);
  });

  it("refuse a cycle of modules", () => {
    expect(broken("no-circular").length).toBeGreaterThan(0);
    expect(broken("no-circular").every((v) => /(area|questionset)\/index\.ts/.test(v))).toBe(true);
  });
});
