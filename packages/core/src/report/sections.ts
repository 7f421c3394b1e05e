import type { AreaType } from "../area/index.ts";
import { type BenchmarkResult, type BreakdownResult, type Measure, periodLabel } from "../figure/index.ts";
import {
  COMPARATOR_STYLE,
  filled,
  hollow,
  keyMark,
  multiStrip,
  OUTCOME_STYLE,
  type OutcomeKey,
  RANGE_COLOURS,
  type Shape,
  scale,
  shortYear,
  strip,
  trendChart,
} from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, percent, raw, symbolKey } from "./html.ts";

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

const label = (item: { question: { shortText: string } }) => capitalise(item.question.shortText);
export const outcomeOf = (item: BenchmarkResult): OutcomeKey => item.comparisons.find((c) => c.comparator === "ENGLAND")?.outcome ?? "NOT_COMPARED";
/** The verdict in a column headed "Compared with …": one word and its symbol. */
const compared = (o: OutcomeKey) =>
  html`<span class="verdict" style="color:${OUTCOME_STYLE[o].color}"><span aria-hidden="true">${OUTCOME_STYLE[o].symbol} </span>${OUTCOME_STYLE[o].short}</span>`;

/** A figure: numbered caption, its key, then the chart-table; kept on one page when printed. */
function chartFigure(id: string, number: number, caption: string, key: Html, body: Html, after: Html = html``): Html {
  return html`<figure class="chart" id="${id}" aria-labelledby="${id}-caption">
<figcaption id="${id}-caption"><span class="figure-number">Figure ${number}.</span> ${caption}</figcaption>
<div class="chart-key">${key}</div>
${body}
${after}
</figure>`;
}

const keyItem = (glyph: Html, words: string) => html`<span class="key-item">${glyph}${words}</span>`;
const lineGlyph = (dashed = false) =>
  raw(
    `<svg class="glyph" width="12" height="14" aria-hidden="true" focusable="false"><line x1="6" x2="6" y1="0" y2="14" stroke="#000" stroke-width="2"${dashed ? ' stroke-dasharray="3 2"' : ""}/></svg>`,
  );
const bandGlyph = (colour: string) =>
  raw(`<svg class="glyph" width="16" height="14" aria-hidden="true" focusable="false"><rect x="0" y="3" width="16" height="8" fill="${colour}"/></svg>`);

