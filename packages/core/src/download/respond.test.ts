import { describe, expect, it } from "vitest";
import { etagListed, etagMatches } from "../http/cache.ts";
import { acceptsGzip, errorResponse, prefersHtml, sentBytes } from "./respond.ts";

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

  it("tells a listed tag (etagListed) from `*`, which only an answer that exists can match", () => {
    expect(etagListed('"a", W/"b"', '"b"')).toBe(true);
    expect(etagListed("*", '"b"')).toBe(false);
    expect(etagListed(undefined, '"b"')).toBe(false);
    expect(etagMatches(' "a" , * ', '"b"')).toBe(true);
  });
});

describe("errorResponse", () => {
  it("has the API's error shape, readable from any origin, never sniffed", () => {
    const response = errorResponse(404, "NOT_FOUND", "No such download", "req-1", "no-store");
    expect(response.headers).toMatchObject({ "cache-control": "no-store", "access-control-allow-origin": "*", "x-content-type-options": "nosniff" });
    expect(JSON.parse(String(response.body))).toEqual({ errors: [{ message: "No such download", extensions: { code: "NOT_FOUND", requestId: "req-1" } }] });
  });
});

describe("sentBytes", () => {
  it("counts binary bodies in base64", () => {
    expect(sentBytes(new Uint8Array(3), true)).toBe(4);
    expect(sentBytes(new Uint8Array(4), true)).toBe(8);
    expect(sentBytes(new Uint8Array(4), false)).toBe(4);
  });
});

describe("prefersHtml", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["*/*", false],
    ["application/json", false],
    ["application/json, text/html", false],
    ["text/html;q=0.5, application/json", false],
    ["text/html", true],
    ["TEXT/HTML", true],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true],
    ["text/*, application/json;q=0.9", true],
    ["text/html;q=0", false],
  ])("%s → %s", (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
