import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLFormattedError } from "graphql";
import { PoetError } from "../errors/index.ts";
import { type Logger, silentLogger } from "../util/log.ts";
import { enforceAccess } from "./access.ts";
import type { GraphQLContext } from "./context.ts";
import { costError, fieldCosts, MAX_COST, operationCost } from "./cost.ts";
import { typeDefs } from "./generated/type-defs.ts";
import { resolvers } from "./resolvers/index.ts";

export type { GraphQLContext } from "./context.ts";

export interface ServerOptions {
  /** Mask unexpected errors' messages and hide stack traces. */
  production?: boolean;
  /** Allow schema introspection (on by default: the schema is the public documentation). */
  introspection?: boolean;
  logger?: Logger;
}

/** Limits on the document itself, checked before anything runs; tuned so every README example passes. */
export const DOCUMENT_LIMITS = { depth: 10, aliases: 20, directives: 10, tokens: 2000 } as const;

/**
 * The document limits' refusals, graphql-js's (tokens, field comparisons) and graphql-armor's
 * (the others), which read "Syntax Error: …" (or "Validation aborted.") under a parse or
 * validation code: what each says, and in plain words.
 */
const LIMIT_MESSAGES: readonly (readonly [code: string, pattern: RegExp, plain: (found: string) => string])[] = [
  [
    "GRAPHQL_PARSE_FAILED",
    /^Syntax Error: Document contains more tha[nt] \d+ tokens/,
    () => `The query has more than ${DOCUMENT_LIMITS.tokens} tokens; the limit is ${DOCUMENT_LIMITS.tokens}.`,
  ],
  [
    "GRAPHQL_VALIDATION_FAILED",
    /^Syntax Error: Query depth limit of \d+ exceeded, found (\d+)/,
    (found) => `The query is ${found} levels deep; the limit is ${DOCUMENT_LIMITS.depth}.`,
  ],
  [
    "GRAPHQL_VALIDATION_FAILED",
    /^Syntax Error: Aliases limit of \d+ exceeded, found (\d+)/,
    (found) => `The query has ${found} aliases; the limit is ${DOCUMENT_LIMITS.aliases}.`,
  ],
  [
    "GRAPHQL_VALIDATION_FAILED",
    /^Syntax Error: Directives limit of \d+ exceeded, found (\d+)/,
    (found) => `The query has ${found} directives; the limit is ${DOCUMENT_LIMITS.directives}.`,
  ],
  // graphql-js's own budget for comparing fields that share a response name, within the tokens.
  ["GRAPHQL_VALIDATION_FAILED", /^Validation aborted\.$/, () => "The query has too many fields of the same name to check against each other: ask for fewer."],
];

/** A document limit's refusal as what it is, QUERY_TOO_COMPLEX in plain words; any other error as it is. */
function plainLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  for (const [code, pattern, plain] of LIMIT_MESSAGES) {
    const match = formatted.extensions?.code === code ? pattern.exec(formatted.message) : null;
    if (match) return { ...formatted, message: plain(match[1] ?? ""), extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX" } };
  }
  return formatted;
}

/** The codes Apollo gives a request it refuses before running it (parse, validation, variables). */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set(
  Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
);

/** Errors the caller should see as they are: ours, GraphQL's own request errors, and the limits'. */
const isCallerError = (formatted: GraphQLFormattedError) =>
  REQUEST_ERROR_CODES.has(formatted.extensions?.code) || formatted.extensions?.code === "QUERY_TOO_COMPLEX";

/** The domain's plain errors become GraphQL errors here, and only here. */
function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof PoetError) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: original.message, extensions: { ...(production ? {} : extensions), code: original.code, ...original.details } };
    }
    const plain = plainLimitError(formatted);
    if (!production || isCallerError(plain)) return plain;
    return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

/** Prices each operation before it runs, refuses the costly, and reports the cost in `extensions`. */
function costPlugin(schema: ReturnType<typeof makeExecutableSchema>): ApolloServerPlugin<GraphQLContext> {
  // Read the schema's @cost and @listSize now, once: a missing one stops the server, not a request.
  fieldCosts(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d]] : [])));
          const cost = operationCost({ schema, operation, fragments, variables: request.variables ?? {} });
          contextValue.outcome.cost = cost;
          if (cost > MAX_COST) throw costError(cost);
        },
        async willSendResponse({ response, contextValue }) {
          const { cost } = contextValue.outcome;
          if (response.body.kind === "single" && cost !== undefined) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { requested: cost, limit: MAX_COST } };
          }
        },
      };
    },
  };
}

/** Logs what the caller does not see: the detail behind a masked error, with the request id. */
function errorLogPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          contextValue.outcome.failed = true;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof PoetError || REQUEST_ERROR_CODES.has(error.extensions?.code)) continue;
            logger.error({ requestId: contextValue.requestId, operationName, path: error.path, err: original }, "unexpected error");
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === "INTERNAL_SERVER_ERROR") (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/** The one executable schema: SDL, resolvers, and `@access` enforced. */
export const createSchema = () => enforceAccess(makeExecutableSchema({ typeDefs, resolvers }));

/** The one Apollo server: `npm start`, the tests and the Lambda handler all run this. */
export function createApolloServer(options: ServerOptions = {}): ApolloServer<GraphQLContext> {
  const production = options.production ?? false;
  const introspection = options.introspection ?? true;
  const schema = createSchema();
  const armor = new ApolloArmor({
    maxDepth: { n: DOCUMENT_LIMITS.depth },
    maxAliases: { n: DOCUMENT_LIMITS.aliases },
    maxDirectives: { n: DOCUMENT_LIMITS.directives },
    // graphql-js's own parser limit (below) answers 400 (QUERY_TOO_COMPLEX once formatted); armor's answers 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // "Did you mean …?" would map a hidden schema field by field.
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: DOCUMENT_LIMITS.tokens },
    // The HTTP layer (http.ts) prevents CSRF: a POST must be application/json, which no form
    // can send without a preflight; a GET can only read, and reads need no protection.
    csrfPrevention: false,
    validationRules: armor.validationRules,
    // Apollo's landing page loads its sandbox from a CDN: nothing here may.
    plugins: [...armor.plugins, costPlugin(schema), errorLogPlugin(options.logger ?? silentLogger), ApolloServerPluginLandingPageDisabled()],
    formatError: formatError(production),
  });
}
