import { SMALL_COUNT, TREND_METHOD, versionList } from "../figure/index.ts";
import { SYNTHETIC_NOTICE } from "../util/notice.ts";
import type { ReportContent } from "./content.ts";
import { html, page } from "./html.ts";
import { associationsSection, breakdownsSection, measuresFigure, tally, trendSection, viewsSection } from "./sections.ts";

export const reportTitle = (areaName: string, instrument: string, period: string): string => `${areaName}: ${instrument}, ${period}`;

/** The whole report of one area and instrument, as one self-contained HTML document. */
export async function renderReport(content: ReportContent, generatedOn: string): Promise<{ title: string; html: string }> {
  const title = reportTitle(content.area.name, content.questionSet.name, content.periodLabel);
  const notice = content.syntheticData ? SYNTHETIC_NOTICE : null;
  const [outcomes, process, associations, breakdowns, trend, views] = await Promise.all([
    measuresFigure("outcomes", content, content.outcomes, `Outcomes in ${content.area.name}`),
    measuresFigure("process", content, content.process, `How the process went in ${content.area.name}`),
    associationsSection(content),
    breakdownsSection(content),
    content.trends.length ? trendSection(content) : null,
    content.views.length ? viewsSection(content) : null,
  ]);
  const noticeBlock = notice ? html`<p class="notice" role="note">${notice}</p>` : "";
  const responses = content.responses === null ? "fewer than 10" : content.responses.toLocaleString("en-GB");
  const body = html`
<header>
<p class="meta">POET local report · ${content.periodLabel}</p>
<h1>${title}</h1>
<p class="meta">${responses} responses${content.release === "LIVE" ? "" : " (rounded)"} · ${versionList(content.versions)} of the question set · ${content.release === "LIVE" ? `live figures, drawn ${generatedOn}` : `release ${content.release}, cut ${generatedOn}`}</p>
${noticeBlock}
</header>
<section aria-labelledby="s-summary">
<h2 id="s-summary">At a glance</h2>
<p class="lede">What people in ${content.area.name} told POET (${content.questionSet.name}), compared with England${content.outcomes.some((o) => o.comparisons.some((c) => c.comparator === "REGION")) ? ", the region" : ""} and similar councils.</p>
<ul>
<li><b>Outcomes:</b> ${tally(content.outcomes)}</li>
<li><b>Process:</b> ${tally(content.process)}</li>
${content.associations.find((a) => a.sentence) ? html`<li><b>What goes with a good outcome:</b> ${content.associations.find((a) => a.sentence)!.sentence}</li>` : ""}
</ul>
<p>A measure is <b>better</b> or <b>worse</b> than England when England's value lies outside the area's 95% confidence interval, and <b>similar</b> when it lies inside. Charts mark this by shape as well as colour: ▲ better, ● similar, ▼ worse; England is ◇.</p>
<h3>Outcomes</h3>
${outcomes}
</section>
<section aria-labelledby="s-process">
<h2 id="s-process">How the process went</h2>
${process}
</section>
<section aria-labelledby="s-associations">
<h2 id="s-associations">Process and outcomes</h2>
${associations}
<h2 id="s-breakdowns">Breakdowns</h2>
${breakdowns}
</section>
${trend ? html`<section aria-labelledby="s-trend"><h2 id="s-trend">Over time</h2>${trend}</section>` : ""}
${views ? html`<section aria-labelledby="s-views"><h2 id="s-views">Children's, parents' and practitioners' views</h2>${views}</section>` : ""}
<section aria-labelledby="s-notes">
<h2 id="s-notes">About these figures</h2>
${noticeBlock}
<h3>Method</h3>
<p>Each measure is the share of people who answered a question positively (for example "better" or "a lot better") among those who answered it; "don't know" and "not applicable" answers are left out. Intervals are 95% Wilson score intervals. ${content.area.name} is compared with England, ${content.outcomes[0]?.comparisons.find((c) => c.comparator === "REGION")?.name ?? "its region"} and its statistical neighbours (councils most like it); the rank is its position among areas of its kind with a published figure, 1 the most positive. ${TREND_METHOD}</p>
<p>Figures count the responses of ${content.periodLabel} to ${versionList(content.versions)} of the question set; a question pools earlier versions only where its wording and answers are comparable.${
    content.oneVersion && content.allResponses !== content.responses
      ? ` A revised version's questions do not all pool with the earlier one's, so this report reads one version: the newest with more than the report threshold's responses, or else the one with most. ${content.area.name}'s ${content.allResponses ?? "fewer than 10"} responses to every version make it eligible; ${content.responses ?? "fewer than 10"} of them are to this one.`
      : ""
  }</p>
<h3>Disclosure control</h3>
<p>No figure is shown with fewer than ${SMALL_COUNT} answers in its band or outside it. Every count except England's headline figures is rounded to a multiple of 5 by the cell key method, fixed by the records behind it, so the same responses give the same count in every report, table and download; percentages and intervals are computed from the rounded counts. In breakdowns, when a category is withheld the next smallest is withheld too, so none can be worked out by subtraction. A withheld figure is shown by its symbol, with the reason beneath the table.</p>
<p>These figures are the same as those the POET API publishes (benchmark, areaProfile, breakdown, association, trend and triangulation) for the same area and period.</p>
</section>`;
  return { title, html: page({ title, body, notice }) };
}
