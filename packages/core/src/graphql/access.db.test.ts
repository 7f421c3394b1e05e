import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../organisation/index.ts";
import { organisations } from "../organisation/organisation.sql.ts";
import { ORGANISATION_TYPES, ROLES } from "../organisation/validation.ts";
import { cutRelease } from "../release/index.ts";
import { useSetUpApi } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { startIdentityProvider } from "../testing/jwt.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { createSchema } from "./server.ts";

// Every role against every root field, through the real HTTP handler: the answer or the code.
// Access answers the same with or without responses: the set-up database, not the demo one.
const demo = useSetUpApi();
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
let api: ReturnType<typeof createTestClient>;

/**
 * What a caller acts as: member A covers the council the samples ask about, member B other
 * areas; a refused caller's credential is bad, so every field is UNAUTHENTICATED.
 */
type Kind = "anonymous" | "member A" | "member B" | "researcher" | "admin" | "refused";
const callers = new Map<string, { kind: Kind; headers: Record<string, string> }>();

/**
 * The roles each kind of organisation's keys and tokens may carry, stated here apart from the
 * code's own table: every pairing is tried, by key when it is allowed and by token always.
 */
const MAY_CARRY: Record<(typeof ORGANISATION_TYPES)[number], Partial<Record<(typeof ROLES)[number], Kind>>> = {
  COUNCIL: { MEMBER: "member A" },
  HEALTH_BODY: { MEMBER: "member B" },
  RESEARCH: { RESEARCHER: "researcher" },
  ADMINISTRATOR: { ADMIN: "admin", RESEARCHER: "researcher" },
};
/** The organisation of each kind that keys and tokens act for. */
const SLUGS = { COUNCIL: "matrix-a", HEALTH_BODY: "matrix-health", RESEARCH: "matrix-research", ADMINISTRATOR: "matrix-admin" } as const;
const AREAS = { COUNCIL: ["E08000025"], HEALTH_BODY: ["E54000008"], RESEARCH: [], ADMINISTRATOR: [] };

beforeAll(async () => {
  idp = await startIdentityProvider();
  api = createTestClient(demo.database, { settings: { jwt: idp.settings } });
  const db = demo.database.db;
  const header = (value: string) => ({ authorization: value });
  const bearer = async (claims: { org: string; role: string }) => header(`Bearer ${await idp.sign(claims)}`);
  callers.set("anonymous", { kind: "anonymous", headers: {} });
  for (const type of ORGANISATION_TYPES) {
    await testCredential(db, { type, slug: SLUGS[type], areas: AREAS[type] });
    for (const role of ROLES) {
      const kind = MAY_CARRY[type][role];
      if (kind) {
        const { key } = await createApiKey(systemScope(db), { organisation: SLUGS[type], role });
        callers.set(`${role} key, ${type}`, { kind, headers: header(`Bearer ${key}`) });
      }
      callers.set(`${role} token, ${type}`, { kind: kind ?? "refused", headers: await bearer({ org: SLUGS[type], role }) });
    }
  }
  await testCredential(db, { type: "COUNCIL", slug: "matrix-b", areas: ["E06000001"] });
  callers.set("MEMBER token, another COUNCIL", { kind: "member B", headers: await bearer({ org: "matrix-b", role: "MEMBER" }) });
  const expired = await testCredential(db, { type: "RESEARCH", expiresAt: new Date(Date.now() + 1000) });
  const revoked = await testCredential(db, { type: "ADMINISTRATOR" });
  await revokeApiKey(systemScope(db), revoked.prefix);
  // No command changes an organisation's kind; were it changed, its keys would carry a role it no longer allows.
  const retyped = await testCredential(db, { type: "ADMINISTRATOR", role: "ADMIN" });
  await db.update(organisations).set({ type: "COUNCIL" }).where(eq(organisations.slug, retyped.slug));
  // Figures are read from a release: the first, as a deployment has it after its first schedule.
  await cutRelease(systemScope(db), { name: "2026-07", asOf: "2026-07-01" });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  callers.set("expired key", { kind: "refused", headers: header(expired.header) });
  callers.set("revoked key", { kind: "refused", headers: header(revoked.header) });
  callers.set("garbage key", { kind: "refused", headers: header("Bearer poet_garbage") });
  callers.set("bad JWT", { kind: "refused", headers: header(`Bearer ${await idp.sign({ org: "matrix-b", role: "MEMBER" }, { impostor: true })}`) });
  callers.set("ADMIN key, ADMINISTRATOR since made a COUNCIL", { kind: "refused", headers: header(retyped.header) });
}, 60_000);
afterAll(() => idp?.close());

