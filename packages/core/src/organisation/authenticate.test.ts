import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../actor/index.ts";
import type { Db } from "../db/types.ts";
import { authenticate, hashKey, KEY_PREFIX } from "./authenticate.ts";

// Every header here is refused (or anonymous) before a database is needed.
const noDb = null as unknown as Db;
const refusal = (header: string, jwt = false) =>
  authenticate(noDb, header, { jwt: jwt ? { jwksUrl: "http://127.0.0.1:9/jwks", issuer: "i", audience: "a", clockToleranceSeconds: 0 } : null }).then(
    () => null,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );
const MALFORMED = {
  code: "UNAUTHENTICATED",
  message: "The Authorization header must be `Bearer <API key>` (poet_…) or `Bearer <JWT>` from the membership portal",
};

describe("authenticate", () => {
  it("is anonymous without a header", async () => {
    expect(await authenticate(noDb, undefined, { jwt: null })).toBe(ANONYMOUS);
    expect(await authenticate(noDb, "", { jwt: null })).toBe(ANONYMOUS);
  });

  it("refuses a header that is neither an API key nor a JWT", async () => {
    for (const header of [
      "Basic abc",
      "Bearer",
      "Bearer a b",
      `Bearer ${"a".repeat(4097)}`,
      "Bearer !a.b.c",
      "Bearer a.b.c!",
      "Bearer a.b",
      "Bearer a..c",
      "Bearer poet",
    ]) {
      expect(await refusal(header), header).toEqual(MALFORMED);
    }
  });

  it("tells a JWT from an API key by its shape, and refuses one where only keys are accepted", async () => {
    for (const token of ["aa.bb.cc", "a-1.b_2.c-3", "eyJhbGciOi.eyJvcmciOi.c2lnbmF0dXJl"]) {
      expect(await refusal(`Bearer ${token}`), token).toEqual({ code: "UNAUTHENTICATED", message: "This deployment accepts API keys only, not tokens" });
    }
  });

  it("stores keys as the hex SHA-256 of the whole key", () => {
    expect(KEY_PREFIX).toBe("poet_");
    expect(hashKey("poet_abc")).toBe("61e7ebf2ac8c73b2e91728ebe05569a00aae92bccf019433472d5952a25a30aa");
  });
});
