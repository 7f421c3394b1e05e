import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { apiKeys } from "./apikey.sql.ts";
import { ANONYMOUS, authenticate, issueApiKey, revokeApiKey } from "./index.ts";
import { organisations } from "./organisation.sql.ts";

let database: TestDatabase;
const keys = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  for (const type of ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"] as const) {
    const [org] = await database.db.insert(organisations).values({ slug: `org-${type.toLowerCase()}`, name: `A ${type}`, type }).returning();
    keys.set(type, await issueApiKey(database.db, org!.id, "tests"));
  }
});
afterAll(() => database?.close());

const failure = async (header: string) => {
  try {
    await authenticate(database.db, header);
  } catch (error) {
    return { code: (error as { extensions?: { code?: string } }).extensions?.code, message: (error as Error).message };
  }
  return null;
};

describe("API keys", () => {
  it("are poet_ and 43 base64url characters, shown once and stored only as their SHA-256", async () => {
    const key = keys.get("RESEARCH")!;
    expect(key).toMatch(/^poet_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.select().from(apiKeys);
    expect(stored.map((k) => k.keyHash)).toContain(createHash("sha256").update(key).digest("hex"));
    const dump = JSON.stringify(await queryRows(database.db, sql`select * from api_keys`));
    for (const issued of keys.values()) expect(dump).not.toContain(issued.slice(5));
  });

  it("give researcher access to research and administrator organisations only", async () => {
    const access = async (type: string) => (await authenticate(database.db, `Bearer ${keys.get(type)}`)).access;
    expect(await access("RESEARCH")).toBe("RESEARCHER");
    expect(await access("ADMINISTRATOR")).toBe("RESEARCHER");
    expect(await access("COUNCIL")).toBe("PUBLIC");
    expect(await access("HEALTH_BODY")).toBe("PUBLIC");
    expect((await authenticate(database.db, `Bearer ${keys.get("COUNCIL")}`)).organisation?.slug).toBe("org-council");
  });

  it("read the scheme case-insensitively and tolerate surrounding space", async () => {
    expect((await authenticate(database.db, `bearer ${keys.get("RESEARCH")}`)).access).toBe("RESEARCHER");
    expect((await authenticate(database.db, `  Bearer   ${keys.get("RESEARCH")}  `)).access).toBe("RESEARCHER");
  });

  it("are anonymous without a header", async () => {
    expect(await authenticate(database.db, undefined)).toBe(ANONYMOUS);
    expect(await authenticate(database.db, "")).toBe(ANONYMOUS);
    expect(ANONYMOUS).toEqual({ access: "PUBLIC", organisation: null });
  });

  it("refuse a malformed, unknown or revoked key as UNAUTHENTICATED, never as anonymous", async () => {
    const malformed = "The Authorization header must be `Bearer poet_…` with an API key";
    expect(await failure(`Basic ${keys.get("RESEARCH")}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`NotBearer ${keys.get("RESEARCH")}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer ${keys.get("RESEARCH")!.slice(5)}`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure(`Bearer ${keys.get("RESEARCH")} extra`)).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure("Bearer")).toEqual({ code: "UNAUTHENTICATED", message: malformed });
    expect(await failure("Bearer poet_unknown")).toEqual({ code: "UNAUTHENTICATED", message: "This API key is not valid (unknown or revoked)" });
    const [org] = await database.db.select().from(organisations).where(eq(organisations.slug, "org-research"));
    const doomed = await issueApiKey(database.db, org!.id, "to revoke");
    expect((await authenticate(database.db, `Bearer ${doomed}`)).access).toBe("RESEARCHER");
    await revokeApiKey(database.db, doomed);
    expect(await failure(`Bearer ${doomed}`)).toEqual({ code: "UNAUTHENTICATED", message: "This API key is not valid (unknown or revoked)" });
    expect((await authenticate(database.db, `Bearer ${keys.get("RESEARCH")}`)).access).toBe("RESEARCHER");
  });
});
