import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ANONYMOUS } from "@poet/core/actor";
import { eligibleReports, localReport } from "@poet/core/report";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { useDemoApi } from "@poet/core/testing";
import { afterAll, describe, expect, it, vi } from "vitest";
import { findChromium } from "./pdf.ts";
import { runReport } from "./report.ts";

// `poet report` over the demo database and the real report module: which files are written,
// what is printed, and what an area without a report does. A high threshold keeps --all short.
// The demo data set comes with the releases 2025-07 and 2026-07 (the latest, read by default).
const demo = useDemoApi();
const settings = { ...DEFAULT_SETTINGS, reportThreshold: 170 };
const dir = mkdtempSync(join(tmpdir(), "poet-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: Parameters<typeof runReport>[2], threshold = settings.reportThreshold) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  try {
    await runReport(demo.database.db, { ...settings, reportThreshold: threshold }, options);
    return { out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("poet report", () => {
  it("writes one area's report where --out says, for the period asked, and prints its path", async () => {
    const file = join(dir, "one", "notts.html");
    expect(await run({ area: "E10000024", questionSet: "adult_pb", out: file, period: { from: "2022-23", to: "2024-25" } }, 100)).toEqual({
      out: [file],
      err: [],
    });
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<title>Nottinghamshire: POET for adults with a personal budget, 2022-23 to 2024-25</title>");
    // Drawn with what anyone may read: the region's breakdowns, not the council's.
    expect(html).toContain("published to researchers only");
    // From the latest release, dated by it: the same page as /reports/2026-07/… serves.
    expect(html).toMatch(/ · release 2026-07, cut \d{4}-\d{2}-\d{2}<\/p>/);
    const served = await localReport(
      { db: demo.database.db, actor: ANONYMOUS, settings: { ...settings, reportThreshold: 100 } },
      { area: "E10000024", questionSet: "ADULT_PB", period: { from: "2022-23", to: "2024-25" }, release: "2026-07" },
    );
    expect(html).toBe(served.html);
  });

  it("reads the release --release names, and refuses one not cut", async () => {
    const file = join(dir, "older", "notts.html");
    expect(await run({ area: "E10000024", questionSet: "ADULT_PB", release: "2025-07", out: file }, 100)).toEqual({ out: [file], err: [] });
    const html = readFileSync(file, "utf8");
    expect(html).toMatch(/ · release 2025-07, cut \d{4}-\d{2}-\d{2}<\/p>/);
    expect(html).toContain("<title>Nottinghamshire: POET for adults with a personal budget, 2022-23 to 2024-25</title>");
    await expect(run({ area: "E10000024", questionSet: "ADULT_PB", release: "2099-01", out: join(dir, "never", "x.html") })).rejects.toThrow(
      'No release named "2099-01" (published: 2026-07, 2025-07)',
    );
    await expect(run({ all: true, release: "LIVE", out: join(dir, "never") })).rejects.toThrow(/^Live figures are a member organisation's own responses/);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });

  it("refuses an area without a report with its reason, writing nothing", async () => {
    const file = join(dir, "none", "x.html");
    await expect(run({ area: "E06000002", questionSet: "CARER", out: file })).rejects.toThrow(
      /^no report for Middlesbrough: .* a local report needs more than 170\.$/,
    );
    expect(existsSync(join(dir, "none"))).toBe(false);
    await expect(run({ area: "E06000002", questionSet: "NOPE" })).rejects.toThrow("--question-set must be one of");
  });

  it("writes every eligible area's report into a folder (--all)", async () => {
    const expected = await eligibleReports({ db: demo.database.db, actor: ANONYMOUS, settings });
    expect(expected.length).toBeGreaterThan(1);
    const folder = join(dir, "all");
    const { out, err } = await run({ all: true, out: folder });
    const files = readdirSync(folder).sort();
    expect(files.map((f) => f.split("-").slice(0, 2).join(" "))).toEqual(expected.map((r) => `${r.area} ${r.questionSet.toLowerCase()}`).sort());
    expect(out).toEqual([expect.stringMatching(new RegExp(`^poet: wrote ${expected.length} reports \\(HTML\\) to ${folder}/ in [\\d.]+ s$`))]);
    expect(err).toEqual([]);
  });

  it("says so when no area is eligible", async () => {
    expect((await run({ all: true, out: join(dir, "empty") }, 100_000)).out).toEqual([
      "poet: no area has more than 100000 responses of an instrument in the period: no report written",
    ]);
    expect(existsSync(join(dir, "empty"))).toBe(false);
  });

  it.skipIf(!findChromium())("prints a PDF beside each HTML file with --pdf (skipped without Chromium)", async () => {
    const folder = join(dir, "pdf");
    await run({ all: true, out: folder, pdf: true }, 178);
    const files = readdirSync(folder).sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.endsWith(".pdf")).map((f) => f.replace(/\.pdf$/, ".html"))).toEqual(files.filter((f) => f.endsWith(".html")));
    expect(
      readFileSync(join(folder, files.find((f) => f.endsWith(".pdf"))!))
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    // `--out x.pdf` names the PDF; the HTML goes beside it.
    expect((await run({ area: "E10000024", questionSet: "ADULT_PB", out: join(dir, "single.pdf"), pdf: true }, 100)).out).toEqual([
      join(dir, "single.html"),
      join(dir, "single.pdf"),
    ]);
  });
});
