import { describe, expect, it } from "vitest";
import { databaseGetter } from "../db/index.ts";
import type { Database } from "../db/types.ts";
import { createContext } from "./context.ts";
import { DateTimeScalar } from "./scalars.ts";
import { createApolloServer, createSchema } from "./server.ts";

describe("DateTime", () => {
  it("sends a Date as an ISO 8601 date-time in UTC, to the millisecond", () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 11, 7, 18, 56, 9)))).toBe("2026-12-07T18:56:09.000Z");
    expect(() => DateTimeScalar.serialize("2026-12-07T18:56:09.000Z")).toThrow(/a resolver must return a Date/);
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(/an invalid Date/);
  });

  it("takes a date (midnight UTC) or a date-time with its offset", () => {
    expect(DateTimeScalar.parseValue("2027-03-31")).toEqual(new Date("2027-03-31T00:00:00.000Z"));
    expect(DateTimeScalar.parseValue("2027-03-31T09:00:00+01:00")).toEqual(new Date("2027-03-31T08:00:00.000Z"));
    for (const bad of ["soon", "2027-02-30", "31/03/2027", "2027-03-31T09:00", 20270331, null])
      expect(() => DateTimeScalar.parseValue(bad), String(bad)).toThrow(/DateTime must be an ISO 8601 date-time/);
  });

  it("is the schema's described scalar, with the SDL's description kept", () => {
    expect(createSchema().getType("DateTime")?.description).toMatch(/^An instant: an ISO 8601 date-time in UTC/);
  });

  describe("refuses a bad argument before anything runs", () => {
    // No database: the refusal comes first.
    const broken = (): Promise<Database> => Promise.reject(new Error("no database"));
    async function run(query: string, variables?: Record<string, unknown>) {
      const server = createApolloServer();
      const response = await server.executeOperation({ query, variables }, { contextValue: createContext(databaseGetter(broken)) });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult;
    }

    it("in a variable: BAD_USER_INPUT naming the variable and its field", async () => {
      const result = await run("mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }", {
        input: { organisation: "hartlepool", expiresAt: "soon" },
      });
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toMatch(/^Variable "\$input" got invalid value "soon" at "input\.expiresAt"; DateTime must be an ISO 8601 date-time/);
    });

    it("written in the query: a validation error at the value", async () => {
      const result = await run(`mutation { createApiKey(input: { organisation: "hartlepool", expiresAt: "2027-13-01" }) { key } }`);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        message: 'DateTime must be an ISO 8601 date-time with its offset ("2027-03-31T09:00:00Z") or a date ("2027-03-31", midnight UTC), not "2027-13-01"',
        locations: [{ line: 1, column: 73 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      });
    });
  });
});
