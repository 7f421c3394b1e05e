import { periodLabel, periodYears, SMALL_COUNT, TREND_METHOD, versionList } from "../figure/index.ts";
import { SYNTHETIC_NOTICE } from "../util/notice.ts";
import { type ReportContent, TREND_MIN_YEARS } from "./content.ts";
import { drawable, funnelSection, noFunnel } from "./funnel.ts";
import { glance, nothingSignificant } from "./glance.ts";
import { capitalise, type Html, html, page } from "./html.ts";
import { ONE, PEERS } from "./parts.ts";
import { associationsSection, breakdownsSection, measuresFigures } from "./sections.ts";
import { trendFigures } from "./trends.ts";
import { viewsFigures } from "./views.ts";

export const reportTitle = (areaName: string, instrument: string, period: string): string => `${areaName}: ${instrument}, ${period}`;

interface Section {
  id: string;
  title: string;
  body: Html;
}

/** What the report read, in one sentence: the responses, the years, the versions, the release. */
export function readingsLine(content: ReportContent, generatedOn: string): string {
  const responses = content.responses === null ? "fewer than 10" : content.responses.toLocaleString("en-GB");
  const years = periodYears(content.period);
  const span = years.length === 1 ? `in ${years[0]}` : `from ${years[0]} to ${years.at(-1)} (${years.length} financial years)`;
  const source = content.release === "LIVE" ? `live figures, drawn ${generatedOn}` : `release ${content.release}, cut ${generatedOn}`;
  return `${responses} responses${content.release === "LIVE" ? "" : " (rounded)"} ${span}, to ${versionList(content.versions)} of the question set · ${source}`;
}

/** The whole report of one area and instrument, as one self-contained HTML document. */
export function renderReport(content: ReportContent, generatedOn: string): { title: string; html: string } {
  const title = reportTitle(content.area.name, content.questionSet.name, content.periodLabel);
  const notice = content.syntheticData ? SYNTHETIC_NOTICE : null;
  const area = content.area.name;
  let figures = 0;
  const next = () => ++figures;
  const regionName = content.outcomes.flatMap((o) => o.comparisons).find((c) => c.comparator === "REGION")?.name;
  const statements = glance(content);

  const sections: Section[] = [
    {
      id: "s-outcomes",
      title: "Outcomes",
      body: html`<p class="intro">The share of people in ${area} who said their support made each part of their life better, against England${regionName ? `, ${regionName}` : ""} and similar ${PEERS[content.area.type]}.</p>${measuresFigures("outcomes", next, content, content.outcomes, `Outcomes in ${area}`)}`,
    },
    {
      id: "s-process",
      title: "How the process went",
      body: html`<p class="intro">The share of people in ${area} who said each part of the process went well.</p>${measuresFigures("process", next, content, content.process, `How the process went in ${area}`)}`,
    },
    ...(content.funnel
      ? [
          {
            id: "s-funnel",
            title: `${capitalise(content.funnel.question.shortText)} against every ${ONE[content.area.type]}`,
            body: drawable(content.funnel, content.area.code)
              ? funnelSection(content, content.funnel, next())
              : html`<p>${noFunnel(content, content.funnel)}</p>`,
          },
        ]
      : []),
    { id: "s-associations", title: "Process and outcomes", body: associationsSection(content) },
    { id: "s-breakdowns", title: "Breakdowns", body: breakdownsSection(content, figures + 1) },
  ];
  figures += content.breakdowns.length;
  if (content.trends.length)
    sections.push({
      id: "s-trend",
      title: "Over time",
      body: html`<p class="intro">Every outcome, year by year. A trend is assessed where ${TREND_MIN_YEARS} or more years are published (a Cochran–Armitage test at 95%).</p>${trendFigures(content, next(), TREND_MIN_YEARS)}`,
    });
  if (content.views.length) sections.push({ id: "s-views", title: "Children's, parents' and practitioners' views", body: viewsFigures(content, next) });
  sections.push({ id: "s-notes", title: "About these figures", body: notes(content, notice) });

  const noticeBlock = notice ? html`<p class="notice" role="note">${notice}</p>` : "";
  const body = html`
<header>
<p class="meta">POET local report · ${content.questionSet.code} · ${content.area.code}</p>
<h1>${title}</h1>
<p class="meta" id="readings">${readingsLine(content, generatedOn)}</p>
${noticeBlock}
</header>
<nav aria-labelledby="contents-title" class="contents">
<h2 id="contents-title">Contents</h2>
<ol><li><a href="#s-summary">At a glance</a></li>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol>
</nav>
<section aria-labelledby="s-summary" id="summary">
<h2 id="s-summary">At a glance</h2>
${
  statements.length
    ? html`<ul class="glance">${statements.map((s) => html`<li>${s}</li>`)}</ul>`
    : html`<p class="glance-none">${nothingSignificant(content)}</p>`
}
<p class="meta">Only differences significant at the 95% level are listed here. A measure is <b>better</b> or <b>worse</b> than England when England's value lies outside the area's 95% confidence interval, and <b>similar</b> when it lies inside; the charts mark this by shape as well as colour (▲ better, ● similar, ▼ worse).</p>
</section>
${sections.map((s) => html`<section aria-labelledby="${s.id}" class="${s.id}"><h2 id="${s.id}">${s.title}</h2>${s.body}</section>`)}`;
  return { title, html: page({ title, body, notice, running: `${area} · ${content.questionSet.name} · ${content.periodLabel}` }) };
}

function notes(content: ReportContent, notice: string | null): Html {
  const region = content.outcomes[0]?.comparisons.find((c) => c.comparator === "REGION")?.name ?? "its region";
  const peers = PEERS[content.area.type];
  return html`${notice ? html`<p class="notice" role="note">${notice}</p>` : ""}
<h3>Method</h3>
<p>Each measure is the share of people who answered a question positively (for example "better" or "a lot better") among those who answered it; "don't know" and "not applicable" answers are left out. Intervals are 95% Wilson score intervals. ${content.area.name} is compared with England, ${region} and its statistical neighbours (the ${peers} most like it); the grey bands are the range of all ${peers}' published values and the middle half of them, and the rank is ${content.area.name}'s position among ${peers} with a published figure, 1 the most positive. ${TREND_METHOD}.</p>
<p>Figures count the responses of ${content.periodLabel} to ${versionList(content.versions)} of the question set: every year the release holds for ${content.area.name}, unless a period was asked for. A question pools earlier versions only where its wording and answers are comparable.${
    content.revised
      ? ` ${content.revised.codes.size} question${content.revised.codes.size === 1 ? "" : "s"} changed in version ${content.revised.version} and cannot be pooled with the earlier answers, so ${content.revised.codes.size === 1 ? "it is" : "they are"} read from version ${content.revised.version} alone, over ${periodLabel(content.revised.period)}; ${content.revised.codes.size === 1 ? "its row says" : "their rows say"} so.`
      : ""
  }</p>
<h3>Disclosure control</h3>
<p>No figure is shown with fewer than ${SMALL_COUNT} answers in its band or outside it. Every count except England's headline figures is rounded to a multiple of 5 by the cell key method, fixed by the records behind it, so the same responses give the same count in every report, table and download; percentages and intervals are computed from the rounded counts. In breakdowns, when a category is withheld the next smallest is withheld too, so none can be worked out by subtraction. A withheld figure is shown by its symbol, with the reason beneath the table.</p>
<p>These figures are the same as those the POET API publishes (benchmark, areaProfile, breakdown, association, trend and triangulation) for the same area and period.</p>`;
}
