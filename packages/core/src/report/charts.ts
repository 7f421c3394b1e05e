import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { yieldToLoop } from "../util/yield.ts";

/**
 * Charts are Vega-Lite specifications rendered to SVG on the server: no script runs in the
 * report, it prints as drawn, and the same spec can be opened in any Vega editor. Meaning is
 * carried by shape and line style as well as colour, so a chart reads in black and white.
 */

export const WIDTH = 700;
const FONT = "Arial, Helvetica, sans-serif";

const CONFIG = {
  // The report gives each chart its own text alternative and table; Vega's per-mark ARIA would repeat it.
  aria: false,
  font: FONT,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelColor: "#222", titleColor: "#222", gridColor: "#ddd", domainColor: "#888", tickColor: "#888" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom", direction: "vertical", columns: 2, labelLimit: 320 },
  header: { labelFontSize: 11, titleFontSize: 11, labelLimit: 240 },
};

/** The area's own marks, by how it compares with England. Blue/orange/grey are told apart without colour too. */
export const OUTCOME_STYLE = {
  BETTER: { shape: "triangle-up", color: "#1f5fa8", words: "better than England" },
  SIMILAR: { shape: "circle", color: "#555555", words: "similar to England" },
  WORSE: { shape: "triangle-down", color: "#c4541b", words: "worse than England" },
  HIGHER: { shape: "triangle-up", color: "#1f5fa8", words: "higher than England" },
  LOWER: { shape: "triangle-down", color: "#c4541b", words: "lower than England" },
  NOT_COMPARED: { shape: "square", color: "#555555", words: "not compared" },
} as const;

export type OutcomeKey = keyof typeof OUTCOME_STYLE;

/** Draws a whole Vega-Lite spec (its config merged) to SVG: here, or in another thread. */
export type ChartDrawer = (spec: TopLevelSpec) => Promise<string>;

let drawer: ChartDrawer = drawHere;
let drawing: Promise<unknown> = Promise.resolve();

/**
 * Where charts are drawn from now on: a long-lived server draws them in a thread of its own
 * (chart-thread.ts), so that a report's dozen charts never hold its other requests; null, here.
 */
export function drawChartsWith(other: ChartDrawer | null): void {
  drawer = other ?? drawHere;
}

/** Renders a Vega-Lite spec to an SVG string. */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  // A chart is about ten milliseconds of work and a report draws a dozen or more: one at a time,
  // each after the event loop has had its turn, so that other callers go between them.
  const full = { ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec;
  const drawn = drawing.then(yieldToLoop).then(() => drawer(full));
  drawing = drawn.catch(() => {});
  return drawn;
}

/** Draws a spec in this thread. */
export async function drawHere(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    // Axes and legends keep Vega's ARIA roles even with `aria: false`; the figure's text alternative speaks for the whole drawing.
    const svg = await view.toSVG();
    return svg.replace(/ (role|aria-[a-z]+)="[^"]*"/g, "").replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
  } finally {
    view.finalize();
  }
}

export interface DotRow {
  label: string;
  value: number;
  lower: number;
  upper: number;
  outcome: OutcomeKey;
  /** England, the region, the neighbours: name → percentage. */
  comparators: { series: string; value: number }[];
}

const COMPARATOR_SHAPES = ["diamond", "square", "cross"];

