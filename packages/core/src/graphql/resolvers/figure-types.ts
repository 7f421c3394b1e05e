import { TREND_METHOD } from "../../figure/index.ts";
import { periodLabel, periodYears } from "../../figure/period.ts";
import { financialYearLabel } from "../../response/index.ts";
import type { AssociationResolvers, BenchmarkResolvers, ComparisonResolvers, PeriodResolvers, TrendResolvers, TriangulationPairResolvers } from "../generated/resolvers.ts";

export const Period: PeriodResolvers = {
  from: (p) => financialYearLabel(p.from),
  to: (p) => financialYearLabel(p.to),
  label: (p) => periodLabel(p),
  financialYears: (p) => periodYears(p),
};

export const Benchmark: BenchmarkResolvers = {
  comparisonMethod: () =>
    "The area differs from a comparator when the comparator's value lies outside the area's 95% Wilson confidence interval (Fingertips' rule for proportions), computed from published counts.",
};

export const Comparison: ComparisonResolvers = {
  areas: async (c, _, ctx) => (await Promise.all(c.areaCodes.map((code) => ctx.loaders.area.byCode.load(code)))).filter((a) => a !== null),
};

export const Trend: TrendResolvers = {
  method: () => TREND_METHOD,
};

export const Association: AssociationResolvers = {
  summary: (a) => {
    if (!a.relativeRisk) return null;
    const who = a.contrast === "POSITIVE_VS_NEGATIVE" ? "a negative one" : "any other answer";
    const { estimate, lower, upper } = a.relativeRisk;
    return `People with a positive answer to "${a.process.code}" were ${estimate.toFixed(1)} times as likely (95% CI ${lower.toFixed(1)} to ${upper.toFixed(1)}) to give a positive answer to "${a.outcome.code}" as people with ${who}.`;
  },
};

export const TriangulationPair: TriangulationPairResolvers = {
  first: (p) => p.first.questionSet.code,
  second: (p) => p.second.questionSet.code,
};
