import type { Measure } from "../figure/index.ts";

/** HTML building blocks of a report: escaping, numbers, tables and figures. No script, no external request. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Raw HTML, already escaped: what `html` interpolates without escaping again. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = string | number | Html | null | undefined | false | readonly Part[];

function flatten(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(flatten).join("");
  return esc(String(part));
}

/** A template tag that escapes every interpolated value except `Html` (and arrays of them). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += flatten(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}

export const raw = (value: string): Html => new Html(value);

export const percent = (value: number | null | undefined, digits = 0): string => (value === null || value === undefined ? "–" : `${value.toFixed(digits)}%`);

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The reasons behind the symbols that appear in a table, once each. */
export function symbolKey(measures: (Measure | undefined)[]): Html {
  const seen = new Map<string, string>();
  for (const m of measures) if (m && m.status !== "AVAILABLE" && m.symbol && m.reason) seen.set(m.symbol, m.reason);
  if (!seen.size) return html``;
  return html`<p class="key">${[...seen].map(([symbol, reason]) => html`<span><b>${symbol}</b> ${reason} </span>`)}</p>`;
}

/** A CSS string: quotes, backslashes and anything that could close the style element escaped. */
export const cssString = (text: string): string => `"${text.replace(/[\\"<>\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

/**
 * One stylesheet for screen, phone and print. Sizes are in points so that nothing prints under
 * 8 pt; charts are tables, so they wrap like text and never scale their labels.
 */
export const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 62rem; padding: 1.5rem; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 19pt; margin: 0.2rem 0 0.4rem; line-height: 1.2; }
h2 { font-size: 14pt; margin: 1.6rem 0 0.5rem; border-bottom: 2px solid #111; padding-bottom: 0.15rem; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1.1rem 0 0.35rem; break-after: avoid; }
p, li { overflow-wrap: break-word; }
.intro { break-after: avoid; }
.notice { border: 2px solid #111; padding: 0.4rem 0.7rem; font-weight: bold; margin: 0.6rem 0; }
.meta { color: #333; margin: 0.2rem 0; font-size: 10pt; }
.contents ol { margin: 0.2rem 0 0; padding-left: 1.4rem; columns: 2; column-gap: 2rem; }
.contents h2 { border: 0; margin-top: 0.8rem; font-size: 12pt; }
.contents a { color: #1d3f73; }
ul.glance li, ul.sentences li { margin-bottom: 0.35rem; }
.glance-none { font-weight: bold; }
figure { margin: 0.8rem 0 1rem; }
figure.chart { break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 0.25rem; }
.figure-number { font-weight: bold; }
.chart-key { font-size: 9pt; color: #222; margin: 0.2rem 0 0.35rem; display: flex; flex-wrap: wrap; gap: 0.15rem 1rem; align-items: center; }
.key-item { display: inline-flex; align-items: center; gap: 0.3rem; }
.glyph { flex: none; overflow: visible; }
table { border-collapse: collapse; width: 100%; margin: 0.2rem 0; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #bbb; padding: 0.22rem 0.35rem; text-align: left; vertical-align: middle; }
thead th { border-bottom: 2px solid #111; vertical-align: bottom; font-size: 9pt; }
tbody th { font-weight: normal; }
tr { break-inside: avoid; }
tr.total th, tr.total td { border-top: 1.5px solid #111; font-weight: bold; }
.num { text-align: right; white-space: nowrap; }
.interval { display: block; font-size: 8.5pt; color: #333; }
.missing { font-style: italic; }
.verdict { font-weight: bold; }
.short, .verdict-inline { display: none; }
.verdict-inline { font-size: 8.5pt; white-space: nowrap; }
.row-note { display: block; font-size: 8.5pt; color: #333; font-style: italic; }
.rank { display: block; font-size: 8.5pt; color: #333; }
.strip-cell { width: 34%; min-width: 6rem; padding-left: 10px; padding-right: 10px; }
svg.strip { display: block; overflow: visible; }
.scale { position: relative; display: block; height: 1.3em; font-weight: normal; }
.scale span { position: absolute; bottom: 0; transform: translateX(-50%); white-space: nowrap; }
.scale span:first-child { transform: translateX(-3px); }
.scale span:last-child { transform: translateX(calc(-100% + 3px)); }
.key { font-size: 9pt; color: #333; margin: 0.2rem 0 0.6rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); gap: 0.6rem 1rem; }
.tile { margin: 0; break-inside: avoid; border-top: 1px solid #bbb; padding-top: 0.25rem; }
.tile-title { font-size: 9.5pt; font-weight: bold; min-height: 2.6em; }
.tile-note { font-size: 8.5pt; margin: 0.15rem 0 0; color: #222; }
.trend-frame { position: relative; padding: 0 14px 1.3em 2.6em; }
.trend-plot { display: block; overflow: visible; }
.trend-y span { position: absolute; left: 0; width: 2.2em; text-align: right; transform: translateY(-50%); font-size: 8pt; color: #333; }
.trend-x { position: relative; display: block; height: 1.3em; font-size: 8pt; color: #333; }
.trend-x span { position: absolute; top: 0.1em; transform: translateX(-50%); white-space: nowrap; }
.funnel-frame { position: relative; padding: 0 14px 0 3em; margin: 0.3rem 0 0.6rem; }
.funnel-plot { display: block; overflow: visible; }
.funnel-y span { position: absolute; left: 0; width: 2.6em; text-align: right; transform: translateY(-50%); font-size: 8.5pt; color: #333; }
.funnel-x { position: relative; display: block; height: 1.4em; font-size: 8.5pt; color: #333; }
.funnel-x span { position: absolute; top: 0.15em; transform: translateX(-50%); white-space: nowrap; }
.funnel-axis { display: block; text-align: center; font-size: 8.5pt; color: #333; }
table.bands { width: auto; min-width: 60%; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 40rem) {
  body { padding: 0.75rem; font-size: 10.5pt; }
  .wide, .narrow-hidden, .long, .wide-views { display: none; }
  tbody th { overflow-wrap: anywhere; }
  .short, .verdict-inline { display: block; }
  .contents ol { columns: 1; }
  table { font-size: 9pt; }
  th, td { padding: 0.2rem 0.2rem; }
  .strip-cell { width: 40%; min-width: 6rem; padding-left: 7px; padding-right: 7px; }
  .scale span:nth-child(2), .scale span:nth-child(4) { display: none; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 1.1rem; }
  table { font-size: 9pt; }
  thead th, .chart-key, .key { font-size: 8.5pt; }
  .interval, .rank, .row-note, .tile-note, .trend-y span, .trend-x { font-size: 8pt; }
  /* Printed, tiles are lines of inline blocks: a line breaks cleanly between pages where a grid may not. */
  .tiles { display: block; }
  .tile { display: inline-block; vertical-align: top; width: 31.3%; margin: 0 2% 0.6rem 0; }
  .trend-key { break-inside: avoid; break-after: avoid; }
  .wide { display: none; }
  th, td { padding: 0.1rem 0.3rem; }
  svg.strip:not(.multi) { height: 22px; }
  .strip-cell { width: 38%; }
  .verdict { white-space: nowrap; }
}
`;

/** The page box's running text: the report's name at the top, the notice and the page number at the foot. */
function pageBoxes(running: string, notice: string | null): string {
  return `@page {
  @top-left { content: ${cssString(running)}; font: 8pt Arial, Helvetica, sans-serif; color: #333; }
  ${notice ? `@bottom-left { content: ${cssString(notice)}; font: bold 8pt Arial, Helvetica, sans-serif; color: #111; width: 75%; }` : ""}
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, Helvetica, sans-serif; color: #111; }
}`;
}

/** A whole self-contained document. */
export function page(options: { title: string; body: Html; notice: string | null; running: string }): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${options.title}</title>
<style>${raw(STYLE)}${raw(pageBoxes(options.running, options.notice))}</style>
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`.value;
}