/** Each measure as a dot with its 95% interval, with England's (and other comparators') values marked beside it. */
export function dotIntervalSpec(rows: DotRow[], areaName: string, comparatorNames: string[]): TopLevelSpec {
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  const areaSeries = (o: OutcomeKey) => `${areaName}: ${OUTCOME_STYLE[o].words}`;
  // Drawn in this order: the comparators, then the area's own marks on top of them.
  const marks = [
    ...rows.flatMap((r) => r.comparators.map((c) => ({ label: r.label, series: c.series, value: c.value }))),
    ...rows.map((r) => ({ label: r.label, series: areaSeries(r.outcome), value: r.value })),
  ];
  const domain = [...outcomes.map(areaSeries), ...comparatorNames];
  const range = {
    shape: [...outcomes.map((o) => OUTCOME_STYLE[o].shape), ...COMPARATOR_SHAPES.slice(0, comparatorNames.length)],
    color: [...outcomes.map((o) => OUTCOME_STYLE[o].color), ...comparatorNames.map(() => "#000000")],
    fill: [...outcomes.map((o) => OUTCOME_STYLE[o].color), ...comparatorNames.map(() => "#ffffff")],
  };
  const order = rows.map((r) => r.label);
  const y = { field: "label", type: "nominal", sort: order, title: null, axis: { labelLimit: 260 } } as const;
  return {
    width: WIDTH - 280,
    height: { step: 26 },
    layer: [
      {
        data: { values: rows },
        mark: { type: "rule", color: "#444", strokeWidth: 1.5 },
        encoding: { y, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } },
      },
      // One layer, so one legend that draws each series as the chart does: the area's marks
      // filled, the comparators' hollow (white inside, drawn over the interval).
      {
        data: { values: marks },
        mark: { type: "point", size: 100, strokeWidth: 1.5, opacity: 1, fillOpacity: 1 },
        encoding: {
          y,
          x: { field: "value", type: "quantitative", title: "Per cent (with 95% confidence interval)", scale: { domain: [0, 100] } },
          shape: { field: "series", type: "nominal", title: null, scale: { domain, range: range.shape } },
          stroke: { field: "series", type: "nominal", title: null, scale: { domain, range: range.color } },
          fill: { field: "series", type: "nominal", title: null, scale: { domain, range: range.fill } },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

export interface BarRow {
  label: string;
  value: number;
  lower: number;
  upper: number;
}

/** A breakdown: one bar per category with its interval, and the whole area's share as a dashed line. */
export function breakdownSpec(rows: BarRow[], total: number | null): TopLevelSpec {
  const y = { field: "label", type: "nominal", sort: rows.map((r) => r.label), title: null, axis: { labelLimit: 260 } } as const;
  const layers: unknown[] = [
    {
      mark: { type: "bar", color: "#9bb7d9", stroke: "#1f4f8a", strokeWidth: 1 },
      encoding: { y, x: { field: "value", type: "quantitative", title: "Per cent (with 95% confidence interval)", scale: { domain: [0, 100] } } },
    },
    { mark: { type: "rule", color: "#111", strokeWidth: 1.5 }, encoding: { y, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } } },
  ];
  if (total !== null)
    layers.push({
      data: { values: [{ total }] },
      mark: { type: "rule", strokeDash: [4, 3], color: "#000" },
      encoding: { x: { field: "total", type: "quantitative" } },
    });
  return { width: WIDTH - 280, height: { step: 22 }, data: { values: rows }, layer: layers } as unknown as TopLevelSpec;
}

export interface TrendRow {
  question: string;
  year: string;
  series: string;
  value: number;
}

/** Small multiples, one per outcome: the area's yearly share (solid, filled) against England's (dashed, hollow). */
export function trendSpec(rows: TrendRow[], series: [string, string]): TopLevelSpec {
  const scale = { domain: series };
  return {
    data: { values: rows },
    facet: { field: "question", type: "nominal", title: null, sort: [...new Set(rows.map((r) => r.question))] },
    columns: 2,
    spec: {
      width: 200,
      height: 110,
      layer: [
        {
          mark: { type: "line", strokeWidth: 2 },
          encoding: {
            x: { field: "year", type: "ordinal", title: null },
            y: { field: "value", type: "quantitative", title: "Per cent", scale: { domain: [0, 100] } },
            color: { field: "series", type: "nominal", title: null, scale: { ...scale, range: ["#1f5fa8", "#000000"] } },
            strokeDash: {
              field: "series",
              type: "nominal",
              title: null,
              scale: {
                ...scale,
                range: [
                  [1, 0],
                  [5, 3],
                ],
              },
            },
          },
        },
        ...series.map((name, i) => ({
          transform: [{ filter: `datum.series === ${JSON.stringify(name)}` }],
          mark: { type: "point", size: 50, strokeWidth: 1.5, filled: i === 0, opacity: 1 },
          encoding: {
            x: { field: "year", type: "ordinal" },
            y: { field: "value", type: "quantitative" },
            color: { field: "series", type: "nominal", scale: { ...scale, range: ["#1f5fa8", "#000000"] } },
            shape: { field: "series", type: "nominal", title: null, scale: { ...scale, range: ["circle", "diamond"] } },
          },
        })),
      ],
    },
  } as unknown as TopLevelSpec;
}

export interface ViewRow {
  theme: string;
  view: string;
  value: number;
  lower: number;
  upper: number;
}

const VIEW_STYLE = { shapes: ["circle", "square", "triangle-up"], colors: ["#1f5fa8", "#c4541b", "#2f7d32"] };

/** The same theme as the child, the parent and the practitioner answered it: one row per theme, one mark per view. */
export function viewsSpec(rows: ViewRow[], views: string[]): TopLevelSpec {
  const y = { field: "theme", type: "nominal", title: null, sort: [...new Set(rows.map((r) => r.theme))], axis: { labelLimit: 260 } } as const;
  const yOffset = { field: "view", type: "nominal", scale: { domain: views, paddingOuter: 0.3 } } as const;
  const legend = { domain: views };
  return {
    width: WIDTH - 280,
    height: { step: 40 },
    data: { values: rows },
    layer: [
      { mark: { type: "rule", color: "#444" }, encoding: { y, yOffset, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } } },
      {
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          y,
          yOffset,
          x: { field: "value", type: "quantitative", title: "Per cent positive (with 95% confidence interval)", scale: { domain: [0, 100] } },
          shape: { field: "view", type: "nominal", title: null, scale: { ...legend, range: VIEW_STYLE.shapes.slice(0, views.length) } },
          color: { field: "view", type: "nominal", title: null, scale: { ...legend, range: VIEW_STYLE.colors.slice(0, views.length) } },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}
