export { type AssociationResult, association } from "./association.ts";
export {
  type AreaProfileResult,
  areaProfile,
  type BenchmarkItem,
  type BenchmarkResult,
  benchmark,
  type ComparisonResult,
  type RankResult,
} from "./benchmark.ts";
export { type BreakdownCategory, type BreakdownResult, breakdown } from "./breakdown.ts";
export type { Access } from "./disclosure.ts";
export {
  type EligibilityResult,
  type InstrumentEligibility,
  reportEligibility,
  reportEligibilityOf,
  type VersionEligibility,
  versionEligibility,
} from "./eligibility.ts";
export { exportFigures, type FigureExport } from "./export.ts";
export type { Measure } from "./measure.ts";
export { type FigureSource, figureSource, LIVE } from "./source.ts";
export { TREND_METHOD, type TrendResult, trend, trends } from "./trend.ts";
export { type TriangulationPair, type TriangulationResult, type TriangulationView, triangulation } from "./triangulation.ts";
