import { describe, expect, it } from "vitest";
import { keyPrefix, newApiKey, newOrganisation, ROLES_BY_TYPE, slug } from "./validation.ts";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("organisation slugs", () => {
  it("are lower-case letters and digits joined by single hyphens", () => {
    for (const good of ["hartlepool-council", "a1", "x", "nhs-north-east-2"]) expect(slug.safeParse(good).success, good).toBe(true);
    for (const bad of ["-a", "a-", "a--b", "Hartlepool", "a_b", "a b", "a.b", "-"]) {
      expect(messages(slug.safeParse(bad)), bad).toEqual(["must be lower-case letters and digits joined by hyphens, e.g. hartlepool-council"]);
    }
  });
});

describe("new organisations", () => {
  it("cover no areas unless given some, at most 500", () => {
    expect(newOrganisation.parse({ slug: "a", name: "A", type: "COUNCIL" })).toEqual({ slug: "a", name: "A", type: "COUNCIL", areas: [] });
    expect(newOrganisation.safeParse({ slug: "a", name: "A", type: "COUNCIL", areas: Array(501).fill("E06000001") }).success).toBe(false);
    expect(newOrganisation.safeParse({ slug: "a", name: "A", type: "CHARITY" }).success).toBe(false);
  });

  it("may issue keys of these roles, the first by default", () => {
    expect(ROLES_BY_TYPE).toEqual({ COUNCIL: ["MEMBER"], HEALTH_BODY: ["MEMBER"], RESEARCH: ["RESEARCHER"], ADMINISTRATOR: ["ADMIN", "RESEARCHER"] });
  });
});

describe("API keys", () => {
  it("are named 'API key' unless named", () => {
    expect(newApiKey.parse({ organisation: "a" })).toEqual({ organisation: "a", name: "API key" });
    expect(newApiKey.safeParse({ organisation: "A" }).success).toBe(false);
  });

  it("have a prefix of poet_ and exactly 8 letters or digits", () => {
    expect(keyPrefix.safeParse("poet_AbC12345").success).toBe(true);
    for (const bad of ["poet_AbC1234", "poet_AbC123456", "xpoet_AbC12345", "poet_AbC1234-", "poet_--------"]) {
      expect(messages(keyPrefix.safeParse(bad)), bad).toEqual(["is not an API key prefix (poet_ and 8 letters or digits)"]);
    }
  });
});
