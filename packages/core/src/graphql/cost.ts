import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from "graphql";
import { MAX_PAGE_SIZE } from "../area/validation.ts";

/** The most an operation may cost: a dashboard page is tens of points; abuse is thousands. */
export const MAX_COST = 2500;

/**
 * What a field costs, besides 1 for every object it returns: about a point per millisecond of
 * work it makes the server do with nothing cached, as `npm run bench -- --only hostile` measures
 * it (its second table; 2026-12-07 on the demo data: a benchmark 9 ms, an area profile 71, a
 * breakdown 16, an export 220, a report 458). MAX_COST is then about 2.5 s of work a request.
 */
export const FIELD_WEIGHT: Record<string, number> = {
  "Query.benchmark": 10,
  "Query.trend": 5,
  "Query.association": 5,
  "Query.triangulation": 10,
  "Query.reportEligibility": 5,
  "Query.areaProfile": 75,
  "Query.breakdown": 20,
  "Query.figureExport": 250,
  // Drawing a report reads a few dozen figures and renders a dozen charts.
  "Query.localReport": 500,
  "Mutation.submitResponses": 20,
  "Mutation.withdrawResponses": 10,
  "Mutation.importResponses": 100,
  // Publishing a year counts every response of it.
  "Mutation.cutRelease": 500,
};

/** How many items a list field is reckoned to hold when no `first` argument says. */
const LIST_SIZE: Record<string, number> = {
  "AreaProfile.items": 40,
  "Benchmark.comparisons": 4,
  "Comparison.areas": 15,
  "Breakdown.categories": 12,
  "Breakdown.crossCategories": 60,
  "Trend.points": 6,
  "Triangulation.views": 3,
  "Triangulation.pairs": 3,
  "ReportEligibility.instruments": 6,
  "Area.children": 50,
  "Area.statisticalNeighbours": 15,
  "QuestionSet.questions": 60,
  "QuestionSet.scales": 20,
  "Scale.options": 10,
  "Query.questionSets": 10,
  "Query.coverage": 100,
  "CoverageEntry.years": 4,
  "SubmitResponsesPayload.results": 100,
  "WithdrawResponsesPayload.results": 100,
  "ResponseResult.errors": 2,
  "Response.answers": 20,
  "Answer.options": 2,
  "ImportResult.errors": 100,
  "ImportTemplate.columns": 60,
  "TemplateColumn.allowed": 8,
  "Query.releases": 24,
  "Release.questionSets": 6,
};
const DEFAULT_LIST_SIZE = 25;

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * An operation's cost, computed from the document and its arguments before anything runs: each
 * object a field may return costs 1 (plus its weight), multiplied by how many of its parents
 * there may be; a connection's `first` sets how many.
 */
export function operationCost({ schema, operation, fragments, variables }: CostInput): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const visit = (set: SelectionSetNode, type: GraphQLCompositeType, times: number, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type;
        total += visit(selection.selectionSet, on ?? type, times, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
        total += visit(fragment.selectionSet, on ?? type, times, new Set([...seen, name]));
      } else if ("getFields" in type) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const key = `${type.name}.${field.name}`;
        const named = getNamedType(field.type);
        if (!isCompositeType(named) || !selection.selectionSet) continue;
        const firstArg = field.args.find((a) => a.name === "first");
        const firstNode = selection.arguments?.find((a) => a.name.value === "first");
        const first = firstArg ? Number((firstNode ? valueFromAST(firstNode.value, firstArg.type, variables) : firstArg.defaultValue) ?? 1) : 1;
        // Out-of-range pages are the resolver's to refuse (BAD_USER_INPUT); here they count as the most allowed.
        const each = times * Math.min(MAX_PAGE_SIZE, Math.max(1, Number.isFinite(first) ? first : 1));
        const objects = isListType(getNullableType(field.type)) && !key.endsWith("Connection.edges") ? each * (LIST_SIZE[key] ?? DEFAULT_LIST_SIZE) : each;
        total += objects * (1 + (FIELD_WEIGHT[key] ?? 0)) + visit(selection.selectionSet, named, objects, seen);
      }
      if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return total;
  };
  return visit(operation.selectionSet, root, 1, new Set());
}

export const costError = (cost: number) =>
  new GraphQLError(
    `This query would cost ${cost} points, over the limit of ${MAX_COST}: ask for fewer aliases or expensive fields, or smaller pages (\`first\`)`,
    {
      extensions: { code: "QUERY_TOO_COMPLEX", cost: { requested: cost, limit: MAX_COST }, http: { status: 400 } },
    },
  );
