import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";

// The limits are tuned so that every example the README gives passes them, and answers.
const demo = useDemoApi();
const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the README's examples", () => {
  it("are there to run", () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(examples.filter((query) => /\bstatus\b/.test(query)).length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((query, i) => [i + 1, query] as const))("example %i answers without an error, within the limits, with figures", async (_, query) => {
    const result = await demo.api.query(query);
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost.requested).toBeLessThanOrEqual(result.extensions?.cost.limit);
    // An example that asks for measures' statuses shows at least one published figure, not only gaps.
    const statuses = [...JSON.stringify(result.data).matchAll(/"status":"(\w+)"/g)].map((m) => m[1]);
    if (/\bstatus\b/.test(query)) expect(statuses).toContain("AVAILABLE");
  });
});
