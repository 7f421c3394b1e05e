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

/** A measure in a table cell: the percentage, or its GSS symbol with the reason as a footnote key. */
export function measureCell(measure: Measure | undefined, digits = 1): Html {
  if (!measure) return html`<td class="num">–</td>`;
  if (measure.status === "AVAILABLE") return html`<td class="num">${percent(measure.percentage, digits)}</td>`;
  return html`<td class="num missing">${measure.symbol ?? "–"}</td>`;
}

export function intervalCell(measure: Measure | undefined): Html {
  const ci = measure?.confidenceInterval;
  return ci ? html`<td class="num">${percent(ci.lower, 1)} to ${percent(ci.upper, 1)}</td>` : html`<td class="num">–</td>`;
}

/** The reasons behind the symbols that appear in a table, once each. */
export function symbolKey(measures: (Measure | undefined)[]): Html {
  const seen = new Map<string, string>();
  for (const m of measures) if (m && m.status !== "AVAILABLE" && m.symbol && m.reason) seen.set(m.symbol, m.reason);
  if (!seen.size) return html``;
  return html`<p class="key">${[...seen].map(([symbol, reason]) => html`<span><b>${symbol}</b> ${reason} </span>`)}</p>`;
}

export interface TableSpec {
  caption: string;
  head: string[];
  rows: Html[];
  key?: Html;
}

export function table(spec: TableSpec): Html {
  return html`<table>
<caption>${spec.caption}</caption>
<thead><tr>${spec.head.map((h, i) => html`<th scope="col"${raw(i ? ' class="num"' : "")}>${h}</th>`)}</tr></thead>
<tbody>${spec.rows}</tbody>
</table>${spec.key ?? ""}`;
}

/** A chart with its text alternative (read out instead of the drawing) and its caption; the data table follows it. */
export function figure(id: string, svg: string, alt: string, caption: string, data: Html): Html {
  return html`<figure aria-labelledby="${id}">
<div class="chart" role="img" aria-label="${alt}">${raw(svg)}</div>
<figcaption id="${id}">${caption}</figcaption>
</figure>
${data}`;
}

export const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 54rem; padding: 1.5rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.7rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #111; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
.notice { border: 2px solid #111; padding: 0.5rem 0.75rem; font-weight: bold; margin: 0.75rem 0; }
.meta { color: #333; margin: 0; }
.lede { font-size: 1.05rem; }
figure { margin: 0.8rem 0 0.4rem; break-inside: avoid; }
.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.2rem; font-size: 0.88rem; break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #111; }
.num { text-align: right; white-space: nowrap; }
.missing { font-style: italic; }
.key { font-size: 0.8rem; color: #333; margin: 0.2rem 0 0.8rem; }
ul.sentences li { margin-bottom: 0.4rem; }
.footer-notice { display: none; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .footer-notice { display: block; position: fixed; bottom: 0; left: 0; right: 0; font-size: 8pt; border-top: 1px solid #111; padding-top: 2px; background: #fff; }
}
`;

/** A whole self-contained document. */
export function page(options: { title: string; body: Html; notice: string | null }): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${options.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${options.notice ? html`<p class="footer-notice" aria-hidden="true">${options.notice}</p>` : ""}
<main>
${options.body}
</main>
</body>
</html>
`.value;
}