let made = 0;
const COUNCIL = "E08000025";
/** One query per root field; the test fails when a root field has none. */
const SAMPLES: Record<string, () => [string, Record<string, unknown>?]> = {
  "Query.about": () => [`{ about { version } }`],
  "Query.areas": () => [`{ areas(first: 1) { totalCount } }`],
  "Query.area": () => [`{ area(code: "${COUNCIL}") { name } }`],
  "Query.questionSets": () => [`{ questionSets { code } }`],
  "Query.questionSet": () => [`{ questionSet(code: CARER) { code } }`],
  "Query.benchmark": () => [`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "${COUNCIL}") { band } }`],
  "Query.areaProfile": () => [`{ areaProfile(questionSet: ADULT_PB, area: "${COUNCIL}") { band } }`],
  "Query.breakdown": () => [`{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender", area: "${COUNCIL}") { band } }`],
  "Query.trend": () => [`{ trend(questionSet: ADULT_PB, question: "quality_of_life", area: "${COUNCIL}") { direction } }`],
  "Query.association": () => [
    `{ association(questionSet: ADULT_PB, process: "ease_getting_budget", outcome: "quality_of_life", area: "${COUNCIL}") { status } }`,
  ],
  "Query.triangulation": () => [`{ triangulation(area: "E12000007", theme: "being_heard") { agreement } }`],
  "Query.reportEligibility": () => [`{ reportEligibility(area: "${COUNCIL}") { threshold } }`],
  "Query.figureExport": () => [`{ figureExport(questionSet: CARER) { rowCount } }`],
  "Query.funnel": () => [`{ funnel(questionSet: ADULT_PB, question: "quality_of_life") { adjustment } }`],
  "Query.coverage": () => [`{ coverage(questionSet: CARER) { responses } }`],
  "Query.localReport": () => [`{ localReport(area: "${COUNCIL}", questionSet: CARER) { eligible } }`],
  "Query.viewer": () => [`{ viewer { role } }`],
  "Query.organisations": () => [`{ organisations { slug } }`],
  "Query.apiKeys": () => [`{ apiKeys(organisation: "matrix-a") { role } }`],
  "Query.auditEvents": () => [`{ auditEvents(first: 1) { pageInfo { hasNextPage } } }`],
  "Mutation.createOrganisation": () => [
    `mutation($slug: String!) { createOrganisation(input: { slug: $slug, name: "Made", type: COUNCIL }) { type } }`,
    { slug: `matrix-made-${++made}` },
  ],
  "Mutation.createApiKey": () => [`mutation { createApiKey(input: { organisation: "matrix-a" }) { apiKey { role } } }`],
  "Mutation.revokeApiKey": () => [`mutation { revokeApiKey(prefix: "poet_NoSuchK1") { prefix } }`],
  "Query.responses": () => [`{ responses(first: 1) { edges { cursor } } }`],
  "Query.response": () => [`{ response(externalRef: "matrix-none") { externalRef } }`],
  "Mutation.submitResponses": () => [
    `mutation { submitResponses(input: { dryRun: true, responses: [{ externalRef: "matrix-1", questionSet: ADULT_PB, area: "${COUNCIL}",
       collectedOn: "2025-06-01", collectionMode: ONLINE, completedBy: SELF, answers: [{ question: "quality_of_life", option: "better" }] }] }) { created } }`,
  ],
  "Mutation.withdrawResponses": () => [`mutation { withdrawResponses(externalRefs: ["matrix-none"]) { notFound } }`],
  "Mutation.importResponses": () => [
    `mutation($csv: String!) { importResponses(csv: $csv, questionSet: ADULT_PB, dryRun: true) { rows } }`,
    { csv: `external_ref,area,collected_on,collection_mode,completed_by,quality_of_life\nmatrix-2,${COUNCIL},2025-06-01,ONLINE,SELF,better\n` },
  ],
  "Query.importTemplate": () => [`{ importTemplate(questionSet: CARER) { header } }`],
  "Mutation.createImport": () => [`mutation { createImport(dryRun: true) { job { id } } }`],
  "Query.importJob": () => [`{ importJob(id: "00000000-0000-0000-0000-000000000000") { id } }`],
  "Query.releases": () => [`{ releases { name } }`],
  "Query.release": () => [`{ release(name: "2026-07") { name } }`],
  "Mutation.cutRelease": () => [`mutation($name: String!) { cutRelease(name: $name) { name } }`, { name: `2020-01-m${++made}` }],
};

/**
 * Every figure field again with `release: "LIVE"`: an organisation's own responses, for its own
 * areas. Member A covers the council asked for; member B covers another.
 */
