export { areaProfile, benchmark, type AreaProfileResult, type BenchmarkItem, type BenchmarkResult, type ComparisonResult, type RankResult } from "./benchmark.ts";
export { breakdown, type BreakdownCategory, type BreakdownResult } from "./breakdown.ts";
export { association, type AssociationResult } from "./association.ts";
export { trend, TREND_METHOD, type TrendResult } from "./trend.ts";
export { triangulation, type TriangulationPair, type TriangulationResult, type TriangulationView } from "./triangulation.ts";
export { reportEligibility, type EligibilityResult, type InstrumentEligibility } from "./eligibility.ts";
export { exportFigures, type FigureExport } from "./export.ts";
export type { Measure } from "./measure.ts";
export type { Access } from "./disclosure.ts";
