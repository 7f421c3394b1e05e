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
    // An example shows figures, not only gaps: a published status, a number, an eligible area, wherever it asks for them.
    const answer = JSON.stringify(result.data);
    const all = (key: string) => [...answer.matchAll(new RegExp(`"${key}":("\\w+"|[\\d.]+|null|true|false)`, "g"))].map((m) => m[1]);
    const statuses = all("status");
    if (statuses.length) expect(statuses).toContain('"AVAILABLE"');
    const percentages = all("percentage");
    if (percentages.length) expect(percentages.some((p) => p !== "null")).toBe(true);
    for (const key of ["eligible", "reportEligible"]) if (all(key).length) expect(all(key)).toContain("true");
  });
});
