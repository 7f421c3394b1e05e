import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";

const demo = useDemoApi();

const FUNNEL = `query F($set: QuestionSetCode!, $q: String!, $band: Band, $areaType: AreaType, $period: PeriodInput, $version: Int, $release: String) {
  funnel(questionSet: $set, question: $q, band: $band, areaType: $areaType, period: $period, version: $version, release: $release) {
    release areaType period { from to } versions adjustment polarity
    england { numerator denominator percentage status }
    overdispersion { areas phi overdispersed randomEffectSd }
    limits { respondents lower95 upper95 lower998 upper998 }
    points { area { code type } value { numerator denominator percentage status symbol } z compared }
  }
}`;

interface Point {
  area: { code: string; type: string };
  value: { numerator: number | null; denominator: number | null; percentage: number | null; status: string };
  z: number | null;
  compared: string | null;
}

// The funnel's statistics again, written out plainly from Spiegelhalter (2005), to check the API's.
function byHand(p0: number, points: { n: number; p: number }[]) {
  const s = points.map(({ n }) => Math.sqrt((p0 * (1 - p0)) / n));
  const z = points.map(({ p }, i) => (p - p0) / s[i]!);
  const sorted = [...z].sort((a, b) => a - b);
  const at = (q: number) => {
    const h = (sorted.length - 1) * q;
    return sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - sorted[Math.floor(h)]!);
  };
  const [lo, hi] = [at(0.1), at(0.9)];
  const phi = z.reduce((sum, v) => sum + Math.min(hi, Math.max(lo, v)) ** 2, 0) / z.length;
  const w = s.map((v) => 1 / v ** 2);
  const sw = w.reduce((a, b) => a + b, 0);
  const i = points.length;
  const tau2 = i * phi > i - 1 ? (i * phi - (i - 1)) / (sw - w.reduce((a, b) => a + b * b, 0) / sw) : 0;
  return { phi, tau2, z: points.map(({ p }, k) => (p - p0) / Math.sqrt(s[k]! ** 2 + tau2)) };
}

