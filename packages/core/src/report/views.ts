import { filled, keyMark, multiStrip, scale } from "./charts.ts";
import type { ReportContent } from "./content.ts";
import { capitalise, type Html, html, symbolKey } from "./html.ts";
import { chartFigure, keyItem, valueCell } from "./parts.ts";

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
