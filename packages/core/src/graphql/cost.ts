import { getDirective } from "@graphql-tools/utils";
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from "graphql";
import { MAX_PAGE_SIZE } from "../util/page.ts";

/** The most an operation may cost: a dashboard page is tens of points; abuse is thousands. */
export const MAX_COST = 2500;

/** What the schema declares a field costs when an operation is priced. */
export interface FieldCost {
  /**
   * `@cost(weight:)`: what the field costs besides 1 for every object it returns, about a point
   * per millisecond of work it makes the server do with nothing cached, as `npm run bench --
   * --only hostile` measures it (its second table). MAX_COST is then about 2.5 s of work a request.
   */
  weight: number;
  /**
   * How many objects it returns for each object it is selected on (before a `first` argument
   * multiplies them): a list's `@listSize(assumedSize:)`, and 1 for anything else.
   */
  size: number;
}

/**
 * A list sized by `first` rather than by `@listSize`: a connection's `edges`, whose page the
 * connection field's own `first` already counts, or a list that takes `first` itself.
 */
export const isPagedList = (typeName: string, field: GraphQLField<unknown, unknown>): boolean =>
  (typeName.endsWith("Connection") && field.name === "edges") || field.args.some((a) => a.name === "first");

/** A list whose items are objects: what the cost counts item by item (a list of scalars costs nothing). */
const isObjectList = (field: GraphQLField<unknown, unknown>) => isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));

const pricedTypes = (schema: GraphQLSchema) =>
  Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType | GraphQLInterfaceType => (isObjectType(t) || isInterfaceType(t)) && !t.name.startsWith("__"),
  );

const declared = (schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, directive: "cost" | "listSize", argument: string): number | undefined => {
  const [found] = getDirective(schema, field, directive) ?? [];
  return found ? (found[argument] as number) : undefined;
};

/**
 * Where the schema's cost declarations are missing or misplaced, one line each naming the field:
 * a root field without `@cost`; a list of objects neither paged (isPagedList) nor given a
 * `@listSize`; a `@listSize` that nothing reads (on a paged list, or a field that is not a list
 * of objects); a `@cost` weight on a field of scalars, whose objects the cost never counts.
 * Every list used to fall back to 25 items when it had no size of its own: that was three lists'
 * size (Query.organisations, Query.apiKeys, Organisation.areas), and they now say so. A list of
 * objects is what the cost multiplies, so a guessed size is a rule remembered, not declared: the
 * schema tests fail, and the server does not start, until every such list declares one.
 */
export function costDeclarationProblems(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  return pricedTypes(schema).flatMap((type) =>
    Object.values(type.getFields()).flatMap((field) => {
      const name = `${type.name}.${field.name}`;
      const weight = declared(schema, field, "cost", "weight");
      const size = declared(schema, field, "listSize", "assumedSize");
      const paged = isPagedList(type.name, field);
      return [
        ...(roots.has(type as GraphQLObjectType) && weight === undefined ? [`${name} has no @cost`] : []),
        ...(isObjectList(field) && !paged && size === undefined ? [`${name} is a list with no @listSize`] : []),
        ...(size !== undefined && (paged || !isObjectList(field))
          ? [`${name} has a @listSize that nothing reads: ${paged ? "`first` sizes it" : "it is not a list of objects"}`]
          : []),
        ...(weight && !isCompositeType(getNamedType(field.type)) ? [`${name} has a @cost weight that nothing charges: it returns no objects`] : []),
      ];
    }),
  );
}

const COSTS = new WeakMap<GraphQLSchema, ReadonlyMap<string, FieldCost>>();

/**
 * Every field's declared cost, by coordinate ("Query.benchmark"), read from the schema's `@cost`
 * and `@listSize` once per schema. Throws, naming them, while a declaration is missing or misplaced.
 */
export function fieldCosts(schema: GraphQLSchema): ReadonlyMap<string, FieldCost> {
  let costs = COSTS.get(schema);
  if (!costs) {
    const problems = costDeclarationProblems(schema);
    if (problems.length) throw new Error(`The schema's cost declarations (schema/common.graphql, @cost and @listSize):\n${problems.join("\n")}`);
    costs = new Map(
      pricedTypes(schema).flatMap((type) =>
        Object.values(type.getFields()).map((field): [string, FieldCost] => [
          `${type.name}.${field.name}`,
          { weight: declared(schema, field, "cost", "weight") ?? 0, size: declared(schema, field, "listSize", "assumedSize") ?? 1 },
        ]),
      ),
    );
    COSTS.set(schema, costs);
  }
  return costs;
}

const NO_COST: FieldCost = { weight: 0, size: 1 };

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * An operation's cost, computed from the document and its arguments before anything runs: each
 * object a field may return costs 1 (plus its `@cost` weight), multiplied by how many of its
 * parents there may be; a list's `@listSize`, or a connection's `first`, sets how many.
 */
export function operationCost({ schema, operation, fragments, variables }: CostInput): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const costs = fieldCosts(schema);
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
        const cost = costs.get(`${type.name}.${field.name}`) ?? NO_COST;
        const named = getNamedType(field.type);
        if (!isCompositeType(named) || !selection.selectionSet) continue;
        const firstArg = field.args.find((a) => a.name === "first");
        const firstNode = selection.arguments?.find((a) => a.name.value === "first");
        const first = firstArg ? Number((firstNode ? valueFromAST(firstNode.value, firstArg.type, variables) : firstArg.defaultValue) ?? 1) : 1;
        // Out-of-range pages are the resolver's to refuse (BAD_USER_INPUT); here they count as the most allowed.
        const each = times * Math.min(MAX_PAGE_SIZE, Math.max(1, Number.isFinite(first) ? first : 1));
        const objects = each * cost.size;
        total += objects * (1 + cost.weight) + visit(selection.selectionSet, named, objects, seen);
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
