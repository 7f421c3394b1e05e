import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "@poet/core/db/types";
import type { ReportArgs } from "@poet/core/report/index";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findChromium } from "./pdf.ts";
import { runReport } from "./report.ts";

// The command around the report module, with the module replaced: which files are written, what
// is printed, and what an area without a report does.
const report = vi.hoisted(() => ({ eligible: new Set<string>(), listed: [] as string[], calls: [] as unknown[] }));
vi.mock("@poet/core/report/index", () => ({
  localReport: async (_scope: unknown, args: ReportArgs) => {
    report.calls.push(args);
    const slug = `${args.area}-${args.questionSet.toLowerCase()}`;
    const eligible = report.eligible.has(args.area);
    return {
      title: `${args.area} ${args.questionSet}`,
      eligible,
      reason: eligible ? null : "30 responses: a report needs more than 100",
      html: eligible ? `<!doctype html><title>${slug}</title><p>${slug}` : null,
      slug,
    };
  },
  eligibleReports: async () => report.listed.map((area) => ({ area, questionSet: "CARER" })),
}));

const db = {} as Db;
const dir = mkdtempSync(join(tmpdir(), "poet-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: Parameters<typeof runReport>[2]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  try {
    await runReport(db, DEFAULT_SETTINGS, options);
    return { out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeEach(() => {
  report.eligible = new Set(["E06000001", "E10000024"]);
  report.listed = [...report.eligible];
  report.calls = [];
});

describe("poet report", () => {
  it("writes one area's report where --out says, prints its path, and passes the period on", async () => {
    const file = join(dir, "one", "notts.html");
    expect(await run({ area: "E10000024", questionSet: "adult_pb", out: file, period: { from: "2023-24", to: "2025-26" } })).toEqual({ out: [file], err: [] });
    expect(readFileSync(file, "utf8")).toContain("<title>E10000024-adult_pb</title>");
    expect(report.calls).toEqual([{ area: "E10000024", questionSet: "ADULT_PB", period: { from: "2023-24", to: "2025-26" } }]);
  });

  it("refuses an area without a report with its reason, writing nothing", async () => {
    const file = join(dir, "none", "x.html");
    await expect(run({ area: "E06000002", questionSet: "CARER", out: file })).rejects.toThrow(
      "no report for E06000002 CARER: 30 responses: a report needs more than 100",
    );
    expect(existsSync(join(dir, "none"))).toBe(false);
    await expect(run({ area: "E06000002", questionSet: "NOPE" })).rejects.toThrow("--question-set must be one of");
  });

  it("writes every eligible report into a folder (--all), skipping one found ineligible after all", async () => {
    report.listed.push("E06000002");
    const folder = join(dir, "all");
    const { out, err } = await run({ all: true, out: folder });
    expect(readdirSync(folder).sort()).toEqual(["E06000001-carer.html", "E10000024-carer.html"]);
    expect(out).toEqual([expect.stringMatching(new RegExp(`^poet: wrote 2 reports \\(HTML\\) to ${folder}/ in [\\d.]+ s$`))]);
    expect(err).toEqual(["poet: no report for E06000002 CARER: 30 responses: a report needs more than 100"]);
  });

  it("says so when no area is eligible", async () => {
    report.listed = [];
    expect((await run({ all: true, out: join(dir, "empty") })).out).toEqual([
      "poet: no area has more than 100 responses of an instrument in the period: no report written",
    ]);
    expect(existsSync(join(dir, "empty"))).toBe(false);
  });

  it.skipIf(!findChromium())("prints a PDF beside each HTML file with --pdf (skipped without Chromium)", async () => {
    const folder = join(dir, "pdf");
    await run({ all: true, out: folder, pdf: true });
    expect(readdirSync(folder).sort()).toEqual(["E06000001-carer.html", "E06000001-carer.pdf", "E10000024-carer.html", "E10000024-carer.pdf"]);
    expect(readFileSync(join(folder, "E06000001-carer.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = join(dir, "single.html");
    expect((await run({ area: "E10000024", questionSet: "CARER", out: file, pdf: true })).out).toEqual([file, join(dir, "single.pdf")]);
  });
});
