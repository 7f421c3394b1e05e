import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope } from "../testing/keys.ts";
import { trend, trends } from "./trend.ts";

const demo = useDemoApi();

describe("trends", () => {
  it("gives several questions' trends in one read, each as trend gives it alone, however their years differ", async () => {
    const { questionSet } = await demo.api.data(
      `{ questionSet(code: ADULT_PB, version: 2) { questions(kind: PROCESS) { code comparableVersions scale { options { band } } } } }`,
    );
    // Graded process questions: some pool with version 1, some are new in version 2.
    const questions: { code: string; comparableVersions: number[] }[] = questionSet.questions.filter((q: { scale: { options: { band: string }[] } }) =>
      q.scale.options.some((o) => o.band === "POSITIVE"),
    );
    const pooled = questions.find((q) => q.comparableVersions.includes(1))!;
    const alone = questions.find((q) => !q.comparableVersions.includes(1))!;
    expect(pooled && alone).toBeTruthy();
    const scope = systemScope(demo.database.db);
    for (const area of ["E92000001", "E10000024"]) {
      const ask = { questionSet: "ADULT_PB" as const, area, band: "POSITIVE" as const };
      const batch = await trends(scope, { ...ask, questions: [alone.code, pooled.code] });
      const single = await Promise.all([trend(scope, { ...ask, question: alone.code }), trend(scope, { ...ask, question: pooled.code })]);
      expect(batch).toEqual(single);
      // The pooled question reaches back to version 1's years; the new one has only its own.
      expect(batch[1]!.points.length).toBeGreaterThan(batch[0]!.points.length);
      if (area === "E92000001") expect(batch[1]!.points.every((p) => p.measure.status === "AVAILABLE")).toBe(true);
    }
  });

  it("names the argument at fault", async () => {
    const { errors } = await demo.api.query(`{ trend(questionSet: ADULT_PB, question: "quality_of_life", area: "nowhere") { direction } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "area" });
  });
});
