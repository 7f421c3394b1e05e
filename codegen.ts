import type { CodegenConfig } from "@graphql-codegen/cli";

// The SDL in schema/ is the source of truth: resolver types and the runtime type definitions
// are generated from it (into a git-ignored folder) before start, test, bench and bundling.
const config: CodegenConfig = {
  schema: "schema/*.graphql",
  // Keep the SDL in the order it is written, so the printed schema reads like the source.
  config: { sort: false },
  generates: {
    "packages/core/src/graphql/generated/resolvers.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        contextType: "../context.ts#GraphQLContext",
        mapperTypeSuffix: "Model",
        // Resolvers return instants as Dates and arguments arrive as Dates: graphql/scalars.ts
        // turns them into ISO 8601 strings and back.
        scalars: { DateTime: "Date" },
        mappers: {
          Area: "../../area/index.ts#AreaRow",
          QuestionSet: "../../questionset/index.ts#QuestionSetRow",
          Question: "../../questionset/index.ts#QuestionRow",
          Scale: "../../questionset/index.ts#ScaleRow",
          ScaleOption: "../../questionset/index.ts#ScaleOptionRow",
          Benchmark: "../../figure/index.ts#BenchmarkResult",
          AreaProfile: "../../figure/index.ts#AreaProfileResult",
          Comparison: "../../figure/index.ts#ComparisonResult",
          Breakdown: "../../figure/index.ts#BreakdownResult",
          BreakdownCategory: "../../figure/index.ts#BreakdownCategory",
          CrossCategory: "../../figure/index.ts#CrossCategory",
          Trend: "../../figure/index.ts#TrendResult",
          Funnel: "../../figure/index.ts#FunnelResult",
          FunnelPoint: "../../figure/index.ts#FunnelPoint",
          Overdispersion: "../../figure/index.ts#Overdispersion",
          Association: "../../figure/index.ts#AssociationResult",
          Triangulation: "../../figure/index.ts#TriangulationResult",
          TriangulationView: "../../figure/index.ts#TriangulationView",
          TriangulationPair: "../../figure/index.ts#TriangulationPair",
          ReportEligibility: "../../figure/index.ts#EligibilityResult",
          InstrumentEligibility: "../../figure/index.ts#InstrumentEligibility",
          Period: "../../figure/index.ts#Period",
          LocalReport: "../../report/index.ts#LocalReport",
          CoverageEntry: "../../figure/index.ts#CoverageEntry",
          CoverageYear: "../../figure/index.ts#CoverageYear",
          Release: "../../release/index.ts#ReleaseView",
          ReleaseQuestionSet: "../../release/index.ts#ReleaseQuestionSetView",
          Viewer: "../../actor/index.ts#Actor",
          ApiKey: "../../organisation/index.ts#ApiKeyRow",
          AuditEvent: "../../organisation/index.ts#AuditEventRow",
          Organisation: "../../organisation/index.ts#OrganisationRow",
          Response: "../../response/index.ts#ResponseRow",
          Answer: "../../response/index.ts#StoredAnswer",
          ResponseResult: "../../response/index.ts#ResponseResult",
          SubmitResponsesPayload: "../../response/index.ts#SubmitResult",
          WithdrawalResult: "../../response/index.ts#WithdrawalResult",
          ImportResult: "../../response/index.ts#ImportResult",
          ImportTemplate: "../../response/index.ts#ImportTemplate",
          ImportJob: "../../response/index.ts#ImportJobRow",
        },
      },
    },
    "packages/core/src/graphql/generated/type-defs.ts": {
      plugins: ["./packages/core/codegen/type-defs-plugin.cjs"],
    },
  },
};

export default config;
