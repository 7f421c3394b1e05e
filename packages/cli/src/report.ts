import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ANONYMOUS } from "@poet/core/actor";
import type { Db } from "@poet/core/db";
import type { PeriodInput } from "@poet/core/figure";
import { eligibleReports, type LocalReport, localReport } from "@poet/core/report";
import type { Scope, Settings } from "@poet/core/scope";
import { questionSetOf } from "./data.ts";
import { note, print } from "./output.ts";
import { openPdfPrinter, type PdfPrinter } from "./pdf.ts";
import { createProgressBar } from "./progress.ts";

export interface ReportOptions {
  area?: string;
  questionSet?: string;
  all?: boolean;
  period?: PeriodInput;
  /** A release's name; the latest when omitted. */
  release?: string;
  /** A file for one report, a folder for --all. */
  out?: string;
  pdf?: boolean;
  /** What a relative --out is relative to (the caller's folder, when run through a server). */
  cwd?: string;
}

export const REPORTS_DIR = "reports";

const pdfPathOf = (htmlPath: string) => `${htmlPath.replace(/\.html?$/i, "")}.pdf`;

/** Writes a report's HTML (and PDF), returning the paths written (relative ones relative to `cwd`). */
async function write(report: LocalReport, htmlPath: string, printer: PdfPrinter | null, cwd = "."): Promise<string[]> {
  await mkdir(dirname(resolve(cwd, htmlPath)), { recursive: true });
  await writeFile(resolve(cwd, htmlPath), report.html!);
  if (!printer) return [htmlPath];
  const pdfPath = pdfPathOf(htmlPath);
  await writeFile(resolve(cwd, pdfPath), await printer.print(report.html!));
  return [htmlPath, pdfPath];
}

/** `poet report`: one area's local report, or (--all) every eligible area's, as HTML files and PDFs. */
export async function runReport(db: Db, settings: Settings, options: ReportOptions): Promise<void> {
  // Reports are sent to councils and published: drawn with what anyone may read, as /reports/ pages
  // are, never the researcher cube the command's own (system) access would reach.
  const scope: Scope = { db, actor: ANONYMOUS, settings };
  if (!options.all) {
    const questionSet = questionSetOf(options.questionSet);
    if (!options.area || !questionSet) throw new Error("report needs --area CODE and --question-set CODE, or --all");
    const report = await localReport(scope, { area: options.area, questionSet, period: options.period, release: options.release });
    if (!report.eligible || report.html === null) throw new Error(`no report for ${report.title}: ${report.reason ?? "not eligible"}`);
    // Chromium is found before anything is written, so a failure leaves no half-made report.
    const printer = options.pdf ? await openPdfPrinter() : null;
    try {
      // `--out report.pdf --pdf` names the PDF; the HTML goes beside it.
      const out = options.out?.replace(/\.pdf$/i, ".html") ?? join(REPORTS_DIR, `${report.slug}.html`);
      for (const path of await write(report, out, printer, options.cwd)) print(path);
    } finally {
      await printer?.close();
    }
    return;
  }
  const started = Date.now();
  const dir = options.out ?? REPORTS_DIR;
  const all = await eligibleReports(scope, { period: options.period, release: options.release });
  if (!all.length) {
    print(`poet: no area has more than ${settings.reportThreshold} responses of an instrument in the period: no report written`);
    return;
  }
  const printer = options.pdf ? await openPdfPrinter() : null;
  const bar = createProgressBar({ label: "reports", total: all.length });
  let written = 0;
  const skipped: string[] = [];
  try {
    for (const [i, args] of all.entries()) {
      const report = await localReport(scope, { ...args, period: args.period ?? options.period });
      if (report.eligible && report.html !== null) {
        await write(report, join(dir, `${report.slug}.html`), printer, options.cwd);
        written++;
      } else skipped.push(`poet: no report for ${report.title}: ${report.reason ?? "not eligible"}`);
      bar.update(i + 1);
    }
  } finally {
    bar.finish();
    await printer?.close();
  }
  for (const line of skipped) note(line);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(`poet: wrote ${written} report${written === 1 ? "" : "s"} (${printer ? "HTML and PDF" : "HTML"}) to ${dir}/ in ${seconds} s`);
}
