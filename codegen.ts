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
        mappers: {
          Area: "../../area/area.sql.ts#AreaRow",
          QuestionSet: "../../questionset/questionset.sql.ts#QuestionSetRow",
          Question: "../../questionset/questionset.sql.ts#QuestionRow",
          Scale: "../../questionset/questionset.sql.ts#ScaleRow",
          ScaleOption: "../../questionset/questionset.sql.ts#ScaleOptionRow",
          Benchmark: "../../figure/index.ts#BenchmarkResult",
          AreaProfile: "../../figure/index.ts#AreaProfileResult",
          Comparison: "../../figure/index.ts#ComparisonResult",
          Breakdown: "../../figure/index.ts#BreakdownResult",
          BreakdownCategory: "../../figure/index.ts#BreakdownCategory",
          CrossCategory: "../../figure/cross-breakdown.ts#CrossCategory",
          Trend: "../../figure/index.ts#TrendResult",
          Association: "../../figure/index.ts#AssociationResult",
          Triangulation: "../../figure/index.ts#TriangulationResult",
          TriangulationView: "../../figure/index.ts#TriangulationView",
          TriangulationPair: "../../figure/index.ts#TriangulationPair",
          ReportEligibility: "../../figure/index.ts#EligibilityResult",
          InstrumentEligibility: "../../figure/index.ts#InstrumentEligibility",
          Period: "../../figure/period.ts#Period",
          LocalReport: "../../report/types.ts#LocalReport",
          CoverageEntry: "../../figure/coverage.ts#CoverageEntry",
          CoverageYear: "../../figure/coverage.ts#CoverageYear",
          Release: "../../release/describe.ts#ReleaseView",
          ReleaseQuestionSet: "../../release/describe.ts#ReleaseQuestionSetView",
          Viewer: "../../actor/index.ts#Actor",
          ApiKey: "../../organisation/keys.ts#ApiKeyRow",
          AuditEvent: "../../organisation/audit.ts#AuditEventRow",
          Organisation: "../../organisation/organisation.sql.ts#OrganisationRow",
          Response: "../../response/response.sql.ts#ResponseRow",
          Answer: "../../response/read.ts#StoredAnswer",
          ResponseResult: "../../response/submit.ts#ResponseResult",
          SubmitResponsesPayload: "../../response/submit.ts#SubmitResult",
          WithdrawalResult: "../../response/withdraw.ts#WithdrawalResult",
          ImportResult: "../../response/import.ts#ImportResult",
          ImportTemplate: "../../response/template.ts#ImportTemplate",
          ImportJob: "../../response/import-job.sql.ts#ImportJobRow",
        },
      },
    },
    "packages/core/src/graphql/generated/type-defs.ts": {
      plugins: ["./packages/core/codegen/type-defs-plugin.cjs"],
    },
  },
};

export default config;
