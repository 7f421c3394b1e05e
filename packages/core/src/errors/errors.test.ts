import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README lists every code a caller may meet; the list must not drift from the code's.
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const union = /export type ErrorCode =([^;]*);/.exec(read("./index.ts"))?.[1] ?? "";
const codes = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]!);
const listed = /^- Errors carry a code in `extensions\.code`:[\s\S]*?(?=\n- |\n\n)/m.exec(read("../../../../README.md"))?.[0] ?? "";

describe("the README's error codes", () => {
  it("are found: the ErrorCode union and the README's list", () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(codes).toContain("RESPONSE_TOO_LARGE");
    expect(listed).toContain("`INTERNAL_SERVER_ERROR`");
  });

  it.each(codes)("name %s", (code) => {
    expect(listed).toContain(`\`${code}\``);
  });
});
