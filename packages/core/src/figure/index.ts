export { PUBLIC_BREAKDOWN_AREAS } from "./access.ts";
export { applyCubeDelta, rebuildFigureCubes, verifyFigureCubes } from "./aggregate.ts";
export { type AssociationResult, association, associationSummary } from "./association.ts";
export {
  type AreaProfileResult,
  areaProfile,
  type BenchmarkItem,
  type BenchmarkResult,
  benchmark,
  type ComparisonResult,
  cellsOf,
  familyMeasure,
  familyOf,
  type RankResult,
  type Spread,
  spreadOf,
} from "./benchmark.ts";
export { type BreakdownCategory, type BreakdownResult, breakdown } from "./breakdown.ts";
export { forgetCachedReads } from "./caching.ts";
export type { ExpectedBand, Overdispersion } from "./casemix.ts";
export { FIGURE_COLUMNS, FIGURE_FIELDS, type FigureField, type FigureRow, type FigureRowParts, figureRow } from "./columns.ts";
export type { CoverageEntry, CoverageYear } from "./coverage.ts";
export { coverage } from "./coverage.ts";
export type { CrossCategory } from "./cross-breakdown.ts";
export type { Cell } from "./disclosure.ts";
export { publishedCount, SMALL_COUNT } from "./disclosure.ts";
export {
  type EligibilityResult,
  type InstrumentEligibility,
  reportEligibility,
  reportEligibilityOf,
  type VersionEligibility,
  versionEligibility,
} from "./eligibility.ts";
export { exportFigures, type FigureExport } from "./export.ts";
export { bandCountColumns, responseCountColumns } from "./figure.sql.ts";
export { type FunnelLimit, type FunnelPoint, type FunnelResult, funnel } from "./funnel.ts";
export type { JointRow } from "./joint-count.ts";
export { JointCounter } from "./joint-count.ts";
export { layoutOf, parseChoices } from "./joint-layout.ts";
export type { CountableBand, Measure, MeasureStatus } from "./measure.ts";
export { COUNTABLE_BANDS } from "./measure.ts";
export type { Period, PeriodInput } from "./period.ts";
export { periodLabel, periodYears } from "./period.ts";
export type { ReferenceData, StaticReference } from "./reference.ts";
export { invalidateReferenceData, staticReference } from "./reference.ts";
export type { ReleaseInfo } from "./releases.ts";
export { forgetReleases, latestReleaseId, releaseList } from "./releases.ts";
export { type FigureSource, figureSource, LIVE } from "./source.ts";
export type { ComparisonOutcome } from "./statistics.ts";
export { compareWithComparator } from "./statistics.ts";
export { polarityOf, poolingOf, resolveQuestionSet, versionList } from "./target.ts";
export { TREND_METHOD, type TrendResult, trend, trends } from "./trend.ts";
export { type TriangulationPair, type TriangulationResult, type TriangulationView, triangulation } from "./triangulation.ts";
