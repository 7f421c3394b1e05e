import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { QUESTION_SET_CODES } from "@poet/core/questionset";
import { testDriver, useDemoApi } from "@poet/core/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, launchChromium, openPdfPrinter } from "./pdf.ts";

// Every instrument's local report as a reader gets it: drawn by the API, opened in a real
// headless Chromium, checked for drawn charts, errors, requests and accessibility, and
// photographed for people to look at. Skipped without Chromium (a fresh machine); CI installs it.
export const SCREENSHOTS = "test-results/screenshots/reports";
const chromium = findChromium();
const demo = useDemoApi();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe.runIf(testDriver() === "pglite" && chromium)(`local reports in ${chromium ?? "Chromium"}`, () => {
  let browser: Browser;
  let eligible: { area: { code: string }; questionSet: { code: string } }[];

  beforeAll(async () => {
    browser = await launchChromium(["--headless"]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Councils collect five instruments; ICBs the personal health budget survey.
    const { councils, icbs } = await demo.api.data(
      `{ councils: coverage(areaType: LOCAL_AUTHORITY) { area { code } questionSet { code } reportEligible } icbs: coverage(areaType: ICB) { area { code } questionSet { code } reportEligible } }`,
    );
    eligible = [...councils, ...icbs].filter((e) => e.reportEligible);
  });
  afterAll(() => browser?.close());

  it.each(QUESTION_SET_CODES)("%s: every chart draws, nothing is fetched, no error, no serious accessibility violation", async (code) => {
    const entry = eligible.find((e) => e.questionSet.code === code);
    expect(entry, `a demo council eligible for a ${code} report`).toBeDefined();
    const { localReport } = await demo.api.data(
      `query ($area: String!, $set: QuestionSetCode!) { localReport(area: $area, questionSet: $set) { release eligible slug html } }`,
      { area: entry!.area.code, set: code },
    );
    expect(localReport).toMatchObject({ release: "2026-07", eligible: true });

    // The report's own CSP forbids scripts; axe is injected past it, nothing else is.
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, bypassCSP: true });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(localReport.html, { waitUntil: "load" });

    const charts = await page.$$eval("figure .chart svg", (svgs) =>
      svgs.map((svg) => ({
        marks: svg.querySelectorAll(".mark-symbol path, .mark-rect path, .mark-rule line, .mark-line path").length,
        width: svg.getBoundingClientRect().width,
        alt: svg.parentElement?.getAttribute("aria-label") ?? "",
      })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts) {
      expect(chart.marks).toBeGreaterThan(0);
      expect(chart.width).toBeGreaterThan(200);
      expect(chart.alt.length).toBeGreaterThan(40);
    }
    // Every chart is followed by its data table.
    expect(await page.$$eval("figure + table", (tables) => tables.length)).toBe(charts.length);
    if (code.endsWith("_EHCP")) expect(await page.textContent("#s-views")).toContain("views");
    expect(await page.textContent("body")).toContain("SYNTHETIC DEMO DATA");
    // Dated by the release it is drawn from (the demo's latest).
    expect(await page.textContent("header")).toMatch(/release 2026-07, cut \d{4}-\d{2}-\d{2}/);

    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    await page.screenshot({ path: `${SCREENSHOTS}/${localReport.slug}.png`, fullPage: true });
    await page.emulateMedia({ media: "print" });
    // Printed, the synthetic-data notice is fixed to the foot of every page.
    expect(await page.evaluate(`getComputedStyle(document.querySelector(".footer-notice")).position`)).toBe("fixed");
    await page.screenshot({ path: `${SCREENSHOTS}/${localReport.slug}.print.png`, fullPage: true });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints as an A4 PDF of several pages", async () => {
    const entry = eligible.find((e) => e.questionSet.code === "PARENT_EHCP")!;
    const { localReport } = await demo.api.data(`query ($area: String!) { localReport(area: $area, questionSet: PARENT_EHCP) { slug html } }`, {
      area: entry.area.code,
    });
    const printer = await openPdfPrinter();
    try {
      const pdf = Buffer.from(await printer.print(localReport.html));
      writeFileSync(`${SCREENSHOTS}/${localReport.slug}.pdf`, pdf);
      const text = pdf.toString("latin1");
      expect(text.startsWith("%PDF-")).toBe(true);
      // A4 is 595 × 842 points.
      const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      expect(new Set(boxes.map(String))).toEqual(new Set(["595,842"]));
      expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
    } finally {
      await printer.close();
    }
  });
});
