import { describe, expect, it } from "vitest";
import { findChromium, htmlToPdf, NO_CHROMIUM } from "./pdf.ts";

describe("findChromium", () => {
  it("takes POET_CHROMIUM, else the first of Debian's and Ubuntu's paths that exists, else null", () => {
    expect(findChromium({ POET_CHROMIUM: "/opt/chrome" }, () => false)).toBe("/opt/chrome");
    expect(findChromium({}, (path) => path !== "/usr/bin/chromium")).toBe("/usr/bin/chromium-browser");
    expect(findChromium({}, () => false)).toBeNull();
    expect(NO_CHROMIUM).toContain("sudo apt-get install chromium");
    expect(NO_CHROMIUM).toContain("POET_CHROMIUM");
  });
});

const chromium = findChromium();
describe.skipIf(!chromium)(`htmlToPdf (with the Chromium at ${chromium ?? "(none: skipped; install chromium or set POET_CHROMIUM)"})`, () => {
  it("prints each document as a PDF with one browser, a remote image not holding it up", async () => {
    const html = (title: string) =>
      `<!doctype html><html lang="en"><head><title>${title}</title><style>@page { size: A4; margin: 1cm }</style></head><body><h1>${title}</h1><img src="https://example.invalid/x.png" alt=""></body></html>`;
    const pdfs = await htmlToPdf([html("One"), html("Two")]);
    expect(pdfs).toHaveLength(2);
    for (const pdf of pdfs) expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  });
});
