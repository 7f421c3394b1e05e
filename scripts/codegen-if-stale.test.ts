import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module the pre-scripts run with node, without types
import { codegenIfStale } from "./codegen-if-stale.mjs";

// The pre-scripts' codegen check: generate on a new tree, not again on an unchanged one, and
// again after a schema or config change or when an output is missing.

describe("codegenIfStale", () => {
  const root = mkdtempSync(join(tmpdir(), "poet-codegen-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "schema"));
  mkdirSync(join(root, "out"));
  writeFileSync(join(root, "schema/a.graphql"), "type Query { a: Int }\n");
  writeFileSync(join(root, "codegen.ts"), "export default {};\n");
  let runs = 0;
  const generate = () => {
    runs++;
    writeFileSync(join(root, "out/generated.ts"), `// ${runs}\n`);
  };
  const check = () => codegenIfStale({ root, generate, outputs: ["out/generated.ts"], stamp: "out/.stamp" }) as boolean;

  it("generates once, then not while nothing changed", () => {
    expect(check()).toBe(true);
    expect(check()).toBe(false);
    expect(runs).toBe(1);
  });

  it("generates again after a schema file changes, is added, or codegen.ts changes", () => {
    writeFileSync(join(root, "schema/a.graphql"), "type Query { a: Int, b: Int }\n");
    expect(check()).toBe(true);
    writeFileSync(join(root, "schema/b.graphql"), "extend type Query { c: Int }\n");
    expect(check()).toBe(true);
    writeFileSync(join(root, "codegen.ts"), "export default { config: {} };\n");
    expect(check()).toBe(true);
    expect(check()).toBe(false);
  });

  it("generates again when an output is missing, or when forced", () => {
    unlinkSync(join(root, "out/generated.ts"));
    expect(check()).toBe(true);
    expect(codegenIfStale({ root, generate, outputs: ["out/generated.ts"], stamp: "out/.stamp", force: true })).toBe(true);
    expect(check()).toBe(false);
  });
});