/** The area's own marks as they appear in a chart, then what each comparator looks like. */
function measuresKey(content: ReportContent, items: BenchmarkResult[]): Html {
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
function valueCell(measure: Measure | undefined, withInterval = true, after: Html | "" = "", extra = ""): Html {
  const cls = extra ? ` ${extra}` : "";
  if (!measure) return html`<td class="num${cls}">–</td>`;
  if (measure.status !== "AVAILABLE") return html`<td class="num missing${cls}">${measure.symbol ?? "–"}</td>`;
  const ci = measure.confidenceInterval;
  return html`<td class="num${cls}">${percent(measure.percentage, 1)}${withInterval && ci ? html`<span class="interval">${ci.lower.toFixed(1)}–${ci.upper.toFixed(1)}</span>` : ""}${after}</td>`;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;

/** The most rows one chart holds: a longer list is drawn as several, so that each stays within half a printed page. */
export const MAX_ROWS = 8;

/** Measures as spine charts of at most MAX_ROWS rows each, numbered in turn. */
export function measuresFigures(id: string, next: () => number, content: ReportContent, items: BenchmarkResult[], caption: string): Html {
  if (!items.length) return html`<p>This instrument asks no such question.</p>`;
  const parts = Math.ceil(items.length / MAX_ROWS);
  const size = Math.ceil(items.length / parts);
  return html`${Array.from({ length: parts }, (_, k) =>
    measuresFigure(
      parts > 1 ? `${id}-${k + 1}` : id,
      next(),
      content,
      items.slice(k * size, (k + 1) * size),
      caption,
      parts > 1 ? ` (${k + 1} of ${parts})` : "",
    ),
  )}`;
}

/** A spine chart of measures: each row the area's value and interval against England, the region, similar areas and the range of all. */
function measuresFigure(id: string, number: number, content: ReportContent, items: BenchmarkResult[], caption: string, part: string): Html {
  const has = (c: string) => items.some((i) => i.comparisons.some((x) => x.comparator === c));
  const region = has("REGION");
  const neighbours = has("STATISTICAL_NEIGHBOURS");
  const peers = PEERS[content.area.type];
  const revised = content.revised;
  const isRevised = (i: BenchmarkResult) => revised?.codes.has(i.question.code) ?? false;
  // Every row revised: said once, under the caption; some: on each of theirs.
  const allRevised = revised !== null && items.every(isRevised);
  const rows = items.map((i) => {
    const comparison = (c: string) => i.comparisons.find((x) => x.comparator === c)?.measure;
    const available = i.value.status === "AVAILABLE" && i.value.confidenceInterval;
    const o = outcomeOf(i);
    const others = (["REGION", "STATISTICAL_NEIGHBOURS"] as const).flatMap((c, n) => {
      const m = comparison(c);
      return m?.status === "AVAILABLE" ? [{ value: m.percentage!, ...COMPARATOR_STYLE[c], lane: n === 0 ? (-1 as const) : (1 as const) }] : [];
    });
    const england = comparison("ENGLAND");
    const chart = strip({
      value: available
        ? {
            value: i.value.percentage!,
            lower: i.value.confidenceInterval!.lower,
            upper: i.value.confidenceInterval!.upper,
            shape: OUTCOME_STYLE[o].shape,
            colour: OUTCOME_STYLE[o].color,
          }
        : null,
      reference: england?.status === "AVAILABLE" ? { value: england.percentage! } : null,
      range: i.rank?.spread ?? null,
      others: others.map((x) => ({ value: x.value, shape: x.shape as Shape, colour: x.color, lane: x.lane })),
    });
    const note =
      revised && isRevised(i) && !allRevised
        ? html`<span class="row-note">${periodLabel(revised.period)} only, version ${revised.version}: the question changed</span>`
        : "";
    const inline = i.value.status === "AVAILABLE" ? html`<span class="verdict-inline">${compared(o)}</span>` : "";
    return html`<tr><th scope="row">${label(i)}${note}</th>${valueCell(i.value, true, inline)}${valueCell(england, false)}${region ? html`<td class="num wide">${cellValue(comparison("REGION"))}</td>` : ""}${neighbours ? html`<td class="num wide">${cellValue(comparison("STATISTICAL_NEIGHBOURS"))}</td>` : ""}<td class="strip-cell">${chart}</td><td class="compared narrow-hidden">${
      i.value.status === "AVAILABLE" ? compared(o) : html`<span class="missing">Not published</span>`
    }${i.rank ? html`<span class="rank">${ordinal(i.rank.position)} of ${i.rank.of} ${peers}</span>` : ""}</td></tr>`;
  });
  const regionName = items.flatMap((i) => i.comparisons).find((c) => c.comparator === "REGION")?.name;
  const table = html`<table class="spine">
<thead><tr><th scope="col">${id.startsWith("outcomes") ? "Outcome" : "Measure"}</th><th scope="col" class="num"><span class="long">${content.area.name}</span><span class="short">Area</span></th><th scope="col" class="num">England</th>${region ? html`<th scope="col" class="num wide">${regionName ?? "Region"}</th>` : ""}${neighbours ? html`<th scope="col" class="num wide">Similar ${peers}</th>` : ""}<th scope="col" class="strip-cell">${scale(`Chart of per cent positive, 0 to 100`)}</th><th scope="col" class="narrow-hidden">Compared with England</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  const notes = symbolKey(items.flatMap((i) => [i.value, ...i.comparisons.map((c) => c.measure)]));
  const said = allRevised
    ? html`<p class="row-note figure-note">Version ${revised.version} changed every one of these questions, so they are read from ${periodLabel(revised.period)} alone, not pooled with earlier years.</p>`
    : html``;
  return chartFigure(
    id,
    number,
    `${caption}${allRevised ? `, ${periodLabel(revised.period)}` : ""}${part}`,
    measuresKey(content, items),
    html`${said}${table}`,
    notes,
  );
}

const cellValue = (m: Measure | undefined): string => (!m ? "–" : m.status === "AVAILABLE" ? percent(m.percentage, 1) : (m.symbol ?? "–"));

/** One breakdown: each category's share against the whole area's, on the same strip. */
export function breakdownFigure(b: BreakdownResult, number: number, index: number): Html {
  const title = `${capitalise(b.question.shortText)} by ${b.by.shortText}, ${b.area.name}`;
  const against = `everyone in ${b.area.name}`;
  const rows = b.categories.map((c) => {
    const m = c.measure;
    const available = m.status === "AVAILABLE" && m.confidenceInterval;
    const o = c.comparedWithTotal as OutcomeKey;
    const chart = strip({
      value: available
        ? {
            value: m.percentage!,
            lower: m.confidenceInterval!.lower,
            upper: m.confidenceInterval!.upper,
            shape: OUTCOME_STYLE[o].shape,
            colour: OUTCOME_STYLE[o].color,
          }
        : null,
      reference: b.total.percentage === null ? null : { value: b.total.percentage, dashed: true },
    });
    return html`<tr><th scope="row">${c.option.label}</th>${valueCell(m)}<td class="num">${m.denominator ?? "–"}</td><td class="strip-cell">${chart}</td><td class="compared">${
      available ? compared(o) : html`<span class="missing">Not published</span>`
    }</td></tr>`;
  });
  const total = html`<tr class="total"><th scope="row">Everyone</th>${valueCell(b.total)}<td class="num">${b.total.denominator ?? "–"}</td><td class="strip-cell">${strip(
    {
      value: null,
      reference: b.total.percentage === null ? null : { value: b.total.percentage, dashed: true },
    },
  )}</td><td></td></tr>`;
  const shown = [...new Set(b.categories.filter((c) => c.measure.status === "AVAILABLE").map((c) => c.comparedWithTotal as OutcomeKey))];
  const key = html`${shown.map((o) => keyItem(keyMark(OUTCOME_STYLE[o].shape, filled(OUTCOME_STYLE[o].color)), capitalise(OUTCOME_STYLE[o].words.replace("England", against))))}${keyItem(lineGlyph(true), capitalise(against))}<span class="key-item">The line through a mark is its 95% confidence interval.</span>`;
  const table = html`<table class="spine">
<thead><tr><th scope="col">${capitalise(b.by.shortText)}</th><th scope="col" class="num">Positive</th><th scope="col" class="num">Answers</th><th scope="col" class="strip-cell">${scale()}</th><th scope="col">Compared with everyone</th></tr></thead>
<tbody>${rows}${total}</tbody>
</table>`;
  return chartFigure(`breakdown-${index + 1}`, number, title, key, table, symbolKey([b.total, ...b.categories.map((c) => c.measure)]));
}

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

const VIEWS = [
  { code: "CYP_EHCP", name: "Children and young people", shape: "circle", colour: "#1f5fa8" },
  { code: "PARENT_EHCP", name: "Parents and carers", shape: "square", colour: "#b8461a" },
  { code: "PRACTITIONER_EHCP", name: "Practitioners", shape: "triangle-up", colour: "#2e6b30" },
] as const;

/** The most themes one views chart holds (each row is three strips tall). */
export const MAX_VIEW_ROWS = 6;

/** The same themes from each point of view: one strip per theme, one line per view; long lists drawn as several charts. */
export function viewsFigures(content: ReportContent, next: () => number): Html {
  const parts = Math.ceil(content.views.length / MAX_VIEW_ROWS);
  const size = Math.ceil(content.views.length / parts);
  return html`${Array.from({ length: parts }, (_, k) =>
    viewsFigure(
      content,
      content.views.slice(k * size, (k + 1) * size),
      next(),
      parts > 1 ? ` (${k + 1} of ${parts})` : "",
      parts > 1 ? `views-${k + 1}` : "views",
    ),
  )}`;
}

function viewsFigure(content: ReportContent, themes: ReportContent["views"], number: number, part: string, id: string): Html {
  const theme = (t: string) => capitalise(t.replaceAll("_", " "));
  const rows = themes.map((t) => {
    const measures = VIEWS.map((v) => t.views.find((x) => x.questionSet.code === v.code)?.measure);
    const chart = multiStrip(
      measures.map((m, i) =>
        m?.status === "AVAILABLE" && m.confidenceInterval
          ? { value: m.percentage!, lower: m.confidenceInterval.lower, upper: m.confidenceInterval.upper, shape: VIEWS[i]!.shape, colour: VIEWS[i]!.colour }
          : null,
      ),
    );
    const agreement = { AGREE: "Yes", DISAGREE: "No: views differ", NOT_COMPARED: "Not compared" }[t.agreement];
    return html`<tr><th scope="row">${theme(t.theme)}</th>${measures.map((m) => valueCell(m, false, "", "wide-views"))}<td class="strip-cell">${chart}</td><td>${agreement}</td></tr>`;
  });
  const key = html`${VIEWS.map((v) => keyItem(keyMark(v.shape, filled(v.colour)), v.name))}<span class="key-item">Per cent positive on each theme; the line through a mark is its 95% confidence interval. The views agree when every pair's intervals overlap.</span>`;
  const table = html`<table class="spine">
<thead><tr><th scope="col">Theme</th>${VIEWS.map((v) => html`<th scope="col" class="num wide-views">${v.name}</th>`)}<th scope="col" class="strip-cell">${scale()}</th><th scope="col">Do they agree?</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  return chartFigure(
    id,
    number,
    `The same themes from each point of view, ${content.area.name}${part}`,
    key,
    table,
    symbolKey(themes.flatMap((t) => t.views.map((v) => v.measure))),
  );
}

/** Process and outcomes: each association in a sentence, whether its interval excludes 1 said beside it. */
export function associationsSection(content: ReportContent): Html {
  const lines = content.associations;
  const where = content.detailArea.code === content.area.code ? content.area.name : `${content.detailArea.name} (the region)`;
  const note =
    content.detailArea.code === content.area.code
      ? html``
      : html`<p class="meta">Associations for a single ${ONE[content.area.type]} are published to researchers only; these are for ${content.detailArea.name}, which ${content.area.name} is part of.</p>`;
  const sentences = lines.filter((l) => l.sentence).sort((a, b) => Number(significant(b)) - Number(significant(a)));
  const withheld = lines.length - sentences.length;
  return html`<h3>What goes with a good outcome in ${where}</h3>${note}
<p>How each part of the process goes with a positive answer on ${content.headline?.shortText ?? "the main outcome"}: a relative risk, with its 95% confidence interval. An interval that does not include 1 is a real association at the 95% level; one that includes 1 is not.</p>
${
  sentences.length
    ? html`<ul class="sentences">${sentences.map((l) => html`<li>${l.sentence} <b>${significant(l) ? "A real association: the interval does not include 1." : "Not significant: the interval includes 1."}</b></li>`)}</ul>`
    : html`<p>No association here has enough answers to publish.</p>`
}
${withheld ? html`<p class="key">${withheld} other association${withheld > 1 ? "s are" : " is"} not published: too few answers.</p>` : ""}`;
}

/** Whether an association's 95% interval excludes 1. */
export const significant = (line: { result: { relativeRisk: { lower: number; upper: number } | null } }): boolean => {
  const rr = line.result.relativeRisk;
  return rr !== null && (rr.lower > 1 || rr.upper < 1);
};

export function breakdownsSection(content: ReportContent, firstNumber: number): Html {
  if (!content.breakdowns.length)
    return html`<p>No breakdown of ${content.headline?.shortText ?? "the main outcome"} has enough answers to publish for ${content.detailArea.name}.</p>`;
  const note =
    content.detailArea.code === content.area.code
      ? html``
      : html`<p class="meta">Breakdowns for a single ${ONE[content.area.type]} are published to researchers only; these are for ${content.detailArea.name}.</p>`;
  return html`${note}<p>How the share answering positively on ${content.headline?.shortText ?? "the main outcome"} differs between groups of people in ${content.detailArea.name}, against everyone there (the dashed line).</p>${content.breakdowns.map((b, i) => breakdownFigure(b, firstNumber + i, i))}`;
}
