import { periodLabel } from "../figure/index.ts";
import { filled, hollow, keyMark, shortYear, trendChart } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, percent, raw } from "./html.ts";
import { keyItem } from "./parts.ts";

const ASSESSMENT_WORDS = {
  GETTING_BETTER: "Getting better",
  GETTING_WORSE: "Getting worse",
  NO_SIGNIFICANT_CHANGE: "No significant change",
  NOT_ASSESSED: "Not assessed",
} as const;

export const TREND_COLOURS = { area: "#1f5fa8", england: "#000000" };

type Trend = ReportContent["trends"][number]["area"];

const published = (t: Trend, years: string[]) =>
  years.map((y) => {
    const m = t.points.find((p) => p.financialYear === y)?.measure;
    return m?.status === "AVAILABLE" ? m.percentage! : null;
  });

/** A run's assessment in words, or why there is none. */
function assessed(t: Trend, minYears: number): string {
  const n = t.points.filter((p) => p.measure.status === "AVAILABLE").length;
  if (n >= minYears) return ASSESSMENT_WORDS[t.assessment];
  return `Not assessed: ${n} year${n === 1 ? "" : "s"} published, ${minYears} needed`;
}

/**
 * Small multiples, one per outcome: the area's share each year (solid) against England's
 * (dashed), every outcome shown. A question a revision changed shows its earlier version's run
 * too, not joined to the new one, and is assessed on the longer of the two.
 */
export function trendFigures(content: ReportContent, number: number, minYears: number): Html {
  const years = [
    ...new Set(
      content.trends.flatMap((t) =>
        [t.area, t.england, ...(t.before ? [t.before.area, t.before.england] : [])].flatMap((r) => r.points.map((p) => p.financialYear)),
      ),
    ),
  ].sort();
  const tiles = content.trends.map(({ area, england, before }) => {
    const here = published(area, years);
    const series = [
      ...(before
        ? [
            { values: published(before.england, years), colour: TREND_COLOURS.england, shape: "diamond" as const, filled: false, dashed: true },
            { values: published(before.area, years), colour: TREND_COLOURS.area, shape: "circle" as const, filled: true, dashed: false },
          ]
        : []),
      { values: published(england, years), colour: TREND_COLOURS.england, shape: "diamond" as const, filled: false, dashed: true },
      { values: here, colour: TREND_COLOURS.area, shape: "circle" as const, filled: true, dashed: false },
    ];
    const count = (t: Trend) => t.points.filter((p) => p.measure.status === "AVAILABLE").length;
    const judged = before && count(before.area) > count(area) ? before.area : area;
    const runLabel = before && judged.assessment !== "NOT_ASSESSED" ? `, ${periodLabel(judged.period!)}` : "";
    const status = `${assessed(judged, minYears)}${runLabel}`;
    const last = [...area.points].reverse().find((p) => p.measure.status === "AVAILABLE");
    const englandLast = last ? england.points.find((p) => p.financialYear === last.financialYear)?.measure : undefined;
    const latest = last
      ? `${last.financialYear}: ${percent(last.measure.percentage)}${englandLast?.status === "AVAILABLE" ? ` (England ${percent(englandLast.percentage)})` : ""}`
      : "No year published";
    const values = (t: Trend) =>
      t.points.map((p) => `${p.financialYear} ${p.measure.status === "AVAILABLE" ? percent(p.measure.percentage) : "not published"}`);
    const alt = `${capitalise(area.question.shortText)}, ${content.area.name}: ${[...(before ? values(before.area) : []), ...values(area)].join(", ")}. ${status}.`;
    return html`<figure class="tile" aria-label="${alt}"><figcaption class="tile-title">${capitalise(area.question.shortText)}</figcaption>${trendChart(years, series, before ? years.indexOf(area.points[0]?.financialYear ?? "") : null)}<p class="tile-note">${latest}<br><b>${status}</b></p></figure>`;
  });
  const revised = content.trends.filter((t) => t.before);
  const revisionLine = raw(
    `<svg class="glyph" width="10" height="14" aria-hidden="true" focusable="false"><line x1="5" x2="5" y1="0" y2="14" stroke="#666" stroke-width="1.2" stroke-dasharray="2 2"/></svg>`,
  );
  const key = html`${keyItem(keyMark("circle", filled(TREND_COLOURS.area)), `${content.area.name} (solid line)`)}${keyItem(keyMark("diamond", hollow(TREND_COLOURS.england)), "England (dashed line)")}${
    revised.length
      ? keyItem(
          revisionLine,
          `Version ${revised[0]!.area.questionSet.version} changed ${revised.length === content.trends.length ? "every outcome question" : `${revised.length} outcome questions`}: the lines break there, and each trend is assessed on the longer run`,
        )
      : ""
  }<span class="key-item">Per cent answering positively each financial year (${years.map(shortYear).join(", ")}), on a scale of 0 to 100%.</span>`;
  return html`<div class="trend-key chart-key" id="trend-key"><span class="figure-number">Figure ${number}.</span> Each outcome over the years: ${content.area.name} against England. ${key}</div>
<div class="tiles">${tiles}</div>`;
}
