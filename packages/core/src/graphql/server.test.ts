import { describe, expect, it } from "vitest";
import type { Database } from "../db/types.ts";
import { createContext, databaseGetter } from "./context.ts";
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
