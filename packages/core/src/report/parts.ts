/** The pieces every chart of the report is built from: its frame, its key, its cells and its words. */
import type { AreaType } from "../area/index.ts";
import type { BenchmarkResult, Measure } from "../figure/index.ts";
import { COMPARATOR_STYLE, filled, hollow, keyMark, OUTCOME_STYLE, type OutcomeKey, RANGE_COLOURS } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, percent, raw } from "./html.ts";

/** One area of a type, in a sentence: "a single council". */
export const ONE: Record<AreaType, string> = { NATION: "nation", REGION: "region", LOCAL_AUTHORITY: "council", NHS_REGION: "NHS region", ICB: "ICB" };

/** What areas of a type are called in a sentence: "similar councils", "12th of 151 councils". */
export const PEERS: Record<AreaType, string> = {
  NATION: "nations",
  REGION: "regions",
  LOCAL_AUTHORITY: "councils",
  NHS_REGION: "NHS regions",
  ICB: "ICBs",
};

export const label = (item: { question: { shortText: string } }) => capitalise(item.question.shortText);
export const outcomeOf = (item: BenchmarkResult): OutcomeKey => item.comparisons.find((c) => c.comparator === "ENGLAND")?.outcome ?? "NOT_COMPARED";
/** The verdict in a column headed "Compared with …": one word and its symbol. */
export const compared = (o: OutcomeKey) =>
  html`<span class="verdict" style="color:${OUTCOME_STYLE[o].color}"><span aria-hidden="true">${OUTCOME_STYLE[o].symbol} </span>${OUTCOME_STYLE[o].short}</span>`;

/** A figure: numbered caption, its key, then the chart-table; kept on one page when printed. */
export function chartFigure(id: string, number: number, caption: string, key: Html, body: Html, after: Html = html``): Html {
  return html`<figure class="chart" id="${id}" aria-labelledby="${id}-caption">
<figcaption id="${id}-caption"><span class="figure-number">Figure ${number}.</span> ${caption}</figcaption>
<div class="chart-key">${key}</div>
${body}
${after}
</figure>`;
}

export const keyItem = (glyph: Html, words: string) => html`<span class="key-item">${glyph}${words}</span>`;
export const lineGlyph = (dashed = false) =>
  raw(
    `<svg class="glyph" width="12" height="14" aria-hidden="true" focusable="false"><line x1="6" x2="6" y1="0" y2="14" stroke="#000" stroke-width="2"${dashed ? ' stroke-dasharray="3 2"' : ""}/></svg>`,
  );
export const bandGlyph = (colour: string) =>
  raw(`<svg class="glyph" width="16" height="14" aria-hidden="true" focusable="false"><rect x="0" y="3" width="16" height="8" fill="${colour}"/></svg>`);

/** The area's own marks as they appear in a chart, then what each comparator looks like. */
export function measuresKey(content: ReportContent, items: BenchmarkResult[]): Html {
  const outcomes = [...new Set(items.filter((i) => i.value.status === "AVAILABLE").map(outcomeOf))];
  const peers = PEERS[content.area.type];
  const region = items.flatMap((i) => i.comparisons).find((c) => c.comparator === "REGION");
  const neighbours = items.flatMap((i) => i.comparisons).find((c) => c.comparator === "STATISTICAL_NEIGHBOURS");
  const ranged = items.some((i) => i.rank);
  return html`${outcomes.map((o) => keyItem(keyMark(OUTCOME_STYLE[o].shape, filled(OUTCOME_STYLE[o].color)), `${content.area.name}, ${OUTCOME_STYLE[o].words}`))}
${keyItem(lineGlyph(), "England")}
${region ? keyItem(keyMark(COMPARATOR_STYLE.REGION.shape, hollow(COMPARATOR_STYLE.REGION.color)), `${region.name} (region)`) : ""}
${neighbours ? keyItem(keyMark(COMPARATOR_STYLE.STATISTICAL_NEIGHBOURS.shape, hollow(COMPARATOR_STYLE.STATISTICAL_NEIGHBOURS.color)), `Similar ${peers} (${neighbours.areaCodes.length} statistical neighbours)`) : ""}
${ranged ? html`${keyItem(bandGlyph(RANGE_COLOURS.all), `All ${peers}`)}${keyItem(bandGlyph(RANGE_COLOURS.middle), `Middle half of ${peers}`)}` : ""}
<span class="key-item">The line through a mark is its 95% confidence interval.</span>`;
}

/** A measure's value with its interval beneath, or its symbol. */
export function valueCell(measure: Measure | undefined, withInterval = true, after: Html | "" = "", extra = ""): Html {
  const cls = extra ? ` ${extra}` : "";
  if (!measure) return html`<td class="num${cls}">–</td>`;
  if (measure.status !== "AVAILABLE") return html`<td class="num missing${cls}">${measure.symbol ?? "–"}</td>`;
  const ci = measure.confidenceInterval;
  return html`<td class="num${cls}">${percent(measure.percentage, 1)}${withInterval && ci ? html`<span class="interval">${ci.lower.toFixed(1)}–${ci.upper.toFixed(1)}</span>` : ""}${after}</td>`;
}

export const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
