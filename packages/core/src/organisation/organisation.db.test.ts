import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Actor, ANONYMOUS } from "../actor/index.ts";
import { queryRows } from "../db/types.ts";
import type { PoetError } from "../errors/index.ts";
import { DEFAULT_SETTINGS } from "../scope/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { startIdentityProvider } from "../testing/jwt.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { apiKeys, auditEvents } from "./apikey.sql.ts";
import { recordAudit } from "./audit.ts";
import { authenticate, createApiKey, createOrganisation, listApiKeys, listAuditEvents, listOrganisations, revokeApiKey } from "./index.ts";
import { createOrganisationLoaders } from "./loaders.ts";
import { organisationAreas, organisations } from "./organisation.sql.ts";

let database: TestDatabase;
const keys = new Map<string, Awaited<ReturnType<typeof testCredential>>>();

beforeAll(async () => {
  database = await createSetUpDatabase();
  keys.set("COUNCIL", await testCredential(database.db, { type: "COUNCIL", slug: "org-council", areas: ["E06000002", "E06000001"] }));
  keys.set("HEALTH_BODY", await testCredential(database.db, { type: "HEALTH_BODY", slug: "org-health-body" }));
  keys.set("RESEARCH", await testCredential(database.db, { type: "RESEARCH", slug: "org-research" }));
  keys.set("ADMINISTRATOR", await testCredential(database.db, { type: "ADMINISTRATOR", slug: "org-administrator" }));
});
afterAll(() => database?.close());

