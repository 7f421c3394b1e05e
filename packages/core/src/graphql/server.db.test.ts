import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cutRelease } from "../release/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { systemScope } from "../testing/keys.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createSetUpDatabase();
  // As deployed: the first scheduled release is cut, if with nothing in it yet.
  await cutRelease(systemScope(database.db), { name: "2026-07", asOf: "2026-07-01" });
});
afterAll(() => database?.close());

describe("a production server", () => {
  it("passes the caller's own errors through, with their code and argument", async () => {
    const api = createTestClient(database, { production: true });
    const result = await api.query(`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "England") { value { status } } }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "area" });
    expect(result.errors?.[0]?.message).toMatch(/GSS code/);
    const unknown = await api.query(`{ benchmark(questionSet: ADULT_PB, question: "nope", area: "E92000001") { value { status } } }`);
    expect(unknown.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", argument: "question" });
    const key = await api.post(`{ viewer { access } }`, undefined, { authorization: "Bearer poet_unknown" });
    expect(key.status).toBe(401);
    expect(JSON.parse(key.body).errors[0].extensions).toEqual({ code: "UNAUTHENTICATED", requestId: key.headers["x-request-id"] });
  });
});
