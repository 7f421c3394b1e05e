import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";

// A dashboard written against version 1 names version 1's question codes and no version. Version 2
// (answered in 2025-26 on the demo data) renamed or dropped some of them; without a version, such a
// code reads the latest version that holds it and has responses, as version 1 alone was read before
// version 2, and the figure names the version and period it read. Asked for a version, nothing changes.
const demo = useDemoApi();
const ENGLAND = "E92000001";

describe("a question code the latest version dropped, without a version", () => {
  it("reads the latest version that holds it, exactly as asking for that version does", async () => {
    const Q = `query($v: Int) { benchmark(questionSet: ADULT_PB, question: "views_included_in_plan", area: "${ENGLAND}", version: $v) {
      questionSet { version } versions period { label } value { numerator denominator status } } }`;
    const unpinned = await demo.api.query(Q, { v: null });
    expect(unpinned.errors).toBeUndefined();
    const pinned = await demo.api.data(Q, { v: 1 });
    expect(unpinned.data?.benchmark).toEqual(pinned.benchmark);
    expect(pinned.benchmark).toMatchObject({
      questionSet: { version: 1 },
      versions: [1],
      period: { label: "2022-23 to 2024-25" },
      value: { status: "AVAILABLE" },
    });
  });

  it("splits by a category the latest version dropped, and associates a dropped process question", async () => {
    const BREAKDOWN = `query($v: Int) { breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "budget_management", area: "${ENGLAND}", version: $v) {
      questionSet { version } versions total { denominator } categories { option { code } measure { numerator status } } } }`;
    const unpinned = await demo.api.query(BREAKDOWN, { v: null });
    expect(unpinned.errors).toBeUndefined();
    expect(unpinned.data?.breakdown).toEqual((await demo.api.data(BREAKDOWN, { v: 1 })).breakdown);
    expect(unpinned.data?.breakdown).toMatchObject({ questionSet: { version: 1 }, versions: [1] });

    const byDropped = `query($v: Int) { breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "who_helped_plan", version: $v) {
      questionSet { version } categories { option { code } measure { numerator status } } } }`;
    expect((await demo.api.data(byDropped, { v: null })).breakdown).toEqual((await demo.api.data(byDropped, { v: 1 })).breakdown);

    const ASSOCIATION = `query($v: Int) { association(questionSet: ADULT_PB, process: "views_included_in_plan", outcome: "quality_of_life", version: $v) {
      questionSet { version } versions relativeRisk { estimate } } }`;
    const associated = await demo.api.query(ASSOCIATION, { v: null });
    expect(associated.errors).toBeUndefined();
    expect(associated.data?.association).toEqual((await demo.api.data(ASSOCIATION, { v: 1 })).association);
  });

  it("gives a dropped question's trend over the years of the version that asked it", async () => {
    const Q = `query($v: Int) { trend(questionSet: ADULT_PB, question: "views_included_in_plan", area: "${ENGLAND}", version: $v) {
      questionSet { version } versions points { financialYear measure { percentage } } } }`;
    const unpinned = await demo.api.query(Q, { v: null });
    expect(unpinned.errors).toBeUndefined();
    expect(unpinned.data?.trend).toEqual((await demo.api.data(Q, { v: 1 })).trend);
    expect(unpinned.data?.trend.points.map((p: { financialYear: string }) => p.financialYear)).toEqual(["2022-23", "2023-24", "2024-25"]);
  });

  it("is still NOT_FOUND where no version answered in the period asks it, or the version asked for lacks it", async () => {
    const code = async (query: string) => (await demo.api.query(query)).errors?.map((e) => [e.message, e.extensions?.code]);
    const dropped = `question: "views_included_in_plan", area: "${ENGLAND}"`;
    expect(await code(`{ benchmark(questionSet: ADULT_PB, ${dropped}, period: { from: "2025-26" }) { versions } }`)).toEqual([
      ['No question "views_included_in_plan" in ADULT_PB version 2', "NOT_FOUND"],
    ]);
    expect(await code(`{ benchmark(questionSet: ADULT_PB, ${dropped}, version: 2) { versions } }`)).toEqual([
      ['No question "views_included_in_plan" in ADULT_PB version 2', "NOT_FOUND"],
    ]);
  });

  it("changes nothing for a code the latest version holds", async () => {
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: ADULT_PB, question: "knew_budget_amount", area: "${ENGLAND}") { questionSet { version } versions period { label } } }`,
    );
    expect(benchmark).toEqual({ questionSet: { version: 2 }, versions: [2], period: { label: "2025-26" } });
  });
});
