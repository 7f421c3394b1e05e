import type { BenchmarkResult } from "../figure/index.ts";
import { breakdownSpec, dotIntervalSpec, OUTCOME_STYLE, type OutcomeKey, renderSvg, trendSpec, viewsSpec } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, figure, type Html, html, intervalCell, measureCell, percent, symbolKey, table } from "./html.ts";

const COMPARATOR_LABEL = { ENGLAND: "England", REGION: "Region", STATISTICAL_NEIGHBOURS: "Statistical neighbours" } as const;
const SYMBOL = { BETTER: "▲", SIMILAR: "●", WORSE: "▼", HIGHER: "▲", LOWER: "▼", NOT_COMPARED: "■" } as const;

const label = (item: { question: { shortText: string } }) => capitalise(item.question.shortText);
const outcomeOf = (item: BenchmarkResult): OutcomeKey => item.comparisons.find((c) => c.comparator === "ENGLAND")?.outcome ?? "NOT_COMPARED";
const comparedWords = (o: OutcomeKey) => html`<span aria-hidden="true">${SYMBOL[o]} </span>${capitalise(OUTCOME_STYLE[o].words)}`;

/** The headline counts in one sentence: how many measures are better, similar or worse than England. */
export function tally(items: BenchmarkResult[]): string {
  const shown = items.filter((i) => i.value.status === "AVAILABLE");
  const count = (o: OutcomeKey) => shown.filter((i) => outcomeOf(i) === o).length;
  const parts = [
    [count("BETTER"), "better than England"],
    [count("SIMILAR"), "similar to England"],
    [count("WORSE"), "worse than England"],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  const withheld = items.length - shown.length;
  return `Of ${items.length} measures, ${said.length ? said.join(", ") : "none could be compared"}${withheld ? `; ${withheld} not published` : ""}.`;
}

/** A dot-and-interval chart of measures against England, the region and the neighbours, with its table. */
export async function measuresFigure(id: string, content: ReportContent, items: BenchmarkResult[], caption: string): Promise<Html> {
  const shown = items.filter((i) => i.value.status === "AVAILABLE" && i.value.confidenceInterval);
  const comparatorNames = [...new Set(items.flatMap((i) => i.comparisons.map((c) => c.name)))];
  const rows = shown.map((i) => ({
    label: label(i),
    value: i.value.percentage!,
    lower: i.value.confidenceInterval!.lower,
    upper: i.value.confidenceInterval!.upper,
    outcome: outcomeOf(i),
    comparators: i.comparisons.filter((c) => c.measure.status === "AVAILABLE").map((c) => ({ series: c.name, value: c.measure.percentage! })),
  }));
  const alt =
    `Chart of ${rows.length} measures for ${content.area.name}, each with its 95% confidence interval and the values of ${comparatorNames.join(", ") || "England"}. ` +
    rows.map((r) => `${r.label}: ${percent(r.value)} (${percent(r.lower)} to ${percent(r.upper)}), ${OUTCOME_STYLE[r.outcome].words}.`).join(" ");
  const comparators = ["ENGLAND", "REGION", "STATISTICAL_NEIGHBOURS"] as const;
  const present = comparators.filter((c) => items.some((i) => i.comparisons.some((x) => x.comparator === c)));
  const data = table({
    caption: `${caption}: the figures`,
    head: ["Measure", content.area.name, "95% interval", ...present.map((c) => COMPARATOR_LABEL[c]), "Compared with England", "Rank"],
    rows: items.map(
      (i) =>
        html`<tr><th scope="row">${label(i)}</th>${measureCell(i.value)}${intervalCell(i.value)}${present.map((c) =>
          measureCell(i.comparisons.find((x) => x.comparator === c)?.measure),
        )}<td>${i.value.status === "AVAILABLE" ? comparedWords(outcomeOf(i)) : "–"}</td><td class="num">${i.rank ? `${i.rank.position} of ${i.rank.of}` : "–"}</td></tr>`,
    ),
    key: symbolKey(items.flatMap((i) => [i.value, ...i.comparisons.map((c) => c.measure)])),
  });
  if (!rows.length) return html`<p>No measure here has enough answers to publish.</p>${data}`;
  const svg = await renderSvg(dotIntervalSpec(rows, content.area.name, comparatorNames));
  return figure(id, svg, alt, caption, data);
}

export async function associationsSection(content: ReportContent): Promise<Html> {
  const lines = content.associations;
  const where = content.detailArea.code === content.area.code ? content.area.name : `${content.detailArea.name} (the region)`;
  const note =
    content.detailArea.code === content.area.code
      ? html``
      : html`<p class="meta">Associations for a single council are published to researchers only; these are for ${content.detailArea.name}, which ${content.area.name} is part of.</p>`;
  const sentences = lines.filter((l) => l.sentence);
  const withheld = lines.length - sentences.length;
  return html`<h3>What goes with a good outcome in ${where}</h3>${note}
<p>How each part of the process goes with a positive answer on ${content.headline?.shortText ?? "the main outcome"} (relative risk, 95% confidence interval).</p>
${sentences.length ? html`<ul class="sentences">${sentences.map((l) => html`<li>${l.sentence}</li>`)}</ul>` : html`<p>No association here has enough answers to publish.</p>`}
${withheld ? html`<p class="key">${withheld} other association${withheld > 1 ? "s are" : " is"} not published: too few answers.</p>` : ""}`;
}

export async function breakdownsSection(content: ReportContent): Promise<Html> {
  if (!content.breakdowns.length)
    return html`<p>No breakdown of ${content.headline?.shortText ?? "the main outcome"} has enough answers to publish for ${content.detailArea.name}.</p>`;
  const parts = await Promise.all(
    content.breakdowns.map(async (b, index) => {
      const shown = b.categories.filter((c) => c.measure.status === "AVAILABLE" && c.measure.confidenceInterval);
      const rows = shown.map((c) => ({
        label: c.option.label,
        value: c.measure.percentage!,
        lower: c.measure.confidenceInterval!.lower,
        upper: c.measure.confidenceInterval!.upper,
      }));
      const title = `${capitalise(b.question.shortText)} by ${b.by.shortText}`;
      const svg = await renderSvg(breakdownSpec(rows, b.total.percentage));
      const alt = `Bar chart: positive answers on ${b.question.shortText} in ${b.area.name}, by ${b.by.shortText}; the dashed line is everyone (${percent(b.total.percentage)}). ${rows.map((r) => `${r.label}: ${percent(r.value)} (${percent(r.lower)} to ${percent(r.upper)}).`).join(" ")}`;
      const data = table({
        caption: `${title}: the figures`,
        head: ["Category", "Positive", "95% interval", "Answers", "Compared with everyone"],
        rows: [
          ...b.categories.map(
            (c) =>
              html`<tr><th scope="row">${c.option.label}</th>${measureCell(c.measure)}${intervalCell(c.measure)}<td class="num">${c.measure.denominator ?? "–"}</td><td>${c.measure.status === "AVAILABLE" ? capitalise(c.comparedWithTotal.toLowerCase().replace("_", " ")) : "–"}</td></tr>`,
          ),
          html`<tr><th scope="row">Everyone</th>${measureCell(b.total)}${intervalCell(b.total)}<td class="num">${b.total.denominator ?? "–"}</td><td></td></tr>`,
        ],
        key: symbolKey([b.total, ...b.categories.map((c) => c.measure)]),
      });
      return html`<h3>${title}</h3>${figure(`breakdown-${index + 1}`, svg, alt, `${title}, ${b.area.name}`, data)}`;
    }),
  );
  const note =
    content.detailArea.code === content.area.code
      ? html``
      : html`<p class="meta">Breakdowns for a single council are published to researchers only; these are for ${content.detailArea.name}.</p>`;
  return html`${note}${parts}`;
}

export async function trendSection(content: ReportContent): Promise<Html> {
  const series: [string, string] = [content.area.name, "England"];
  const rows = content.trends.flatMap(({ area, england }) =>
    [
      [series[0], area],
      [series[1], england],
    ].flatMap(([name, t]) =>
      (t as typeof area).points
        .filter((p) => p.measure.status === "AVAILABLE")
        .map((p) => ({
          question: capitalise((t as typeof area).question.shortText),
          year: p.financialYear,
          series: name as string,
          value: p.measure.percentage!,
        })),
    ),
  );
  const years = [...new Set(content.trends.flatMap((t) => t.area.points.map((p) => p.financialYear)))];
  const svg = await renderSvg(trendSpec(rows, series));
  const alt = `Line charts, one per outcome, of the share answering positively each year in ${content.area.name} (solid line) and England (dashed). ${content.trends
    .map(
      ({ area }) =>
        `${capitalise(area.question.shortText)}: ${area.points.map((p) => `${p.financialYear} ${percent(p.measure.percentage)}`).join(", ")}; ${area.assessment.toLowerCase().replaceAll("_", " ")}.`,
    )
    .join(" ")}`;
  const data = table({
    caption: `Positive answers by financial year, ${content.area.name}`,
    head: ["Outcome", ...years, "Over the years"],
    rows: content.trends.map(
      ({ area }) =>
        html`<tr><th scope="row">${capitalise(area.question.shortText)}</th>${years.map((y) => measureCell(area.points.find((p) => p.financialYear === y)?.measure))}<td>${capitalise(area.assessment.toLowerCase().replaceAll("_", " "))}</td></tr>`,
    ),
    key: symbolKey(content.trends.flatMap((t) => t.area.points.map((p) => p.measure))),
  });
  return figure("trend", svg, alt, `Each outcome over the years: ${content.area.name} against England`, data);
}

const VIEW_NAMES: Record<string, string> = { CYP_EHCP: "Children and young people", PARENT_EHCP: "Parents and carers", PRACTITIONER_EHCP: "Practitioners" };

export async function viewsSection(content: ReportContent): Promise<Html> {
  const views = Object.keys(VIEW_NAMES).map((code) => VIEW_NAMES[code]!);
  const rows = content.views.flatMap((t) =>
    t.views
      .filter((v) => VIEW_NAMES[v.questionSet.code] && v.measure.status === "AVAILABLE" && v.measure.confidenceInterval)
      .map((v) => ({
        theme: capitalise(t.theme.replaceAll("_", " ")),
        view: VIEW_NAMES[v.questionSet.code]!,
        value: v.measure.percentage!,
        lower: v.measure.confidenceInterval!.lower,
        upper: v.measure.confidenceInterval!.upper,
      })),
  );
  const data = table({
    caption: `Positive answers by theme and view, ${content.area.name}`,
    head: ["Theme", ...views, "Do they agree?"],
    rows: content.views.map(
      (t) =>
        html`<tr><th scope="row">${capitalise(t.theme.replaceAll("_", " "))}</th>${Object.keys(VIEW_NAMES).map((code) => measureCell(t.views.find((v) => v.questionSet.code === code)?.measure))}<td>${
          { AGREE: "Yes: the intervals overlap", DISAGREE: "No: at least two views differ", NOT_COMPARED: "Not compared" }[t.agreement]
        }</td></tr>`,
    ),
    key: symbolKey(content.views.flatMap((t) => t.views.map((v) => v.measure))),
  });
  if (!rows.length) return html`<p>No shared theme has enough answers from two views to publish.</p>${data}`;
  const svg = await renderSvg(viewsSpec(rows, views));
  const alt = `Chart of positive answers on each shared theme in ${content.area.name}, one mark per view with its 95% interval. ${rows.map((r) => `${r.theme}, ${r.view}: ${percent(r.value)}.`).join(" ")}`;
  return figure("views", svg, alt, `The same themes from each point of view, ${content.area.name}`, data);
}
