import { describe, expect, it } from "vitest";
import type { QuestionSetRow } from "../questionset/questionset.sql.ts";
import type { ReferenceData } from "./reference.ts";
import { resolveQuestionSet } from "./target.ts";

const set = (id: number, version: number, status: QuestionSetRow["status"] = "PUBLISHED"): QuestionSetRow => ({
  id,
  code: "CARER",
  version,
  name: "Carers",
  respondent: "A carer.",
  description: "Carers' POET.",
  status,
  publishedOn: "2025-04-01",
});
const reference = (sets: QuestionSetRow[], years: Record<number, number[]>) =>
  ({ questionSets: sets, yearsBySet: new Map(Object.entries(years).map(([id, y]) => [Number(id), y])) }) as unknown as ReferenceData;

describe("resolveQuestionSet", () => {
  const sets = [set(1, 1), set(2, 2), set(3, 3, "DRAFT")];

  it("reads the latest published version that holds responses when none is asked for", () => {
    expect(resolveQuestionSet(reference(sets, { 1: [2024] }), "CARER").version).toBe(1);
    expect(resolveQuestionSet(reference(sets, { 1: [2024], 2: [2025] }), "CARER").version).toBe(2);
    expect(resolveQuestionSet(reference(sets, { 3: [2025] }), "CARER").version).toBe(2);
    expect(resolveQuestionSet(reference(sets, {}), "CARER").version).toBe(2);
  });

  it("reads the version asked for, data or not, and refuses a draft or a missing one", () => {
    expect(resolveQuestionSet(reference(sets, { 1: [2024] }), "CARER", 2).version).toBe(2);
    expect(() => resolveQuestionSet(reference(sets, {}), "CARER", 3)).toThrow("No published CARER question set version 3");
    expect(() => resolveQuestionSet(reference(sets, {}), "PHB")).toThrow("No published PHB question set");
  });
});