const auth = (header: string | undefined) => authenticate(database.db, header, DEFAULT_SETTINGS);
const failure = async (header: string) => {
  try {
    await auth(header);
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return null;
};
const scope = (actor: Actor) => ({ db: database.db, actor, settings: DEFAULT_SETTINGS });

describe("API keys", () => {
  it("are poet_, an 8-character prefix and a 43-character secret, shown once and stored only as their SHA-256", async () => {
    const { key, prefix } = keys.get("RESEARCH")!;
    expect(key).toMatch(/^poet_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    const stored = await database.db.select().from(apiKeys);
    expect(stored.map((k) => k.keyHash)).toContain(createHash("sha256").update(key).digest("hex"));
    const dump =
      JSON.stringify(await queryRows(database.db, sql`select * from api_keys`)) + JSON.stringify(await queryRows(database.db, sql`select * from audit_events`));
    for (const issued of keys.values()) expect(dump).not.toContain(issued.key.slice(prefix.length + 1));
  });

  it("carry the role their organisation's kind allows: one actor per role", async () => {
    expect(await auth(keys.get("COUNCIL")!.header)).toMatchObject({ type: "member", organisation: { slug: "org-council" }, areas: ["E06000001", "E06000002"] });
    expect(await auth(keys.get("HEALTH_BODY")!.header)).toMatchObject({ type: "member", organisation: { slug: "org-health-body" }, areas: [] });
    expect(await auth(keys.get("RESEARCH")!.header)).toMatchObject({
      type: "researcher",
      organisation: { slug: "org-research" },
      credential: keys.get("RESEARCH")!.prefix,
    });
    expect(await auth(keys.get("ADMINISTRATOR")!.header)).toMatchObject({ type: "admin", organisation: { slug: "org-administrator" } });
    const research = await createApiKey(systemScope(database.db), { organisation: "org-administrator", role: "RESEARCHER" });
    expect((await auth(`Bearer ${research.key}`)).type).toBe("researcher");
    await expect(createApiKey(systemScope(database.db), { organisation: "org-council", role: "ADMIN" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN",
      details: { argument: "role" },
    });
    await expect(createApiKey(systemScope(database.db), { organisation: "org-administrator", role: "MEMBER" })).rejects.toMatchObject({
      message: "An ADMINISTRATOR organisation's keys and tokens may carry ADMIN or RESEARCHER, not MEMBER",
    });
    await expect(createApiKey(systemScope(database.db), null as never)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { argument: "input" } });
    const prefixes = await Promise.all(Array.from({ length: 40 }, () => createApiKey(systemScope(database.db), { organisation: "org-research" })));
    for (const { apiKey } of prefixes) expect(apiKey.prefix).toMatch(/^poet_[A-Za-z0-9]{8}$/);
    await expect(createApiKey(systemScope(database.db), { organisation: "nobody" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'No organisation "nobody"',
      details: { argument: "organisation" },
    });
    await expect(revokeApiKey(systemScope(database.db), "poet_Nobody00")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No API key poet_Nobody00",
      details: { argument: "prefix" },
    });
    await expect(revokeApiKey(systemScope(database.db), "poet_x")).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { argument: "prefix" } });
  });

  it("read the scheme case-insensitively and tolerate surrounding space", async () => {
    expect((await auth(`bearer ${keys.get("RESEARCH")!.key}`)).type).toBe("researcher");
    expect((await auth(`  Bearer   ${keys.get("RESEARCH")!.key}  `)).type).toBe("researcher");
  });

  it("are anonymous without a header", async () => {
    expect(await auth(undefined)).toBe(ANONYMOUS);
    expect(await auth("")).toBe(ANONYMOUS);
    expect(ANONYMOUS).toEqual({ type: "anonymous" });
  });

  it("refuse a malformed, unknown, expired or revoked credential as UNAUTHENTICATED, never as anonymous", async () => {
    const malformed = "The Authorization header must be `Bearer <API key>` (poet_…) or `Bearer <JWT>` from the membership portal";
    const key = keys.get("RESEARCH")!.key;
    expect(await failure(`Basic ${key}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`NotBearer ${key}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer ${key.slice(5)}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer ${key} extra`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure("Bearer")).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer poet_${"x".repeat(5000)}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer poet_${"x".repeat(4092)}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer poet_${"x".repeat(4091)}`)).toEqual({ code: "UNAUTHENTICATED", message: "This API key is not valid (unknown or revoked)" });
    expect(await failure("Bearer poet_unknown")).toEqual({ code: "UNAUTHENTICATED", message: "This API key is not valid (unknown or revoked)" });
    expect(await failure("Bearer a.b.c")).toEqual({ code: "UNAUTHENTICATED", message: "This deployment accepts API keys only, not tokens" });

    const doomed = await testCredential(database.db, { type: "RESEARCH" });
    expect((await auth(doomed.header)).type).toBe("researcher");
    const revoked = await revokeApiKey(systemScope(database.db), doomed.prefix);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await failure(doomed.header)).toEqual({ code: "UNAUTHENTICATED", message: "This API key is not valid (unknown or revoked)" });
    expect((await revokeApiKey(systemScope(database.db), doomed.prefix)).revokedAt).toEqual(revoked.revokedAt);
    expect((await auth(keys.get("RESEARCH")!.header)).type).toBe("researcher");

    const expiresAt = new Date(Date.now() + 60_000);
    const expiring = await testCredential(database.db, { type: "RESEARCH", expiresAt });
    // Expired from the very millisecond it names, whether used or issued then.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(expiresAt.getTime() - 1);
      expect((await auth(expiring.header)).type).toBe("researcher");
      vi.setSystemTime(expiresAt);
      expect(await failure(expiring.header)).toEqual({ code: "UNAUTHENTICATED", message: `This API key expired at ${expiresAt.toISOString()}` });
      await expect(createApiKey(systemScope(database.db), { organisation: "org-research", expiresAt })).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        message: "`expiresAt` must be in the future",
        details: { argument: "expiresAt" },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("are refused once their organisation is of a kind that does not allow their role, and never marked used", async () => {
    // No command changes an organisation's kind: this is the database edited by hand.
    const made = await testCredential(database.db, { type: "ADMINISTRATOR", role: "ADMIN" });
    const retype = (type: "COUNCIL" | "ADMINISTRATOR") => database.db.update(organisations).set({ type }).where(eq(organisations.slug, made.slug));
    await retype("COUNCIL");
    expect(await failure(made.header)).toEqual({
      code: "UNAUTHENTICATED",
      message: `This API key's role does not fit its organisation "${made.slug}": A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN`,
    });
    expect((await database.db.select().from(apiKeys).where(eq(apiKeys.prefix, made.prefix)))[0]!.lastUsedAt).toBeNull();
    await retype("ADMINISTRATOR");
    expect((await auth(made.header)).type).toBe("admin");
  });

  it("record when they were last used, at most once a minute", async () => {
    const used = await testCredential(database.db, { type: "RESEARCH" });
    const lastUsed = async () => (await database.db.select().from(apiKeys).where(eq(apiKeys.prefix, used.prefix)))[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await auth(used.header);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await auth(used.header);
    expect(await lastUsed()).toEqual(first);
    await database.db.execute(sql`update api_keys set last_used_at = now() - interval '59 seconds' where prefix = ${used.prefix}`);
    const recent = await lastUsed();
    await auth(used.header);
    expect(await lastUsed()).toEqual(recent);
    await database.db.execute(sql`update api_keys set last_used_at = now() - interval '61 seconds' where prefix = ${used.prefix}`);
    const stale = await lastUsed();
    await auth(used.header);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });

  it("are managed by administrators and the system only, and every change is audited", async () => {
    const member = await auth(keys.get("COUNCIL")!.header);
    const researcher = await auth(keys.get("RESEARCH")!.header);
    for (const actor of [ANONYMOUS, member, researcher]) {
      await expect(createApiKey(scope(actor), { organisation: "org-council" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokeApiKey(scope(actor), keys.get("COUNCIL")!.prefix)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listApiKeys(scope(actor))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createOrganisation(scope(actor), { slug: "x", name: "X", type: "COUNCIL" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listAuditEvents(scope(actor), { first: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await auth(keys.get("ADMINISTRATOR")!.header);
    const made = await createApiKey(scope(admin), { organisation: "org-council", name: "portal" });
    await revokeApiKey(scope(admin), made.apiKey.prefix);
    const { edges } = await listAuditEvents(scope(admin), { first: 2 });
    expect(edges.map((e) => [e.node.action, e.node.subject, e.node.actor])).toEqual([
      ["key.revoke", made.apiKey.prefix, `admin:org-administrator:${keys.get("ADMINISTRATOR")!.prefix}`],
      ["key.create", made.apiKey.prefix, `admin:org-administrator:${keys.get("ADMINISTRATOR")!.prefix}`],
    ]);
    expect(edges[1]!.node.detail).toEqual({ organisation: "org-council", role: "MEMBER", expiresAt: null });
    await expect(listApiKeys(scope(admin), { organisation: "Not A Slug" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { argument: "organisation" },
    });
    const everyKey = await listApiKeys(scope(admin));
    expect([...new Set(everyKey.map((r) => r.organisation))]).toEqual(
      expect.arrayContaining(["org-council", "org-health-body", "org-research", "org-administrator"]),
    );
    expect(everyKey.map((r) => r.key.id)).toEqual(everyKey.map((r) => r.key.id).sort((a, b) => a - b));
    const listed = await listApiKeys(scope(admin), { organisation: "org-council" });
    expect(listed.map((r) => [r.key.prefix, r.key.role, r.key.revokedAt === null])).toEqual([
      [keys.get("COUNCIL")!.prefix, "MEMBER", true],
      [made.apiKey.prefix, "MEMBER", false],
    ]);
  });
});

describe("membership-portal tokens", () => {
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
  beforeAll(async () => {
    idp = await startIdentityProvider();
  });
  afterAll(() => idp?.close());
  const viaJwt = (token: string) => authenticate(database.db, `Bearer ${token}`, { jwt: idp.settings });
  const refusal = (token: string) =>
    viaJwt(token).then(
      () => null,
      (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
    );
  const claimsRule = "This token's role must be one of MEMBER, RESEARCHER, ADMIN and org an organisation's slug";

  it("name the organisation and role; the member gets its organisation's areas, sorted, and the credential names the subject", async () => {
    expect(await viaJwt(await idp.sign({ org: "org-council", role: "MEMBER", sub: "officer-7" }))).toEqual({
      type: "member",
      organisation: { id: expect.any(Number), slug: "org-council", name: "Test COUNCIL" },
      areas: ["E06000001", "E06000002"],
      credential: "jwt:officer-7",
    });
    expect(await viaJwt(await idp.sign({ org: "org-research", role: "RESEARCHER", sub: "r".repeat(100) }))).toMatchObject({
      type: "researcher",
      credential: `jwt:${"r".repeat(64)}`,
    });
    expect(await viaJwt(await idp.sign({ org: "org-administrator", role: "ADMIN" }, { anonymous: true }))).toMatchObject({
      type: "admin",
      credential: "jwt:?",
    });
  });

  it("carry only a role their organisation's kind allows, by the rule keys follow: any other is UNAUTHENTICATED, never narrowed", async () => {
    const answers: Record<string, string> = {};
    for (const [type, org] of Object.entries({
      COUNCIL: "org-council",
      HEALTH_BODY: "org-health-body",
      RESEARCH: "org-research",
      ADMINISTRATOR: "org-administrator",
    })) {
      for (const role of ["MEMBER", "RESEARCHER", "ADMIN"]) {
        answers[`${type} ${role}`] = await viaJwt(await idp.sign({ org, role })).then(
          (actor) => actor.type,
          (error: PoetError) => `${error.code}: ${error.message}`,
        );
      }
    }
    const refused = (org: string, rule: string) => `UNAUTHENTICATED: This token's role does not fit its organisation "${org}": ${rule}`;
    expect(answers).toEqual({
      "COUNCIL MEMBER": "member",
      "COUNCIL RESEARCHER": refused("org-council", "A COUNCIL organisation's keys and tokens may carry MEMBER, not RESEARCHER"),
      "COUNCIL ADMIN": refused("org-council", "A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN"),
      "HEALTH_BODY MEMBER": "member",
      "HEALTH_BODY RESEARCHER": refused("org-health-body", "A HEALTH_BODY organisation's keys and tokens may carry MEMBER, not RESEARCHER"),
      "HEALTH_BODY ADMIN": refused("org-health-body", "A HEALTH_BODY organisation's keys and tokens may carry MEMBER, not ADMIN"),
      "RESEARCH MEMBER": refused("org-research", "A RESEARCH organisation's keys and tokens may carry RESEARCHER, not MEMBER"),
      "RESEARCH RESEARCHER": "researcher",
      "RESEARCH ADMIN": refused("org-research", "A RESEARCH organisation's keys and tokens may carry RESEARCHER, not ADMIN"),
      "ADMINISTRATOR MEMBER": refused("org-administrator", "An ADMINISTRATOR organisation's keys and tokens may carry ADMIN or RESEARCHER, not MEMBER"),
      "ADMINISTRATOR RESEARCHER": "researcher",
      "ADMINISTRATOR ADMIN": "admin",
    });
  });

  it("refuse a role or organisation claim that is missing, unknown, in the wrong case or not a string", async () => {
    expect(await refusal(await idp.sign({ org: "org-council", role: "KING" }))).toEqual({ code: "UNAUTHENTICATED", message: claimsRule });
    // Roles are matched exactly, as the portal is told to send them: no second, case-folded rule.
    expect(await refusal(await idp.sign({ org: "org-council", role: "member" }))).toEqual({ code: "UNAUTHENTICATED", message: claimsRule });
    expect(await refusal(await idp.sign({ org: "org-administrator", role: "Admin" }))).toEqual({ code: "UNAUTHENTICATED", message: claimsRule });
    expect(await refusal(await idp.sign({ org: "org-administrator", role: ["ADMIN"] as unknown as string }))).toEqual({
      code: "UNAUTHENTICATED",
      message: claimsRule,
    });
    expect(await refusal(await idp.sign({ org: "org-council", role: "" }))).toEqual({ code: "UNAUTHENTICATED", message: claimsRule });
    expect(await refusal(await idp.sign({ org: 42 as unknown as string, role: "MEMBER" }))).toEqual({ code: "UNAUTHENTICATED", message: claimsRule });
    expect(await refusal(await idp.sign({ org: "org-council" }))).toEqual({
      code: "UNAUTHENTICATED",
      message: 'This token is not valid: missing required "role" claim',
    });
    expect(await refusal(await idp.sign({ org: `ghost-${"g".repeat(100)}`, role: "MEMBER" }))).toEqual({
      code: "UNAUTHENTICATED",
      message: `This token names an organisation POET does not know ("ghost-${"g".repeat(58)}")`,
    });
    expect(await refusal(await idp.sign({ org: "org-council", role: "MEMBER" }, { issuer: "https://elsewhere.test/" }))).toEqual({
      code: "UNAUTHENTICATED",
      message: 'This token is not valid: unexpected "iss" claim value',
    });
  });
});

describe("organisations", () => {
  it("are batched by id for nested fields, with none for an id that names no organisation", async () => {
    const loaders = createOrganisationLoaders(async () => database.db);
    const [row] = await database.db.select().from(organisations).where(eq(organisations.slug, "org-council"));
    const [found, missing] = await Promise.all([loaders.byId.load(row!.id), loaders.byId.load(-1)]);
    expect(found).toMatchObject({ slug: "org-council" });
    expect(missing).toBeNull();
  });

  it("are created with the areas they cover, all or nothing", async () => {
    const system = systemScope(database.db);
    const before = (await database.db.select().from(auditEvents)).length;
    await expect(createOrganisation(system, { slug: "half-made", name: "Half", type: "COUNCIL", areas: ["E06000001", "E06999999"] })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "Unknown area code(s): E06999999",
    });
    await expect(
      createOrganisation(system, { slug: "half-made", name: "Half", type: "COUNCIL", areas: ["E06999998", "E06000001", "E06999999"] }),
    ).rejects.toMatchObject({
      message: "Unknown area code(s): E06999998, E06999999",
      details: { argument: "areas" },
    });
    await expect(createOrganisation(system, { slug: "org-council", name: "Again", type: "COUNCIL" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'An organisation "org-council" already exists',
      details: { argument: "slug" },
    });
    await expect(createOrganisation(system, null as never)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { argument: "input" } });
    await expect(createOrganisation(system, { slug: "Bad Slug", name: "X", type: "COUNCIL" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { argument: "slug" },
    });
    await expect(createOrganisation(system, { slug: "nul", name: "X\u0000", type: "COUNCIL" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { argument: "name" },
    });
    await expect(createOrganisation(system, { slug: "lower", name: "X", type: "COUNCIL", areas: ["e06000001"] })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      details: { argument: "areas.0" },
    });
    expect(await database.db.select().from(organisations).where(eq(organisations.slug, "half-made"))).toEqual([]);
    expect((await database.db.select().from(auditEvents)).length).toBe(before);

    const made = await createOrganisation(system, { slug: "two-areas", name: "Two", type: "HEALTH_BODY", areas: ["E54000008", "E54000008", "E54000010"] });
    const covered = await database.db.select().from(organisationAreas).where(eq(organisationAreas.organisationId, made.id));
    expect(covered.map((c) => c.areaCode).sort()).toEqual(["E54000008", "E54000010"]);
    const [event] = (await listAuditEvents(system, { first: 1 })).edges;
    expect(event!.node).toMatchObject({
      actor: "system:tests",
      action: "organisation.create",
      subject: "two-areas",
      detail: { type: "HEALTH_BODY", areas: ["E54000008", "E54000010"] },
    });
  });
});

describe("the organisation list and the audit trail", () => {
  it("lists members' organisations by slug, never the demo data's synthetic ones", async () => {
    await database.db.execute(sql`insert into organisations (slug, name, type, synthetic) values ('aaa-demo', 'Demo', 'COUNCIL', true)`);
    const slugs = (await listOrganisations(systemScope(database.db))).map((o) => o.slug);
    expect(slugs).not.toContain("aaa-demo");
    expect(slugs).toContain("org-council");
    expect(slugs).toEqual([...slugs].sort());
  });

  it("records rows and detail as given, newest first, a page at a time", async () => {
    const system = systemScope(database.db);
    await recordAudit(system, { action: "test.one", subject: "a", rows: 5, detail: { why: "test" } });
    await recordAudit(system, { action: "test.two", subject: "b" });
    const first = await listAuditEvents(system, { first: 1 });
    expect(first.edges.map((e) => [e.node.action, e.node.subject, e.node.rows, e.node.detail])).toEqual([["test.two", "b", null, null]]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // Cursors keep one format across deploys, so that a client's saved cursor still works.
    expect(Buffer.from(first.pageInfo.endCursor!, "base64url").toString()).toBe(`audit:${first.edges[0]!.node.id}`);
    const second = await listAuditEvents(system, { first: 1, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => [e.node.action, e.node.rows, e.node.detail])).toEqual([["test.one", 5, { why: "test" }]]);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    await expect(listAuditEvents(system, { first: 1, after: "bm9uc2Vuc2U" })).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { argument: "after" } });
    await expect(listAuditEvents(system, { first: 0 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { argument: "first" } });
  });
});
