import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../organisation/index.ts";
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
const callers = new Map<string, Record<string, string>>();

beforeAll(async () => {
  idp = await startIdentityProvider();
  api = createTestClient(demo.database, { settings: { jwt: idp.settings } });
  const db = demo.database.db;
  const memberA = await testCredential(db, { type: "COUNCIL", slug: "matrix-a", areas: ["E08000025"] });
  await testCredential(db, { type: "COUNCIL", slug: "matrix-b", areas: ["E06000001"] });
  const researcher = await testCredential(db, { type: "RESEARCH", slug: "matrix-research" });
  const admin = await testCredential(db, { type: "ADMINISTRATOR", slug: "matrix-admin" });
  const expired = await testCredential(db, { type: "RESEARCH", expiresAt: new Date(Date.now() + 1000) });
  const revoked = await testCredential(db, { type: "ADMINISTRATOR" });
  await revokeApiKey(systemScope(db), revoked.prefix);
  // Figures are read from a release: the first, as a deployment has it after its first schedule.
  await cutRelease(systemScope(db), { name: "2026-07", asOf: "2026-07-01" });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const header = (value: string) => ({ authorization: value });
  callers.set("anonymous", {});
  callers.set("member A (key)", header(memberA.header));
  callers.set("member B (JWT)", header(`Bearer ${await idp.sign({ org: "matrix-b", role: "MEMBER" })}`));
  callers.set("researcher", header(researcher.header));
  callers.set("admin", header(admin.header));
  callers.set("expired key", header(expired.header));
  callers.set("revoked key", header(revoked.header));
  callers.set("garbage key", header("Bearer poet_garbage"));
  callers.set("bad JWT", header(`Bearer ${await idp.sign({ org: "matrix-b", role: "MEMBER" }, { impostor: true })}`));
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

/** What each caller gets: "ok", or the error code. */
function expected(caller: string, field: string): string {
  if (["expired key", "revoked key", "garbage key", "bad JWT"].includes(caller)) return "UNAUTHENTICATED";
  if (MEMBER_FIELDS.includes(field)) {
    if (caller === "anonymous") return "UNAUTHENTICATED";
    if (caller === "researcher") return "FORBIDDEN";
    // This server has no imports bucket.
    return field === "Mutation.createImport" ? "BAD_REQUEST" : "ok";
  }
  if (field.endsWith(" (LIVE)")) {
    // Live figures are a member organisation's own: FORBIDDEN to anyone else, and for an area it does not cover.
    if (caller === "member A (key)") return "ok";
    if (caller === "member B (JWT)" && LISTS.includes(field.replace(" (LIVE)", ""))) return "ok";
    return "FORBIDDEN";
  }
  const admin = field.startsWith("Mutation.") || ["Query.organisations", "Query.apiKeys", "Query.auditEvents"].includes(field);
  if (admin) return caller === "admin" ? (field === "Mutation.revokeApiKey" ? "NOT_FOUND" : "ok") : caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
  if (field === "Query.breakdown" || field === "Query.association") return caller === "researcher" || caller === "admin" ? "ok" : "FORBIDDEN";
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
    for (const [caller, headers] of callers) {
      actual[caller] = {};
      wanted[caller] = {};
      const all = [...Object.entries(SAMPLES), ...Object.entries(LIVE_SAMPLES).map(([field, sample]) => [`${field} (LIVE)`, sample] as const)];
      for (const [field, sample] of all) {
        const [query, variables] = sample();
        const result = await api.query(query, variables, headers);
        actual[caller][field] = result.errors?.length ? String(result.errors[0]!.extensions?.code) : result.data ? "ok" : "no data";
        wanted[caller][field] = expected(caller, field);
      }
    }
    expect(actual).toEqual(wanted);
  }, 120_000);

  it("tells each caller who it is", async () => {
    const viewers = [];
    for (const caller of ["anonymous", "member A (key)", "member B (JWT)", "researcher", "admin"]) {
      viewers.push((await api.data(`{ viewer { role access organisation { slug areas { code } } } }`, undefined, callers.get(caller))).viewer);
    }
    expect(viewers).toEqual([
      { role: "PUBLIC", access: "PUBLIC", organisation: null },
      { role: "MEMBER", access: "PUBLIC", organisation: { slug: "matrix-a", areas: [{ code: COUNCIL }] } },
      { role: "MEMBER", access: "PUBLIC", organisation: { slug: "matrix-b", areas: [{ code: "E06000001" }] } },
      { role: "RESEARCHER", access: "RESEARCHER", organisation: { slug: "matrix-research", areas: [] } },
      { role: "ADMIN", access: "RESEARCHER", organisation: { slug: "matrix-admin", areas: [] } },
    ]);
  });

  it("refuses tokens with a bad signature, issuer, audience or expiry, or naming an unknown organisation or role", async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const tokens = {
      signature: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { impostor: true }),
      issuer: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { issuer: "https://evil.test/" }),
      audience: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { audience: "someone-else" }),
      expiry: await idp.sign({ org: "matrix-b", role: "MEMBER" }, { expiresAt: past }),
      organisation: await idp.sign({ org: "nobody", role: "MEMBER" }),
      role: await idp.sign({ org: "matrix-b", role: "OWNER" }),
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
    });
  });
});
