import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";
import { parseInstant } from "../time/index.ts";

const EXPECTED = 'an ISO 8601 date-time with its offset ("2027-03-31T09:00:00Z") or a date ("2027-03-31", midnight UTC)';

/** An instant a caller sent, or a BAD_USER_INPUT error saying what a DateTime takes. */
function instant(value: unknown, node?: ValueNode): Date {
  const parsed = typeof value === "string" ? parseInstant(value) : null;
  if (parsed) return parsed;
  const found = node ? print(node) : (JSON.stringify(value) ?? String(value));
  throw new GraphQLError(`DateTime must be ${EXPECTED}, not ${found}`, { nodes: node, extensions: { code: "BAD_USER_INPUT" } });
}

const serialize = (value: unknown): string => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new GraphQLError(`DateTime cannot represent ${value instanceof Date ? "an invalid Date" : JSON.stringify(value)}: a resolver must return a Date`);
};

/**
 * `scalar DateTime` (schema/common.graphql): resolvers return Dates, sent as ISO 8601 strings in
 * UTC to the millisecond, the one format of every instant the API gives; arguments arrive as
 * Dates. A bad argument is refused before anything runs: in a variable it is BAD_USER_INPUT
 * naming the variable (and the input field), written in the query it fails validation at its place.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize,
  parseValue: (value) => instant(value),
  parseLiteral: (node) => instant(node.kind === Kind.STRING ? node.value : undefined, node),
});

/**
 * The scalar's behaviour as a resolver: only its functions (graphql-tools' `__` keys), so the
 * description and everything else the SDL declares stay as declared (a GraphQLScalarType would
 * overwrite them with its own, empty ones).
 */
export const DateTime = {
  __serialize: DateTimeScalar.serialize,
  __parseValue: DateTimeScalar.parseValue,
  __parseLiteral: DateTimeScalar.parseLiteral,
} as unknown as GraphQLScalarType;