describe("funnel", () => {
  it("sets every council's published figure against England's, with limits and bands worked out as Spiegelhalter does", async () => {
    const { funnel } = await demo.api.data(FUNNEL, { set: "ADULT_PB", q: "quality_of_life" });
    expect(funnel).toMatchObject({ release: "2026-07", areaType: "LOCAL_AUTHORITY", adjustment: "NONE", polarity: "HIGHER_IS_BETTER" });
    const points = funnel.points as Point[];
    expect(points.every((p) => p.area.type === "LOCAL_AUTHORITY")).toBe(true);
    expect(points.map((p) => p.area.code)).toEqual([...points.map((p) => p.area.code)].sort());
    const published = points.filter((p) => p.value.status === "AVAILABLE");
    expect(published.length).toBeGreaterThan(5);
    expect(points.filter((p) => p.value.status !== "AVAILABLE").every((p) => p.z === null && p.compared === null)).toBe(true);

    const p0 = funnel.england.numerator / funnel.england.denominator;
    const hand = byHand(
      p0,
      published.map((p) => ({ n: p.value.denominator!, p: p.value.numerator! / p.value.denominator! })),
    );
    expect(funnel.overdispersion.areas).toBe(published.length);
    expect(funnel.overdispersion.phi).toBeCloseTo(hand.phi, 10);
    expect(funnel.overdispersion.overdispersed).toBe(hand.tau2 > 0);
    expect(funnel.overdispersion.randomEffectSd).toBeCloseTo(Math.sqrt(hand.tau2) * 100, 8);
    published.forEach((p, i) => {
      expect(p.z, p.area.code).toBeCloseTo(hand.z[i]!, 10);
      const z = hand.z[i]!;
      const band =
        z > 3.090232306 ? "MUCH_BETTER" : z > 1.959963985 ? "BETTER" : z < -3.090232306 ? "MUCH_WORSE" : z < -1.959963985 ? "WORSE" : "ABOUT_AS_EXPECTED";
      expect(p.compared, p.area.code).toBe(band);
    });
    // The limits: England's share ± z·√(p0(1 − p0)/n + τ²), in per cent, kept within 0 to 100.
    const sizes = published.map((p) => p.value.denominator!);
    expect(funnel.limits[0].respondents).toBeLessThanOrEqual(Math.min(...sizes));
    expect(funnel.limits.at(-1).respondents).toBeGreaterThanOrEqual(Math.max(...sizes));
    for (const l of funnel.limits) {
      const sd = Math.sqrt((p0 * (1 - p0)) / l.respondents + hand.tau2);
      expect(l.lower95).toBeCloseTo(Math.max(0, p0 - 1.959963985 * sd) * 100, 6);
      expect(l.upper998).toBeCloseTo(Math.min(1, p0 + 3.090232306 * sd) * 100, 6);
    }
  });

  it("plots each area exactly as benchmark publishes it", async () => {
    const { funnel } = await demo.api.data(FUNNEL, { set: "CARER", q: "carer_quality_of_life", version: 1 });
    const points = funnel.points as Point[];
    const sample = [...points.filter((p) => p.value.status === "AVAILABLE").slice(0, 4), ...points.filter((p) => p.value.status !== "AVAILABLE").slice(0, 2)];
    expect(sample.length).toBe(6);
    for (const p of sample) {
      const { benchmark } = await demo.api.data(
        `query ($area: String!) { benchmark(questionSet: CARER, version: 1, question: "carer_quality_of_life", area: $area) { value { numerator denominator percentage status symbol } } }`,
        { area: p.area.code },
      );
      expect(p.value, p.area.code).toEqual(benchmark.value);
    }
  });

  it("sets ICBs side by side for personal health budgets unless asked otherwise, and judges no band without a better side", async () => {
    const { funnel } = await demo.api.data(FUNNEL, { set: "PHB", q: "quality_of_life" });
    expect(funnel.areaType).toBe("ICB");
    expect((funnel.points as Point[]).some((p) => p.z !== null)).toBe(true);
    const neutral = (await demo.api.data(FUNNEL, { set: "PHB", q: "quality_of_life", band: "NEUTRAL" })).funnel;
    expect(neutral.polarity).toBe("NO_JUDGEMENT");
    expect((neutral.points as Point[]).every((p) => p.compared === null)).toBe(true);
    const regions = (await demo.api.data(FUNNEL, { set: "PHB", q: "quality_of_life", areaType: "REGION" })).funnel;
    expect((regions.points as Point[]).every((p) => p.area.type === "REGION")).toBe(true);
  });

  it("answers not comparable everywhere, with no limits, where a question cannot pool the period's versions", async () => {
    const { funnel } = await demo.api.data(FUNNEL, { set: "ADULT_PB", q: "quality_of_life", period: { from: "2022-23", to: "2025-26" } });
    expect(new Set((funnel.points as Point[]).map((p) => p.value.status))).toEqual(new Set(["NOT_COMPARABLE"]));
    expect(funnel.limits).toEqual([]);
    expect(funnel.overdispersion).toMatchObject({ areas: 0, overdispersed: false, randomEffectSd: 0 });
  });

  it("refuses what it cannot draw, with typed errors", async () => {
    expect(await demo.api.errorCodes(FUNNEL, { set: "ADULT_PB", q: "quality_of_life", release: "LIVE" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(FUNNEL, { set: "ADULT_PB", q: "no_such_question" })).toEqual(["NOT_FOUND"]);
    expect(await demo.api.errorCodes(FUNNEL, { set: "ADULT_PB", q: "gender" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(FUNNEL, { set: "ADULT_PB", q: "quality_of_life", release: "2099-01" })).toEqual(["NOT_FOUND"]);
  });
});
