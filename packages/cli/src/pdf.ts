import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Flags for a headless Chromium that talks to nobody but the page it is given. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** POET_CHROMIUM, else the first Chromium or Chrome installed where Debian and Ubuntu put them; null when none. */
export function findChromium(env: Record<string, string | undefined> = process.env, exists: (path: string) => boolean = existsSync): string | null {
  if (env.POET_CHROMIUM) return env.POET_CHROMIUM;
  return CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? null;
}

export const NO_CHROMIUM = `no Chromium found (looked for ${CHROMIUM_CANDIDATES.join(", ")}): PDFs are printed by a headless Chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set POET_CHROMIUM to a Chromium or Chrome executable`;

/** Launches the headless Chromium, or says how to install one. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  if (!existsSync(executablePath)) throw new Error(`POET_CHROMIUM is ${executablePath}, which does not exist`);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface PdfPrinter {
  /** A self-contained HTML document as an A4 PDF, with its backgrounds and its own @page size. */
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** One browser for many documents (`poet report --all --pdf`): a page each, closed after. */
export async function openPdfPrinter(): Promise<PdfPrinter> {
  const browser = await launchChromium();
  return {
    async print(html) {
      const page = await browser.newPage();
      try {
        // A report is self-contained: nothing it names may be fetched while it prints.
        await page.route(/^(https?|wss?|ftp):/, (route) => route.abort());
        await page.setContent(html, { waitUntil: "load" });
        return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

/** Prints each document in turn with one browser. */
export async function htmlToPdf(htmls: string[]): Promise<Uint8Array[]> {
  const printer = await openPdfPrinter();
  try {
    const pdfs: Uint8Array[] = [];
    for (const html of htmls) pdfs.push(await printer.print(html));
    return pdfs;
  } finally {
    await printer.close();
  }
}
