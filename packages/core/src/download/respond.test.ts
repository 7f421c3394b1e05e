import { describe, expect, it } from "vitest";
import { etagMatches } from "../util/http-cache.ts";
import { acceptsGzip, sentBytes } from "./respond.ts";

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["identity", false],
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8, *;q=0.1", true],
    ["GZIP", true],
    ["x-gzip", true],
    ["*", true],
    ["gzip;q=0", false],
    ["*;q=0", false],
    ["br", false],
    ["br, *;q=0.5", true],
    ["gzip;q=0, *", false],
  ])("%j → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("etagMatches", () => {
  it("matches a listed tag, weak or strong, or *", () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches("*", '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});

describe("sentBytes", () => {
  it("counts binary bodies in base64", () => {
    expect(sentBytes(new Uint8Array(3), true)).toBe(4);
    expect(sentBytes(new Uint8Array(4), true)).toBe(8);
    expect(sentBytes(new Uint8Array(4), false)).toBe(4);
  });
});
