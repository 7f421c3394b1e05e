import { describe, expect, it } from "vitest";
import { opt, q } from "../questionset/definitions/scales.ts";
import type { QuestionSetDefinition } from "../questionset/types.ts";
import { generateInstrument } from "./engine.ts";
import type { InstrumentModel } from "./model.ts";

// A two-question instrument: one graded, one multi-tick, as a later version answered only in 2025-26.
const DEFINITION: QuestionSetDefinition = {
  code: "CARER",
  version: 2,
  name: "Test",
  respondent: "A tester, in a test.",
  description: "A question set made up for a test.",
  publishedOn: "2025-04-01",
  scales: [
    { code: "YES_NO", label: "No or yes", options: [opt("no", "No", "NEGATIVE"), opt("yes", "Yes", "POSITIVE"), opt("dont_know", "Don't know", "EXCLUDED")] },
    { code: "SUPPORT", label: "Support used", multiple: true, options: ["a", "b", "c"].map((c) => opt(c, c, null)) },
  ],
  questions: [
    { ...q("plan", "Did you get help to plan?", "PROCESS", null, "YES_NO", "S", "help to plan"), comparable: true },
    { ...q("support", "Which support do you use?", "ABOUT_YOU", null, "SUPPORT", "S", "support used"), comparable: false },
  ],
};
const MODEL: InstrumentModel = {
  code: "CARER",
  count: 400,
  about: [],
  process: () => 0,
  outcome: () => 0,
  rho: 0.5,
  graded: [{ code: "plan", latent: "P", positive: 60, negative: 40 }],
  ticks: [{ code: "support", draw: (rng) => (rng.next() < 0.5 ? ["c", "a"] : rng.next() < 0.5 ? ["b"] : []) }],
  modes: [1, 1, 1],
  comments: { good: ["good"], poor: ["poor"], mixed: ["mixed"] },
};

describe("the demo engine", () => {
  const rows = [...generateInstrument(MODEL, DEFINITION, 7, 400, { years: [2025] })];

  it("draws a later version's responses in the years asked for, under references of their own", () => {
    expect(rows).toHaveLength(400);
    for (const r of rows) {
      expect(r.collectedOn >= "2025-04-01" && r.collectedOn <= "2026-03-31", r.collectedOn).toBe(true);
      expect(r.externalRef).toMatch(/^DEMO-CARER-V2-E\d{8}-\d{6}$/);
      expect(r.version).toBe(2);
    }
    expect(new Set(rows.map((r) => r.externalRef)).size).toBe(400);
  });

  it("collects a later version by telephone too, and says UNKNOWN when the form does not say who filled it in", () => {
    const byPhone = rows.filter((r) => r.collectionMode === "TELEPHONE").length;
    expect(byPhone).toBeGreaterThan(5);
    expect(byPhone).toBeLessThan(60);
    expect(new Set(rows.map((r) => r.completedBy))).toEqual(new Set(["UNKNOWN"]));
  });

  it("stores multi-tick answers as the options ticked, in scale order, and leaves none ticked unanswered", () => {
    const ticked = rows.map((r) => JSON.stringify(r.ticks?.support ?? null));
    expect(new Set(ticked)).toEqual(new Set(['["a","c"]', '["b"]', "null"]));
    expect(rows.every((r) => !("support" in r.answers))).toBe(true);
    expect(rows.filter((r) => r.ticks).every((r) => Object.keys(r.ticks!).join() === "support")).toBe(true);
  });

  it("still lands the graded shares exactly", () => {
    const answered = rows.filter((r) => r.answers.plan === "yes" || r.answers.plan === "no");
    expect(answered.filter((r) => r.answers.plan === "yes").length).toBe(Math.round(0.6 * answered.length));
  });

  it("refuses years in which no area collects", () => {
    expect(() => [...generateInstrument(MODEL, DEFINITION, 7, 10, { years: [2019] })]).toThrow("CARER demo: no area collects in 2019");
  });
});
