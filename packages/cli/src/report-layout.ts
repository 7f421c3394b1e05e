// Helpers for looking at a local report as people see it: in a browser (functions handed to
// Playwright's page.evaluate, so each is self-contained: no imports, no outer names) and as a
// printed PDF (read with pdf.js). The project compiles without the DOM library, so the few DOM
// members the browser-side functions use are declared here.

/** The DOM, as much of it as these functions use. */
interface DomRect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface DomNode {
  nodeType: number;
  textContent: string | null;
  parentElement: DomElement | null;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getBoundingClientRect(): DomRect;
  getClientRects(): ArrayLike<DomRect>;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  childNodes: ArrayLike<DomNode>;
  compareDocumentPosition(other: DomNode): number;
}
interface DomStyle {
  overflowX: string;
  overflowY: string;
  textOverflow: string;
  fontSize: string;
  visibility: string;
  display: string;
  getPropertyValue(name: string): string;
}
interface DomCssRule {
  type: number;
  style?: DomStyle;
  cssRules?: ArrayLike<DomCssRule>;
}
interface DomWindow {
  document: {
    documentElement: DomElement;
    body: DomElement;
    querySelector(selector: string): DomElement | null;
    querySelectorAll(selector: string): ArrayLike<DomElement>;
    createRange(): { setStartBefore(node: DomNode): void; setEndAfter(node: DomNode): void; toString(): string };
    styleSheets: ArrayLike<{ cssRules: ArrayLike<DomCssRule> }>;
  };
  getComputedStyle(element: DomElement): DomStyle;
}

/** One problem found in the page: which element, and what is wrong with it. */
export interface LayoutProblem {
  element: string;
  problem: string;
}

/**
 * Labels cut short: an element whose text is clipped (wider or taller than its box with overflow
 * hidden or clip, or an ellipsis), and any "…" in a label, caption or key (the data has none).
 */
