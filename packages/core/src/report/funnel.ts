import { type ExpectedBand, type FunnelResult, periodLabel } from "../figure/index.ts";
import { filled, funnelChart, hollow, keyMark, OUTCOME_STYLE, type Shape } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, percent, raw } from "./html.ts";
import { chartFigure, keyItem, ONE, PEERS } from "./parts.ts";

/** The CQC's five bands in words, best first, with the mark the area gets in each. */
export const EXPECTED: Record<ExpectedBand, { words: string; shape: Shape; colour: string }> = {
  MUCH_BETTER: { words: "Much better than expected", shape: "triangle-up", colour: OUTCOME_STYLE.BETTER.color },
  BETTER: { words: "Better than expected", shape: "triangle-up", colour: OUTCOME_STYLE.BETTER.color },
  ABOUT_AS_EXPECTED: { words: "About as expected", shape: "circle", colour: OUTCOME_STYLE.SIMILAR.color },
  WORSE: { words: "Worse than expected", shape: "triangle-down", colour: OUTCOME_STYLE.WORSE.color },
  MUCH_WORSE: { words: "Much worse than expected", shape: "triangle-down", colour: OUTCOME_STYLE.WORSE.color },
};

/** A funnel worth drawing: the area's own point published, and at least this many areas beside it. */
export const MIN_FUNNEL_AREAS = 5;

/** Whether a funnel can be drawn for the report's area. */
export const drawable = (f: FunnelResult | null, area: string): f is FunnelResult =>
  f !== null && f.limits.length > 1 && f.overdispersion.units >= MIN_FUNNEL_AREAS && f.points.some((p) => p.area.code === area && p.compared !== null);

/** Why there is no funnel plot, in a sentence. */
export function noFunnel(content: ReportContent, f: FunnelResult): string {
  const peers = PEERS[content.area.type];
  const own = f.points.find((p) => p.area.code === content.area.code);
  const when = f.period ? ` in ${periodLabel(f.period)}` : "";
  if (!own || own.compared === null)
    return `No funnel plot: ${content.area.name}'s own figure for ${f.question.shortText}${when} is not published (too few answers).`;
  return `No funnel plot: only ${f.overdispersion.units} ${peers} have a published figure for ${f.question.shortText}${when}, and a funnel needs at least ${MIN_FUNNEL_AREAS}.`;
}

const line = (dashed: boolean) =>
  raw(
    `<svg class="glyph" width="22" height="14" aria-hidden="true" focusable="false"><line x1="0" x2="22" y1="7" y2="7" stroke="${dashed ? "#444" : "#000"}" stroke-width="${dashed ? 1.4 : 2}"${dashed ? ' stroke-dasharray="5 3"' : ""}/></svg>`,
  );

/** The headline outcome against every area of the report's kind, as a funnel plot, with where the areas fall. */
export function funnelSection(content: ReportContent, f: FunnelResult, number: number): Html {
  const area = content.area;
  const peers = PEERS[area.type];
  const own = f.points.find((p) => p.area.code === area.code)!;
  const band = EXPECTED[own.compared!];
  const published = f.points.filter((p) => p.compared !== null);
  const question = f.question.shortText;
  const chart = funnelChart({
    limits: f.limits,
    centre: f.england.percentage!,
    others: published.filter((p) => p !== own).map((p) => ({ n: p.value.denominator!, value: p.value.percentage! })),
    own: { n: own.value.denominator!, value: own.value.percentage!, shape: band.shape, colour: band.colour },
  });
  const key = html`${keyItem(keyMark(band.shape, filled(band.colour)), `${area.name}: ${band.words.toLowerCase()}`)}${keyItem(keyMark("circle", hollow("#6b6b6b")), `Other ${peers}`)}${keyItem(line(false), "England")}${keyItem(line(true), "95% limits")}<span class="key-item">Solid outer lines: 99.8% limits.</span>`;
  const counts = (Object.keys(EXPECTED) as ExpectedBand[]).map((b) => ({ b, n: published.filter((p) => p.compared === b).length }));
  const table = html`<table class="bands">
<thead><tr><th scope="col">Against the limits</th><th scope="col" class="num">${capitalise(peers)}</th><th scope="col">${area.name}</th></tr></thead>
<tbody>${counts.map(({ b, n }) => html`<tr><th scope="row">${EXPECTED[b].words}</th><td class="num">${n}</td><td>${b === own.compared ? "Here" : ""}</td></tr>`)}</tbody>
</table>`;
  const od = f.overdispersion;
  const spread = od.overdispersed
    ? `The ${peers} differ more than chance alone would make them (φ = ${od.phi.toFixed(2)} from winsorised z-scores), so every limit includes a random effect of ${(Math.sqrt(od.tau2) * 100).toFixed(1)} percentage points, as Spiegelhalter (2005) recommends.`
    : `The ${peers} differ no more than chance would make them (φ = ${od.phi.toFixed(2)}), so the limits are binomial.`;
  const intro = html`<p class="intro">${capitalise(question)}: the share answering positively in every ${ONE[area.type]} with a published figure (${published.length} of them), against how many answered. The funnel is where a ${ONE[area.type]} would fall by chance around England's ${percent(f.england.percentage, 1)}; outside it, a difference chance does not explain. ${area.name}: ${percent(own.value.percentage, 1)} of ${own.value.denominator} answering, <b>${band.words.toLowerCase()}</b> (z = ${own.z!.toFixed(2)}). ${spread} Shares are as answered, not adjusted for who answered.</p>`;
  return html`${intro}${chartFigure("funnel", number, `${capitalise(question)}: ${area.name} against every ${ONE[area.type]}, ${f.period ? periodLabel(f.period) : ""}`, key, html`${chart}${table}`)}`;
}
