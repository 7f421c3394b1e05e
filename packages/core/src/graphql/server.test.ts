import { describe, expect, it } from "vitest";
import { databaseGetter } from "../db/index.ts";
import type { Database } from "../db/types.ts";
import { createContext } from "./context.ts";
import { createApolloServer } from "./server.ts";

// Error formatting, with a database that fails the way a real outage does: no database needed.
const SECRET = "connect ECONNREFUSED 10.0.0.7:5432 (password=hunter2)";
const broken = (): Promise<Database> => Promise.reject(new Error(SECRET));

async function run(production: boolean, query: string) {
  const server = createApolloServer({ production });
  const response = await server.executeOperation({ query }, { contextValue: createContext(databaseGetter(broken), { requestId: "req-1" }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

describe("error formatting", () => {
  it("masks an unexpected error in production: no message, no stack, one code", async () => {
    const result = await run(true, `{ areas(first: 1) { totalCount } }`);
    expect(result.errors).toEqual([
      {
        message: "Internal server error",
        locations: [{ line: 1, column: 3 }],
        path: ["areas"],
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-1" },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("shows it in development, with its stack, to whoever is debugging", async () => {
    const result = await run(false, `{ areas(first: 1) { totalCount } }`);
    expect(result.errors?.[0]?.message).toBe(SECRET);
    expect(result.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(result.errors?.[0]?.extensions?.stacktrace).toBeInstanceOf(Array);
  });

  it("keeps GraphQL's own request errors in production", async () => {
    const invalid = await run(true, `{ nope }`);
    expect(invalid.errors).toEqual([
      { message: 'Cannot query field "nope" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } },
    ]);
  });
});

describe("the document limits", () => {
  // Each at its limit plus one, refused before anything runs (the database here is down).
  const nested = (levels: number) => `{ area(code: "E92000001") { ${"parent { ".repeat(levels - 2)}code${" }".repeat(levels - 2)} } }`;
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: about { version }`).join(" ")} }`;
  const directed = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}: __typename @skip(if: false)`).join(" ")} }`;
  const codes = (result: Awaited<ReturnType<typeof run>>) => (result.errors ?? []).map((error) => error.extensions?.code);

  it.each([
    ["depth", nested(11), "The query is 11 levels deep; the limit is 10."],
    ["aliases", aliased(21), "The query has 21 aliases; the limit is 20."],
    ["directives", directed(11), "The query has 11 directives; the limit is 10."],
    ["tokens", `{ ${"__typename ".repeat(2001)}}`, "The query has more than 2000 tokens; the limit is 2000."],
    // Within the tokens, graphql-js's own budget for comparing fields of one name ("Validation aborted.").
    ["field comparisons", `{ ${"__typename ".repeat(1990)}}`, "The query has too many fields of the same name to check against each other: ask for fewer."],
  ])("refuses a document over the %s limit in plain words, as QUERY_TOO_COMPLEX", async (_, query, message) => {
    for (const production of [true, false]) {
      const result = await run(production, query);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: "QUERY_TOO_COMPLEX" } });
    }
  });

  it("lets a document at every limit through to run", async () => {
    for (const query of [nested(10), aliased(20), directed(10)]) {
      const result = await run(true, query);
      expect(codes(result)).not.toContain("QUERY_TOO_COMPLEX");
      expect(codes(result)).not.toContain("GRAPHQL_VALIDATION_FAILED");
    }
  });

  it("keeps other syntax errors as they are", async () => {
    expect((await run(true, "{ area(")).errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Syntax Error: /),
      extensions: { code: "GRAPHQL_PARSE_FAILED" },
    });
  });
});