export function findTruncatedText(): LayoutProblem[] {
  const win = globalThis as unknown as DomWindow;
  const name = (el: DomElement) =>
    `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("class") ? `.${el.getAttribute("class")?.trim().split(/\s+/).join(".")}` : ""}> "${(el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 80)}"`;
  const problems: LayoutProblem[] = [];
  for (const el of Array.from(win.document.querySelectorAll("body *"))) {
    if (!(el.textContent ?? "").trim()) continue;
    const style = win.getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    // The screen-reader-only pattern (a 1 px box) is clipped on purpose.
    if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
    const clips = (overflow: string) => overflow === "hidden" || overflow === "clip";
    if ((clips(style.overflowX) || style.textOverflow === "ellipsis") && el.scrollWidth > el.clientWidth + 1)
      problems.push({ element: name(el), problem: `text clipped horizontally: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
    if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
      problems.push({ element: name(el), problem: `text clipped vertically: scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}` });
  }
  const labels = "th, td, figcaption, .chart-key, .key, .key-item, .tile-title, .tile-note, .scale, .trend-x, .trend-y, nav.contents, h1, h2, h3, svg text";
  for (const el of Array.from(win.document.querySelectorAll(labels))) {
    if (/…|\.\.\./.test(el.textContent ?? "")) problems.push({ element: name(el), problem: "shortened with an ellipsis" });
  }
  return problems;
}

/**
 * Anything wider than its column: the page itself wider than the window, a table wider than its
 * parent, a chart wider than its table cell, a key item or trend tile outside its figure.
 */
export function findOverflow(viewportWidth: number): LayoutProblem[] {
  const win = globalThis as unknown as DomWindow;
  const doc = win.document;
  const name = (el: DomElement) =>
    `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("class") ? `.${el.getAttribute("class")?.trim().split(/\s+/).join(".")}` : ""}> "${(el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60)}"`;
  const where = (el: DomElement) => {
    const figure = el.closest("figure.chart, .tiles, section");
    const caption = figure?.querySelector("figcaption, h2");
    return caption ? ` in "${(caption.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60)}"` : "";
  };
  const shown = (el: DomElement) => el.getClientRects().length > 0 && win.getComputedStyle(el).visibility !== "hidden";
  const problems: LayoutProblem[] = [];
  const fits = (inner: DomElement, outer: DomElement, what: string) => {
    if (!shown(inner)) return;
    const a = inner.getBoundingClientRect();
    const b = outer.getBoundingClientRect();
    if (a.left < b.left - 1 || a.right > b.right + 1)
      problems.push({
        element: `${name(inner)}${where(inner)}`,
        problem: `spans x ${a.left.toFixed(1)}–${a.right.toFixed(1)}, outside its ${what} ${name(outer)} at x ${b.left.toFixed(1)}–${b.right.toFixed(1)}`,
      });
  };
  const pageWidth = doc.documentElement.scrollWidth;
  if (pageWidth > viewportWidth) problems.push({ element: "<html>", problem: `the page is ${pageWidth}px wide in a ${viewportWidth}px window` });
  for (const table of Array.from(doc.querySelectorAll("table"))) if (table.parentElement) fits(table, table.parentElement, "parent");
  for (const svg of Array.from(doc.querySelectorAll("td svg, th svg"))) {
    const cell = svg.parentElement?.closest("td, th");
    if (cell) fits(svg, cell, "table cell");
  }
  for (const item of Array.from(doc.querySelectorAll(".key-item"))) {
    const figure = item.closest("figure, section");
    if (figure) fits(item, figure, "figure");
  }
  for (const tile of Array.from(doc.querySelectorAll(".tile"))) {
    const grid = tile.closest(".tiles");
    if (grid) fits(tile, grid, "grid");
  }
  for (const figure of Array.from(doc.querySelectorAll("figure, .tiles"))) if (figure.parentElement) fits(figure, figure.parentElement, "parent");
  return problems;
}

/** Every visible piece of text smaller than `minPx` CSS pixels (8 pt is 10.67 px), SVG text too. */
export function findSmallText(minPx: number): LayoutProblem[] {
  const win = globalThis as unknown as DomWindow;
  const problems: LayoutProblem[] = [];
  const seen = new Set<DomElement>();
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !(node.textContent ?? "").trim()) return;
      seen.add(el);
      const style = win.getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || el.getClientRects().length === 0) return;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) return; // screen-reader-only text
      const px = Number.parseFloat(style.fontSize);
      if (px < minPx)
        problems.push({
          element: `<${el.tagName.toLowerCase()}${el.getAttribute("class") ? `.${el.getAttribute("class")}` : ""}> "${(node.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60)}"`,
          problem: `font-size ${px.toFixed(2)}px (${((px * 72) / 96).toFixed(2)}pt)`,
        });
      return;
    }
    if (node.nodeType === 1) for (const child of Array.from((node as DomElement).childNodes)) walk(child);
  };
  walk(win.document.body);
  return problems;
}

/** What the printed report should show, read from its DOM before it is printed. */
export interface PrintExpectations {
  /** The @page margins, as CSS lengths ("16mm"). */
  margins: { top: string; bottom: string };
  notice: string;
  charts: { caption: string; number: string; lastRow: string; lastRowOccurrence: number }[];
  /** Each trend tile, and how many of `charts` come before it. */
  tiles: { title: string; note: string; chartsBefore: number }[];
  /** The small multiples' own caption ("Figure 6. Each outcome…"), which must print with the first tile. */
  trendKey: { caption: string; firstTile: string } | null;
  headings: { text: string; px: number }[];
}

/** Run in the page with print media emulated. */
export function readPrintExpectations(): PrintExpectations {
  const win = globalThis as unknown as DomWindow;
  const doc = win.document;
  const text = (el: DomElement | null | undefined) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
  const squash = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
  const margins = { top: "", bottom: "" };
  const visit = (rules: ArrayLike<DomCssRule>) => {
    for (const rule of Array.from(rules)) {
      // CSSRule.PAGE_RULE is 6; @media print { @page } nests one level.
      if (rule.type === 6 && rule.style) {
        margins.top = rule.style.getPropertyValue("margin-top") || margins.top;
        margins.bottom = rule.style.getPropertyValue("margin-bottom") || margins.bottom;
      }
      if (rule.cssRules) visit(rule.cssRules);
    }
  };
  for (const sheet of Array.from(doc.styleSheets)) visit(sheet.cssRules);
  const figures = Array.from(doc.querySelectorAll("figure.chart"));
  const charts = figures.map((figure) => {
    const caption = text(figure.querySelector("figcaption"));
    const rows = figure.querySelectorAll("table tbody tr");
    const last = rows[rows.length - 1];
    const label = last?.querySelector("th") ?? last?.querySelector("td") ?? null;
    // How many times the label's text is read from the figure's start to the label itself, so the
    // PDF search finds that occurrence and not an earlier row that contains the same words.
    let occurrence = 0;
    if (label) {
      const range = doc.createRange();
      range.setStartBefore(figure);
      range.setEndAfter(label);
      const upTo = squash(range.toString());
      const needle = squash(text(label));
      for (let i = upTo.indexOf(needle); needle && i >= 0; i = upTo.indexOf(needle, i + 1)) occurrence++;
    }
    return { caption, number: caption.match(/^Figure \d+\./)?.[0] ?? "", lastRow: text(label), lastRowOccurrence: occurrence };
  });
  // Node.DOCUMENT_POSITION_FOLLOWING is 4.
  const tiles = Array.from(doc.querySelectorAll("figure.tile")).map((tile) => ({
    title: text(tile.querySelector(".tile-title")),
    note: text(tile.querySelector(".tile-note")),
    chartsBefore: figures.filter((figure) => figure.compareDocumentPosition(tile) & 4).length,
  }));
  const headings = Array.from(doc.querySelectorAll("main h2, main h3, body > h2, body > h3"))
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => ({ text: text(h), px: Number.parseFloat(win.getComputedStyle(h).fontSize) }));
  const key = doc.querySelector(".trend-key");
  const trendKey = key && tiles.length ? { caption: text(key).slice(0, 60), firstTile: tiles[0]!.title } : null;
  return { margins, notice: text(doc.querySelector(".notice")), charts, tiles, trendKey, headings };
}

// ---- The printed PDF ----

/** A run of text on a PDF page: `top` is its baseline's distance from the top of the page, in points. */
export interface PdfText {
  str: string;
  x: number;
  top: number;
  size: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfText[];
}

/**
 * A text item's font size in points: the length of its transform's y axis (the glyphs' em
 * height, whatever the rotation); the x axis also carries any horizontal scaling.
 */
export function fontSizeOf(transform: readonly number[]): number {
  const [, , c = 0, d = 0] = transform;
  return Math.hypot(c, d);
}

/** Every page's size and text, read with pdf.js. */
export async function readPdf(data: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdf.js takes the buffer over; give it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(data), disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const content = await page.getTextContent();
      const items: PdfText[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        items.push({ str: item.str, x: item.transform[4] - x0, top: y1 - item.transform[5], size: fontSizeOf(item.transform) });
      }
      pages.push({ number, width: x1 - x0, height: y1 - y0, items });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** A CSS length in points ("16mm", "0.5in", "12px", "10pt"). */
export function lengthToPoints(length: string): number {
  const match = length.trim().match(/^(-?[\d.]+)(mm|cm|in|px|pt|pc|q)?$/i);
  if (!match) throw new Error(`not a CSS length I can convert: "${length}"`);
  const value = Number(match[1]);
  const perUnit: Record<string, number> = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, px: 0.75, pt: 1, pc: 12, q: 72 / 101.6 };
  return value * (perUnit[(match[2] ?? "px").toLowerCase()] ?? 1);
}

/** Where a page's content ends and its margin boxes (running title, page number, notice) begin. */
export interface ContentArea {
  top: number;
  bottom: number;
}

export function contentArea(page: Pick<PdfPage, "height">, margins: { top: number; bottom: number }): ContentArea {
  return { top: margins.top, bottom: page.height - margins.bottom };
}

export const inContent = (item: PdfText, area: ContentArea) => item.top > area.top && item.top <= area.bottom;

/** A page's text grouped into lines (items whose baselines are within 2 pt), top to bottom. */
export function linesOf(items: PdfText[]): { top: number; size: number; text: string }[] {
  const sorted = [...items].sort((a, b) => a.top - b.top || a.x - b.x);
  const lines: { top: number; size: number; items: PdfText[] }[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(item.top - line.top) <= 2) {
      line.items.push(item);
      line.size = Math.max(line.size, item.size);
    } else lines.push({ top: item.top, size: item.size, items: [item] });
  }
  return lines.map((l) => ({
    top: l.top,
    size: l.size,
    text: l.items
      .sort((a, b) => a.x - b.x)
      .map((i) => i.str)
      .join(" ")
      .replace(/\s+/g, " ")
      .trim(),
  }));
}

/** Text with its whitespace removed (and ligatures and compatibility forms unfolded), for matching across line breaks. */
export const squash = (s: string) => s.normalize("NFKC").replace(/[\s\u00ad]+/g, "");

/**
 * The document's content text, in the order it was painted, with whitespace removed and each
 * character's page number: searched to find which page a caption or a row label landed on,
 * whichever way it wrapped or was split into runs.
 */
export interface TextStream {
  text: string;
  pages: number[];
}

export function textStream(pages: PdfPage[], keep: (item: PdfText, page: PdfPage) => boolean = () => true): TextStream {
  let text = "";
  const pageOf: number[] = [];
  for (const page of pages)
    for (const item of page.items) {
      if (!keep(item, page)) continue;
      const s = squash(item.str);
      text += s;
      for (let i = 0; i < s.length; i++) pageOf.push(page.number);
    }
  return { text, pages: pageOf };
}

/** The `occurrence`th (from 1) place `needle` is found at or after `from`, or null. */
export function findText(
  stream: TextStream,
  needle: string,
  from = 0,
  occurrence = 1,
): { start: number; end: number; firstPage: number; lastPage: number } | null {
  const s = squash(needle);
  if (!s) return null;
  let start = stream.text.indexOf(s, from);
  for (let n = 1; n < occurrence && start >= 0; n++) start = stream.text.indexOf(s, start + 1);
  if (start < 0) return null;
  const end = start + s.length;
  return { start, end, firstPage: stream.pages[start] ?? 0, lastPage: stream.pages[end - 1] ?? 0 };
}
