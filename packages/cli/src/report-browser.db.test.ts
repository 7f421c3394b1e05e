import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { QUESTION_SET_CODES } from "@poet/core/questionset";
import { testDriver, useDemoApi } from "@poet/core/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, launchChromium, openPdfPrinter, type PdfPrinter } from "./pdf.ts";
import {
  contentArea,
  findOverflow,
  findSmallText,
  findText,
  findTruncatedText,
  fontSizeOf,
  inContent,
  lengthToPoints,
  linesOf,
  type PdfPage,
  type PrintExpectations,
  readPdf,
  readPrintExpectations,
  squash,
  textStream,
} from "./report-layout.ts";

// Every instrument's local report as people see it: drawn by the API, opened in a real headless
// Chromium at a desktop's and a phone's width, checked for clipped labels, overflowing columns,
// small print and accessibility, photographed, and printed to a PDF that is read back with
// pdf.js to check its pages: numbered, marked as synthetic, no chart split across two, none
// left half empty. Skipped without Chromium (a fresh machine); CI installs it.
export const SCREENSHOTS = "test-results/screenshots/reports";
const chromium = findChromium();
const demo = useDemoApi();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;
type Viewport = keyof typeof VIEWPORTS;
const VIEWPORT_NAMES = Object.keys(VIEWPORTS) as Viewport[];

/** 8 pt in CSS pixels (96 per inch), less a rounding hair. */
const MIN_PX = (8 * 96) / 72 - 0.01;
/** 8 pt in a PDF: Chromium prints A4 at 594.96 × 841.92 and scales text to match (8 pt is 7.995). */
const MIN_PT = 8 * 0.995;

// Nottinghamshire, and its ICB for the personal health budget survey, where eligible; else the
// eligible area with the most responses.
const PREFERRED = ["E10000024", "E54000060"];
// The reports whose PDFs are read back, page by page.
const PDF_CHECKED = new Set<string>(["ADULT_PB", "CYP_EHCP", "PHB"]);

interface CoverageEntry {
  area: { code: string; name: string };
  questionSet: { code: string };
  responses: number;
  reportEligible: boolean;
}

const list = (problems: { element: string; problem: string }[]) => problems.map((p) => `${p.element}: ${p.problem}`).join("\n");

