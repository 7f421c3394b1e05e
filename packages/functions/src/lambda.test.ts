/** The Lambda adapter over a small throwaway server: event handling and the lazy database. */
import { ApolloServer } from "@apollo/server";
import type { Database } from "@poet/core/db/index";
import { describe, expect, it, vi } from "vitest";
import { lazyDatabase } from "./database.ts";
import { graphqlEvent, json, lambdaContext } from "./events.test-helper.ts";
import { createGraphQLHandler } from "./lambda.ts";

type Ctx = { db(): Promise<Database>; headers: Record<string, string | undefined> };

function setup() {
  const fakeDatabase = { driver: "pglite", db: { rows: [1, 2, 3] }, close: vi.fn(async () => {}) } as unknown as Database;
  const open = vi.fn(async () => fakeDatabase);
  const database = lazyDatabase(open);
  const server = new ApolloServer<Ctx>({
    typeDefs: `type Query { rows: Int!  hello: String!  header: String }`,
    resolvers: {
      Query: {
        rows: async (_: unknown, __: unknown, ctx: Ctx) => ((await ctx.db()).db as unknown as { rows: number[] }).rows.length,
        hello: () => "world",
        header: (_: unknown, __: unknown, ctx: Ctx) => ctx.headers["x-api-key"],
      },
    },
  });
  const handler = createGraphQLHandler({
    server,
    getDatabase: database.get,
    createContext: (db, request) => {
      let opened: Promise<Database> | undefined;
      return { db: () => (opened ??= db()), headers: request.headers };
    },
  });
  return { handler, open, database };
}

describe("createGraphQLHandler", () => {
  it("answers { __typename } over POST without opening the database", async () => {
    const { handler, open } = setup();
    const result = json(await handler(graphqlEvent("POST", { query: "{ __typename }" }), lambdaContext, () => {}));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { __typename: "Query" } });
    expect(open).not.toHaveBeenCalled();
  });

  it("answers GET requests (cacheable dashboard reads) with variables in the query string", async () => {
    const { handler } = setup();
    const result = json(
      await handler(graphqlEvent("GET", { query: "query Q { hello __typename }", operationName: "Q" }), lambdaContext, () => {}),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { hello: "world", __typename: "Query" } });
  });

  it("opens the database on the first resolver that needs it, once per container", async () => {
    const { handler, open } = setup();
    await handler(graphqlEvent("POST", { query: "{ hello }" }), lambdaContext, () => {});
    expect(open).not.toHaveBeenCalled();
    for (let i = 0; i < 3; i++) {
      const result = json(await handler(graphqlEvent("POST", { query: "{ rows }" }), lambdaContext, () => {}));
      expect(result.body).toEqual({ data: { rows: 3 } });
    }
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("passes the request headers to the context", async () => {
    const { handler } = setup();
    const result = json(
      await handler(graphqlEvent("POST", { query: "{ header }" }, { "x-api-key": "k-1" }), lambdaContext, () => {}),
    );
    expect(result.body).toEqual({ data: { header: "k-1" } });
  });

  it("reports GraphQL errors as GraphQL (400 for an invalid document)", async () => {
    const { handler, open } = setup();
    const result = json(await handler(graphqlEvent("POST", { query: "{ nope }" }), lambdaContext, () => {}));
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(open).not.toHaveBeenCalled();
  });
});

describe("lazyDatabase", () => {
  it("forgets a failed open so the next request retries", async () => {
    const db = { driver: "neon", db: {}, close: vi.fn(async () => {}) } as unknown as Database;
    const open = vi.fn<() => Promise<Database>>().mockRejectedValueOnce(new Error("Neon unreachable")).mockResolvedValue(db);
    const lazy = lazyDatabase(open);
    expect(lazy.opened()).toBe(false);
    await expect(lazy.get()).rejects.toThrow("Neon unreachable");
    expect(lazy.opened()).toBe(false);
    await expect(lazy.get()).resolves.toBe(db);
    await expect(lazy.get()).resolves.toBe(db);
    expect(open).toHaveBeenCalledTimes(2);
    await lazy.close();
    expect(db.close).toHaveBeenCalledOnce();
  });
});
