import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cutRelease } from "../release/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { systemScope, testCredential } from "../testing/keys.ts";

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

describe("instants (DateTime)", () => {
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  it("are sent as ISO 8601 strings in UTC, and taken as a date or a date-time with its offset", async () => {
    const api = createTestClient(database);
    const admin = await testCredential(database.db, { type: "ADMINISTRATOR", role: "ADMIN" });
    const headers = { authorization: admin.header };
    const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { prefix createdAt expiresAt lastUsedAt revokedAt } } }`;
    const byDay = await api.data(create, { input: { organisation: admin.slug, expiresAt: "2099-03-31" } }, headers);
    expect(byDay.createApiKey.apiKey).toMatchObject({ expiresAt: "2099-03-31T00:00:00.000Z", lastUsedAt: null, revokedAt: null });
    expect(byDay.createApiKey.apiKey.createdAt).toMatch(ISO);
    const offset = await api.data(create, { input: { organisation: admin.slug, expiresAt: "2099-03-31T10:00:00+02:00" } }, headers);
    expect(offset.createApiKey.apiKey.expiresAt).toBe("2099-03-31T08:00:00.000Z");
    const revoked = await api.data(`mutation { revokeApiKey(prefix: "${byDay.createApiKey.apiKey.prefix}") { revokedAt } }`, undefined, headers);
    expect(revoked.revokeApiKey.revokedAt).toMatch(ISO);
    const read = await api.data(`{ auditEvents(first: 1) { edges { node { at } } } releases { cutAt } }`, undefined, headers);
    expect(read.auditEvents.edges[0].node.at).toMatch(ISO);
    expect(read.releases[0].cutAt).toMatch(ISO);
    // A day the month lacks is refused before anything runs, naming where it was.
    const bad = await api.query(create, { input: { organisation: admin.slug, expiresAt: "2099-02-30" } }, headers);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toMatch(/^Variable "\$input" got invalid value "2099-02-30" at "input\.expiresAt"/);
  });
});

describe("administration through GraphQL", () => {
  it("answers an organisation's areas, a key's organisation, an audit event's detail and a release's years", async () => {
    const api = createTestClient(database);
    const admin = await testCredential(database.db, { type: "ADMINISTRATOR", role: "ADMIN" });
    const headers = { authorization: admin.header };
    const made = await api.data(
      `mutation { createOrganisation(input: { slug: "gql-admin-council", name: "GQL Council", type: COUNCIL, areas: ["E06000001", "E06000002"] }) { slug } }`,
      undefined,
      headers,
    );
    expect(made.createOrganisation.slug).toBe("gql-admin-council");
    await api.data(`mutation { createApiKey(input: { organisation: "gql-admin-council", name: "dashboard" }) { apiKey { prefix } } }`, undefined, headers);

    const read = await api.data(
      `{ organisations { slug area { code } areas { code } }
         apiKeys(organisation: "gql-admin-council") { name role organisation { slug name } }
         auditEvents(first: 5) { edges { node { action subject detail } } }
         releases { name financialYears newFinancialYears questionSets { versions financialYears } } }`,
      undefined,
      headers,
    );
    const council = read.organisations.find((o: { slug: string }) => o.slug === "gql-admin-council");
    expect(council).toEqual({ slug: "gql-admin-council", area: { code: "E06000001" }, areas: [{ code: "E06000001" }, { code: "E06000002" }] });
    expect(read.apiKeys).toEqual([{ name: "dashboard", role: "MEMBER", organisation: { slug: "gql-admin-council", name: "GQL Council" } }]);
    const keyEvent = read.auditEvents.edges.map((e: { node: unknown }) => e.node).find((n: { action: string }) => n.action === "key.create");
    expect(keyEvent.subject).toMatch(/^poet_/);
    expect(JSON.parse(keyEvent.detail)).toMatchObject({ organisation: "gql-admin-council", role: "MEMBER", expiresAt: null });
    expect(read.releases).toEqual([{ name: "2026-07", financialYears: [], newFinancialYears: [], questionSets: expect.any(Array) }]);
  });

  it("says a deployment that draws no reports draws none, and answers coverage for councils unless asked otherwise", async () => {
    const api = createTestClient(database, { services: { reports: null } });
    const report = await api.query(`{ localReport(area: "E06000001", questionSet: ADULT_PB) { title } }`);
    expect(report.errors?.[0]).toMatchObject({ message: "Local reports are not drawn by this deployment", extensions: { code: "NOT_FOUND" } });
    const coverage = await api.data(`{ coverage(questionSet: ADULT_PB) { area { type } } }`);
    expect(coverage.coverage.every((c: { area: { type: string } }) => c.area.type === "LOCAL_AUTHORITY")).toBe(true);
  });
});
