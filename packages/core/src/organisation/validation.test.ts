import { describe, expect, it } from "vitest";
import { keyPrefix, newApiKey, newOrganisation, ORGANISATION_TYPES, ROLES, ROLES_BY_TYPE, roleRefusal, slugSchema } from "./validation.ts";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("organisation slugs", () => {
  it("are lower-case letters and digits joined by single hyphens", () => {
    for (const good of ["hartlepool-council", "a1", "x", "nhs-north-east-2"]) expect(slugSchema.safeParse(good).success, good).toBe(true);
    for (const bad of ["-a", "a-", "a--b", "Hartlepool", "a_b", "a b", "a.b", "-"]) {
      expect(messages(slugSchema.safeParse(bad)), bad).toEqual(["must be lower-case letters and digits joined by hyphens, e.g. hartlepool-council"]);
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

  it("are refused, by one rule for keys and tokens alike, any role their kind does not allow", () => {
    const refusals = Object.fromEntries(ORGANISATION_TYPES.flatMap((type) => ROLES.map((role) => [`${type} ${role}`, roleRefusal(type, role)])));
    expect(refusals).toEqual({
      "COUNCIL MEMBER": null,
      "COUNCIL RESEARCHER": "A COUNCIL organisation's keys and tokens may carry MEMBER, not RESEARCHER",
      "COUNCIL ADMIN": "A COUNCIL organisation's keys and tokens may carry MEMBER, not ADMIN",
      "HEALTH_BODY MEMBER": null,
      "HEALTH_BODY RESEARCHER": "A HEALTH_BODY organisation's keys and tokens may carry MEMBER, not RESEARCHER",
      "HEALTH_BODY ADMIN": "A HEALTH_BODY organisation's keys and tokens may carry MEMBER, not ADMIN",
      "RESEARCH MEMBER": "A RESEARCH organisation's keys and tokens may carry RESEARCHER, not MEMBER",
      "RESEARCH RESEARCHER": null,
      "RESEARCH ADMIN": "A RESEARCH organisation's keys and tokens may carry RESEARCHER, not ADMIN",
      "ADMINISTRATOR MEMBER": "An ADMINISTRATOR organisation's keys and tokens may carry ADMIN or RESEARCHER, not MEMBER",
      "ADMINISTRATOR RESEARCHER": null,
      "ADMINISTRATOR ADMIN": null,
    });
  });
});

describe("API keys", () => {
  it("are named 'API key' unless named", () => {
    expect(newApiKey.parse({ organisation: "a" })).toEqual({ organisation: "a", name: "API key" });
    expect(newApiKey.safeParse({ organisation: "A" }).success).toBe(false);
    expect(messages(newApiKey.safeParse({ organisation: "a", role: "admin" }))).toEqual(["must be one of MEMBER, RESEARCHER, ADMIN (in capitals)"]);
  });

  it("have a prefix of poet_ and exactly 8 letters or digits", () => {
    expect(keyPrefix.safeParse("poet_AbC12345").success).toBe(true);
    for (const bad of ["poet_AbC1234", "poet_AbC123456", "xpoet_AbC12345", "poet_AbC1234-", "poet_--------"]) {
      expect(messages(keyPrefix.safeParse(bad)), bad).toEqual(["is not an API key prefix (poet_ and 8 letters or digits)"]);
    }
  });
});