describe.runIf(testDriver() === "pglite" && chromium)(`local reports in ${chromium ?? "Chromium"}`, () => {
  let browser: Browser;
  let printer: PdfPrinter;
  let eligible: CoverageEntry[];

  beforeAll(async () => {
    [browser, printer] = await Promise.all([launchChromium(["--headless"]), openPdfPrinter()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Councils collect five instruments; ICBs the personal health budget survey.
    const { councils, icbs } = await demo.api.data(
      `{ councils: coverage(areaType: LOCAL_AUTHORITY) { area { code name } questionSet { code } responses reportEligible } icbs: coverage(areaType: ICB) { area { code name } questionSet { code } responses reportEligible } }`,
    );
    eligible = [...councils, ...icbs].filter((e: CoverageEntry) => e.reportEligible);
  });
  afterAll(async () => {
    await browser?.close();
    await printer?.close();
  });

  describe.each(QUESTION_SET_CODES)("%s", (code) => {
    let report: { slug: string; html: string; area: string };
    const opened = {} as Record<Viewport, { context: BrowserContext; page: Page; requests: string[]; errors: string[] }>;
    let expected: PrintExpectations;
    let pdf: Uint8Array;
    let pages: PdfPage[];

    beforeAll(async () => {
      const candidates = eligible.filter((e) => e.questionSet.code === code).sort((a, b) => b.responses - a.responses);
      const entry = candidates.find((e) => PREFERRED.includes(e.area.code)) ?? candidates[0];
      if (!entry) throw new Error(`no demo area is eligible for a ${code} report`);
      const { localReport } = await demo.api.data(
        `query ($area: String!, $set: QuestionSetCode!) { localReport(area: $area, questionSet: $set) { release eligible slug html } }`,
        { area: entry.area.code, set: code },
      );
      expect(localReport).toMatchObject({ release: "2026-07", eligible: true });
      report = { slug: localReport.slug, html: localReport.html, area: `${entry.area.name} (${entry.area.code})` };

      for (const name of VIEWPORT_NAMES) {
        // The report's own CSP forbids scripts; axe is injected past it, nothing else is.
        const context = await browser.newContext({ ...VIEWPORTS[name], bypassCSP: true });
        const page = await context.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on("request", (r) => !r.url().startsWith("data:") && requests.push(r.url()));
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        page.on("pageerror", (e) => errors.push(e.message));
        await page.setContent(report.html, { waitUntil: "load" });
        await page.screenshot({ path: `${SCREENSHOTS}/${report.slug}.${name}.png`, fullPage: true });
        opened[name] = { context, page, requests, errors };
      }

      // What the printed pages must show, read from the DOM as it is laid out for print.
      const { page } = opened.desktop;
      await page.emulateMedia({ media: "print" });
      expected = await page.evaluate(readPrintExpectations);
      await page.emulateMedia({ media: "screen" });

      pdf = await printer.print(report.html);
      writeFileSync(`${SCREENSHOTS}/${report.slug}.pdf`, pdf);
      if (PDF_CHECKED.has(code)) pages = await readPdf(pdf);
    });
    afterAll(async () => {
      for (const { context } of Object.values(opened)) await context.close();
    });

    it.each(VIEWPORT_NAMES)("%s: draws numbered charts with their tables, fetches nothing, logs no error", async (name) => {
      const { page, requests, errors } = opened[name];
      const charts = await page.$$eval("figure.chart:not(#funnel)", (figures) =>
        figures.map((figure) => ({
          caption: figure.querySelector("figcaption")?.textContent?.replace(/\s+/g, " ").trim() ?? "",
          rows: figure.querySelectorAll("table.spine tbody tr").length,
          labels: figure.querySelectorAll("table.spine tbody tr > th").length,
          // Each row's chart (the marks inside it are nested svgs).
          svgs: [...figure.querySelectorAll("table.spine svg:not(svg svg)")].map((svg) => svg.getBoundingClientRect().width),
        })),
      );
      expect(charts.length, `${report.area}: charts`).toBeGreaterThanOrEqual(2);
      for (const chart of charts) {
        expect(chart.caption, "a chart's caption").toMatch(/^Figure \d+\. \S/);
        expect(chart.rows, `rows of "${chart.caption}"`).toBeGreaterThan(0);
        expect(chart.labels, `row labels (th) of "${chart.caption}"`).toBe(chart.rows);
        expect(Math.min(...chart.svgs), `narrowest chart in "${chart.caption}" (px)`).toBeGreaterThan(name === "phone" ? 40 : 100);
      }
      // The headline outcome's funnel plot: every published area a mark, the limits drawn, where the areas fall in a table.
      const funnel = await page.$$eval("figure#funnel", (figures) =>
        figures.map((f) => ({
          width: f.querySelector("svg.funnel-plot")?.getBoundingClientRect().width ?? 0,
          marks: f.querySelectorAll("svg.funnel-plot svg").length,
          limits: f.querySelectorAll("svg.funnel-plot > line[stroke='#444']").length,
          bands: [...f.querySelectorAll("table.bands tbody tr > th")].map((th) => th.textContent),
        })),
      );
      // Where there is none (too few areas published, or the area's own figure withheld), the section says why.
      const section = (await page.$eval("section.s-funnel", (el) => el.textContent).catch(() => null)) ?? "";
      expect(funnel.length, `${report.area}: at most one funnel plot`).toBeLessThanOrEqual(1);
      if (funnel.length === 0) expect(section, `${report.area}: why there is no funnel plot`).toMatch(/No funnel plot: .+ (not published|needs at least)/);
      else {
        expect(funnel[0]!.width).toBeGreaterThan(name === "phone" ? 250 : 600);
        expect(funnel[0]!.marks).toBeGreaterThanOrEqual(5);
        expect(funnel[0]!.limits).toBeGreaterThan(8);
        expect(funnel[0]!.bands).toEqual([
          "Much better than expected",
          "Better than expected",
          "About as expected",
          "Worse than expected",
          "Much worse than expected",
        ]);
      }
      // Figures are numbered 1, 2, 3, … in reading order.
      const numbers = await page.$$eval(".figure-number", (spans) => spans.map((s) => s.textContent?.trim()));
      expect(numbers).toEqual(numbers.map((_, i) => `Figure ${i + 1}.`));
      for (const tile of await page.$$eval("figure.tile", (tiles) =>
        tiles.map((t) => [t.querySelector(".tile-title")?.textContent, t.querySelector("svg"), t.querySelector(".tile-note")?.textContent].map(Boolean)),
      ))
        expect(tile, "a trend tile's title, chart and note").toEqual([true, true, true]);
      expect(await page.$$eval("nav.contents a", (links) => links.length)).toBeGreaterThanOrEqual(3);
      if (code.endsWith("_EHCP")) expect(await page.textContent("#s-views")).toContain("views");
      expect(await page.textContent("body")).toContain("SYNTHETIC DEMO DATA");
      // Dated by the release it is drawn from (the demo's latest).
      expect(await page.textContent("header")).toMatch(/release 2026-07, cut \d{4}-\d{2}-\d{2}/);
      expect(requests, "requests made by the report").toEqual([]);
      expect(errors, "console errors").toEqual([]);
    });

    it.each(VIEWPORT_NAMES)("%s: no label is truncated", async (name) => {
      const problems = await opened[name].page.evaluate(findTruncatedText);
      expect(problems, `${report.area}, ${name}: truncated text:\n${list(problems)}`).toEqual([]);
    });

    it.each(VIEWPORT_NAMES)("%s: nothing is wider than its column", async (name) => {
      const problems = await opened[name].page.evaluate(findOverflow, VIEWPORTS[name].viewport.width);
      expect(problems, `${report.area}, ${name}: overflow:\n${list(problems)}`).toEqual([]);
    });

    it.each(VIEWPORT_NAMES)("%s: axe-core finds no accessibility violation", async (name) => {
      const { page } = opened[name];
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] };
        const result = await (globalThis as unknown as { axe: { run(): Promise<Result> } }).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
      });
      expect(violations, `${report.area}, ${name}`).toEqual([]);
    });

    it("printed, no text is smaller than 8 pt", async () => {
      const { page } = opened.desktop;
      await page.emulateMedia({ media: "print" });
      try {
        const problems = await page.evaluate(findSmallText, MIN_PX);
        expect(problems, `${report.area}, printed: text under 8 pt:\n${list(problems)}`).toEqual([]);
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    describe.runIf(PDF_CHECKED.has(code))("its PDF", () => {
      const area = (page: PdfPage) => contentArea(page, { top: lengthToPoints(expected.margins.top), bottom: lengthToPoints(expected.margins.bottom) });
      const content = (page: PdfPage) => page.items.filter((item) => inContent(item, area(page)));
      const furniture = (page: PdfPage) => page.items.filter((item) => !inContent(item, area(page)));

      it("is A4, more than one page", () => {
        expect(pages.length).toBeGreaterThan(1);
        for (const page of pages) expect([Math.round(page.width), Math.round(page.height)], `page ${page.number} (pt)`).toEqual([595, 842]);
      });

      it('numbers every page "Page n of N" and prints the synthetic-data notice on it', () => {
        expect(expected.notice).toMatch(/^SYNTHETIC DEMO DATA: /);
        for (const page of pages) {
          // In the order printed, so the notice's two lines are not interleaved with the page number beside them.
          const text = furniture(page)
            .map((item) => item.str)
            .join(" ");
          expect(
            text
              .match(/Page (\d+) of (\d+)/)
              ?.slice(1)
              .map(Number),
            `page ${page.number}'s number, in "${text}"`,
          ).toEqual([page.number, pages.length]);
          expect(squash(text), `page ${page.number}'s margins: "${text}"`).toContain(squash(expected.notice));
        }
      });

      it("prints no text smaller than 8 pt, page furniture included", () => {
        const small = pages.flatMap((page) =>
          page.items.filter((item) => item.size < MIN_PT).map((item) => `page ${page.number}: "${item.str}" at ${item.size.toFixed(2)} pt`),
        );
        expect(small, small.join("\n")).toEqual([]);
      });

      it("splits no chart, trend tile or heading from what follows it across pages", () => {
        const stream = textStream(pages, (item, page) => inContent(item, area(page)));
        const problems: string[] = [];
        let from = 0;
        // Where each chart's text ends in the PDF: a trend tile is looked for after the charts before it.
        const chartEnds: number[] = [];
        for (const chart of expected.charts) {
          const caption = findText(stream, chart.caption, from);
          if (!caption) {
            problems.push(`${chart.number} "${chart.caption}": caption not found in the PDF`);
            chartEnds.push(from);
            continue;
          }
          const last = findText(stream, chart.lastRow, caption.start, chart.lastRowOccurrence);
          if (!last) problems.push(`${chart.number}: last row "${chart.lastRow}" not found after its caption in the PDF`);
          else if (last.lastPage !== caption.firstPage)
            problems.push(
              `${chart.number} "${chart.caption}" is split: caption on page ${caption.firstPage}, last row "${chart.lastRow}" on page ${last.lastPage}`,
            );
          from = last?.end ?? caption.end;
          chartEnds.push(from);
        }
        if (expected.trendKey) {
          const { caption, firstTile } = expected.trendKey;
          const key = findText(stream, caption, 0);
          const tile = key && findText(stream, firstTile, key.end);
          if (!key || !tile) problems.push(`the trends' caption "${caption}" or its first tile "${firstTile}" not found in the PDF`);
          else if (tile.firstPage !== key.lastPage)
            problems.push(`the trends' caption is on page ${key.lastPage}, apart from its first tile "${firstTile}" on page ${tile.firstPage}`);
        }
        from = 0;
        for (const tile of expected.tiles) {
          const title = findText(stream, tile.title, Math.max(from, chartEnds[tile.chartsBefore - 1] ?? 0));
          const note = title && findText(stream, tile.note, title.end);
          if (!title || !note) problems.push(`trend tile "${tile.title}": ${title ? `note "${tile.note}"` : "title"} not found in the PDF`);
          else if (note.lastPage !== title.firstPage)
            problems.push(`trend tile "${tile.title}" is split: title on page ${title.firstPage}, note ends on page ${note.lastPage}`);
          from = note?.end ?? title?.end ?? from;
        }
        for (const page of pages.slice(0, -1)) {
          const foot = linesOf(content(page)).at(-1);
          const heading = foot && expected.headings.find((h) => squash(h.text).endsWith(squash(foot.text)) && foot.size >= h.px * 0.75 * 0.99);
          if (heading) problems.push(`page ${page.number} ends with the heading "${heading.text}" (at ${foot.top.toFixed(0)} pt of ${page.height.toFixed(0)})`);
        }
        expect(problems, `${report.area}:\n${problems.join("\n")}`).toEqual([]);
      });

      it("leaves no page but the last less than half used", () => {
        const empty = pages.slice(0, -1).flatMap((page) => {
          const lowest = Math.max(0, ...content(page).map((item) => item.top));
          return lowest > page.height / 2
            ? []
            : [`page ${page.number}: its content ends at ${lowest.toFixed(0)} pt from the top, above the middle (${(page.height / 2).toFixed(0)} pt)`];
        });
        expect(empty, `${report.area}:\n${empty.join("\n")}`).toEqual([]);
      });
    });
  });
});

// The helpers' arithmetic, without a browser.
describe("report layout helpers", () => {
  it("reads a font size from a text transform, rotated or not", () => {
    expect(fontSizeOf([8, 0, 0, 8, 10, 20])).toBe(8);
    expect(fontSizeOf([0, 10, -10, 0, 0, 0])).toBe(10);
  });

  it("converts CSS lengths to points", () => {
    expect(lengthToPoints("16mm")).toBeCloseTo(45.35, 2);
    expect(lengthToPoints("96px")).toBe(72);
    expect(lengthToPoints("1in")).toBe(72);
    expect(() => lengthToPoints("auto")).toThrow(/auto/);
  });

  it("finds text across runs and pages, whatever its spacing, and the nth occurrence", () => {
    const page = (number: number, strs: string[]): PdfPage => ({
      number,
      width: 595,
      height: 842,
      items: strs.map((str, i) => ({ str, x: 40, top: 100 + 14 * i, size: 10 })),
    });
    const stream = textStream([page(1, ["Figure 1.", "Quality of life", "Quality of", "life"]), page(2, ["Quality", "of life", "Done"])]);
    expect(findText(stream, "Figure 1. Quality of life")).toMatchObject({ firstPage: 1, lastPage: 1 });
    expect(findText(stream, "Quality of life", 0, 2)).toMatchObject({ firstPage: 1, lastPage: 1 });
    expect(findText(stream, "Quality of life", 0, 3)).toMatchObject({ firstPage: 2, lastPage: 2 });
    expect(findText(stream, "life Quality", 22)).toMatchObject({ start: 30, firstPage: 1, lastPage: 2 });
    expect(findText(stream, "Quality of life", 0, 4)).toBeNull();
    expect(linesOf(page(1, ["a", "b"]).items.map((item, i) => ({ ...item, top: 100 + i, x: 100 - i }))).map((l) => l.text)).toEqual(["b a"]);
  });
});