const LIVE_SAMPLES: Record<string, () => [string, Record<string, unknown>?]> = {
  "Query.benchmark": () => [`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "${COUNCIL}", release: "LIVE") { release } }`],
  "Query.areaProfile": () => [`{ areaProfile(questionSet: ADULT_PB, area: "${COUNCIL}", release: "LIVE") { release } }`],
  "Query.breakdown": () => [`{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender", area: "${COUNCIL}", release: "LIVE") { release } }`],
  "Query.trend": () => [`{ trend(questionSet: ADULT_PB, question: "quality_of_life", area: "${COUNCIL}", release: "LIVE") { release } }`],
  "Query.association": () => [
    `{ association(questionSet: ADULT_PB, process: "ease_getting_budget", outcome: "quality_of_life", area: "${COUNCIL}", release: "LIVE") { release } }`,
  ],
  "Query.triangulation": () => [`{ triangulation(area: "${COUNCIL}", theme: "being_heard", release: "LIVE") { release } }`],
  "Query.reportEligibility": () => [`{ reportEligibility(area: "${COUNCIL}", release: "LIVE") { release } }`],
  "Query.figureExport": () => [`{ figureExport(questionSet: CARER, release: "LIVE") { release } }`],
  // Never live, for anyone: other areas' figures are not.
  "Query.funnel": () => [`{ funnel(questionSet: ADULT_PB, question: "quality_of_life", release: "LIVE") { release } }`],
  "Query.coverage": () => [`{ coverage(questionSet: CARER, release: "LIVE") { responses } }`],
  "Query.localReport": () => [`{ localReport(area: "${COUNCIL}", questionSet: CARER, release: "LIVE") { release } }`],
};
/** Live figures that list the caller's own areas, rather than answer for one: empty for an organisation covering others. */
const LISTS = ["Query.figureExport", "Query.coverage"];

/** Members' own rows: sent and read by members (and administrators), never by anyone else. */
const MEMBER_FIELDS = [
  "Query.responses",
  "Query.response",
  "Query.importJob",
  "Mutation.submitResponses",
  "Mutation.withdrawResponses",
  "Mutation.importResponses",
  "Mutation.createImport",
];

/** What each kind of caller gets: "ok", or the error code. */
function expected(kind: Kind, field: string): string {
  if (kind === "refused") return "UNAUTHENTICATED";
  if (MEMBER_FIELDS.includes(field)) {
    if (kind === "anonymous") return "UNAUTHENTICATED";
    if (kind === "researcher") return "FORBIDDEN";
    // This server has no imports bucket.
    return field === "Mutation.createImport" ? "BAD_REQUEST" : "ok";
  }
  if (field === "Query.funnel (LIVE)") return "BAD_USER_INPUT";
  if (field.endsWith(" (LIVE)")) {
    // Live figures are a member organisation's own: FORBIDDEN to anyone else, and for an area it does not cover.
    if (kind === "member A") return "ok";
    if (kind === "member B" && LISTS.includes(field.replace(" (LIVE)", ""))) return "ok";
    return "FORBIDDEN";
  }
  const admin = field.startsWith("Mutation.") || ["Query.organisations", "Query.apiKeys", "Query.auditEvents"].includes(field);
  if (admin) return kind === "admin" ? (field === "Mutation.revokeApiKey" ? "NOT_FOUND" : "ok") : kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
  if (field === "Query.breakdown" || field === "Query.association") return kind === "researcher" || kind === "admin" ? "ok" : "FORBIDDEN";
  return "ok";
}

