import { type BenchmarkResult, type BreakdownResult, type Measure, periodLabel } from "../figure/index.ts";
import { COMPARATOR_STYLE, filled, keyMark, OUTCOME_STYLE, type OutcomeKey, type Shape, scale, strip } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, percent, symbolKey } from "./html.ts";
import { chartFigure, compared, keyItem, label, lineGlyph, measuresKey, ONE, ordinal, outcomeOf, PEERS, valueCell } from "./parts.ts";

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
