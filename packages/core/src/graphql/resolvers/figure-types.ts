import { associationSummary, periodLabel, periodYears, TREND_METHOD } from "../../figure/index.ts";
import { financialYearLabel } from "../../response/index.ts";
import type {
  AssociationResolvers,
  BenchmarkResolvers,
  ComparisonResolvers,
  FunnelResolvers,
  OverdispersionResolvers,
  PeriodResolvers,
  TrendResolvers,
  TriangulationPairResolvers,
} from "../generated/resolvers.ts";

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

export const Funnel: FunnelResolvers = {
  adjustment: () => "NONE",
};

export const Overdispersion: OverdispersionResolvers = {
  areas: (o) => o.units,
  randomEffectSd: (o) => Math.sqrt(o.tau2) * 100,
};

export const Trend: TrendResolvers = {
  method: () => TREND_METHOD,
};

export const Association: AssociationResolvers = {
  summary: async (a, _, ctx) => {
    if (!a.relativeRisk) return null;
    const [process, outcome] = await Promise.all([
      ctx.loaders.questionSet.optionsOf.load(a.process.scaleId),
      ctx.loaders.questionSet.optionsOf.load(a.outcome.scaleId),
    ]);
    return associationSummary(a, { process, outcome });
  },
};

export const TriangulationPair: TriangulationPairResolvers = {
  first: (p) => p.first.questionSet.code,
  second: (p) => p.second.questionSet.code,
};