describe("the role × field matrix", () => {
  it("has a sample for every root field, and a live one for every field that takes a release", () => {
    const schema = createSchema();
    const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    expect(Object.keys(SAMPLES).sort()).toEqual(roots.sort());
    const takeRelease = [schema.getQueryType()!].flatMap((t) =>
      Object.values(t.getFields())
        .filter((f) => f.args.some((a) => a.name === "release"))
        .map((f) => `${t.name}.${f.name}`),
    );
    expect(Object.keys(LIVE_SAMPLES).sort()).toEqual(takeRelease.sort());
  });

  it("gives every caller the answer or the code the access rules say", async () => {
    const actual: Record<string, Record<string, string>> = {};
    const wanted: Record<string, Record<string, string>> = {};
    for (const [caller, { kind, headers }] of callers) {
      actual[caller] = {};
      wanted[caller] = {};
      const all = [...Object.entries(SAMPLES), ...Object.entries(LIVE_SAMPLES).map(([field, sample]) => [`${field} (LIVE)`, sample] as const)];
      for (const [field, sample] of all) {
        const [query, variables] = sample();
        const result = await api.query(query, variables, headers);
        actual[caller][field] = result.errors?.length ? String(result.errors[0]!.extensions?.code) : result.data ? "ok" : "no data";
        wanted[caller][field] = expected(kind, field);
      }
    }
    expect(actual).toEqual(wanted);
  }, 120_000);

  it("tells each caller who it is, by key or by token alike", async () => {
    const viewers: Record<string, unknown> = {};
    for (const [caller, { kind, headers }] of callers) {
      if (kind !== "refused") viewers[caller] = (await api.data(`{ viewer { role access organisation { slug areas { code } } } }`, undefined, headers)).viewer;
    }
    const memberA = { role: "MEMBER", access: "PUBLIC", organisation: { slug: "matrix-a", areas: [{ code: COUNCIL }] } };
    const health = { role: "MEMBER", access: "PUBLIC", organisation: { slug: "matrix-health", areas: [{ code: "E54000008" }] } };
    const researcher = { role: "RESEARCHER", access: "RESEARCHER", organisation: { slug: "matrix-research", areas: [] } };
    const admin = { role: "ADMIN", access: "RESEARCHER", organisation: { slug: "matrix-admin", areas: [] } };
    const adminsResearcher = { role: "RESEARCHER", access: "RESEARCHER", organisation: { slug: "matrix-admin", areas: [] } };
    expect(viewers).toEqual({
      anonymous: { role: "PUBLIC", access: "PUBLIC", organisation: null },
      "MEMBER key, COUNCIL": memberA,
      "MEMBER token, COUNCIL": memberA,
      "MEMBER key, HEALTH_BODY": health,
      "MEMBER token, HEALTH_BODY": health,
      "RESEARCHER key, RESEARCH": researcher,
      "RESEARCHER token, RESEARCH": researcher,
      "ADMIN key, ADMINISTRATOR": admin,
      "ADMIN token, ADMINISTRATOR": admin,
      "RESEARCHER key, ADMINISTRATOR": adminsResearcher,
      "RESEARCHER token, ADMINISTRATOR": adminsResearcher,
      "MEMBER token, another COUNCIL": { role: "MEMBER", access: "PUBLIC", organisation: { slug: "matrix-b", areas: [{ code: "E06000001" }] } },
    });
  });

  it("refuses a COUNCIL's token asking for ADMIN: a 401 saying why, and no keys listed", async () => {
    const token = await idp.sign({ org: "matrix-b", role: "ADMIN" });
    const response = await api.post(`{ apiKeys { prefix } }`, undefined, { authorization: `Bearer ${token}` });
    const body = JSON.parse(response.body);
    expect({ status: response.status, data: body.data ?? null, errors: body.errors }).toEqual({
      status: 401,
      data: null,
      errors: [
        expect.objectContaining({
          message: `This token's role does not fit its organisation "matrix-b": A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN`,
          extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }),
        }),
      ],
    });
  });

  it("refuses tokens with a bad signature, issuer, audience or expiry, or naming an unknown organisation, an unknown role or one their organisation may not have", async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const tokens = {
      signature: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { impostor: true }),
      issuer: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { issuer: "https://evil.test/" }),
      audience: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { audience: "someone-else" }),
      expiry: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { expiresAt: past }),
      organisation: await idp.sign({ org: "nobody", role: "MEMBER" }),
      role: await idp.sign({ org: "matrix-b", role: "OWNER" }),
      "role in lower case": await idp.sign({ org: "matrix-b", role: "member" }),
      "no role": await idp.sign({ org: "matrix-b" }),
      "role not allowed": await idp.sign({ org: "matrix-research", role: "ADMIN" }),
    };
    const messages: Record<string, string> = {};
    for (const [what, token] of Object.entries(tokens)) {
      const response = await api.post(`{ about { version } }`, undefined, { authorization: `Bearer ${token}` });
      expect(response.status, what).toBe(401);
      messages[what] = JSON.parse(response.body).errors[0].message;
    }
    expect(messages).toEqual({
      signature: "This token is not valid: signature verification failed",
      issuer: 'This token is not valid: unexpected "iss" claim value',
      audience: 'This token is not valid: unexpected "aud" claim value',
      expiry: 'This token is not valid: "exp" claim timestamp check failed',
      organisation: 'This token names an organisation POET does not know ("nobody")',
      role: "This token's role must be one of MEMBER, RESEARCHER, ADMIN and org an organisation's slug",
      "role in lower case": "This token's role must be one of MEMBER, RESEARCHER, ADMIN and org an organisation's slug",
      "no role": 'This token is not valid: missing required "role" claim',
      "role not allowed": `This token's role does not fit its organisation "matrix-research": A RESEARCH organisation's keys and tokens may carry RESEARCHER, not ADMIN`,
    });
  });
});
