import { type Html, html, raw } from "./html.ts";

/**
 * The report's one chart idiom, drawn by hand: every chart is a table whose rows each carry a
 * strip on one 0–100% scale (a spine chart, as OHID's Fingertips draws them), and trends are
 * small multiples on the same scale. Text is HTML, so it wraps and prints at its own size at any
 * width; the SVG holds only marks, placed in percentages of its width, so it stretches without
 * scaling anything. Meaning is carried by shape as well as colour, so a chart reads in black and
 * white, and every chart's values are in its table's other cells.
 */

/** The area's own marks, by how it compares. Blue, orange and grey are told apart without colour too. */
export const OUTCOME_STYLE = {
  BETTER: { shape: "triangle-up", color: "#1f5fa8", symbol: "▲", words: "better than England", short: "Better" },
  SIMILAR: { shape: "circle", color: "#505050", symbol: "●", words: "similar to England", short: "Similar" },
  WORSE: { shape: "triangle-down", color: "#b8461a", symbol: "▼", words: "worse than England", short: "Worse" },
  HIGHER: { shape: "triangle-up", color: "#1f5fa8", symbol: "▲", words: "higher than England", short: "Higher" },
  LOWER: { shape: "triangle-down", color: "#b8461a", symbol: "▼", words: "lower than England", short: "Lower" },
  NOT_COMPARED: { shape: "square", color: "#505050", symbol: "■", words: "not compared", short: "Not compared" },
} as const;

export type OutcomeKey = keyof typeof OUTCOME_STYLE;
export type Shape = "triangle-up" | "triangle-down" | "circle" | "square" | "diamond";

/** Comparators: hollow, each its own shape and colour, and England a black line across the strip. */
export const COMPARATOR_STYLE = {
  REGION: { shape: "square", color: "#6a2c91" },
  STATISTICAL_NEIGHBOURS: { shape: "diamond", color: "#00695c" },
} as const satisfies Record<string, { shape: Shape; color: string }>;

export const RANGE_COLOURS = { all: "#e4e4e4", middle: "#bdbdbd" };

const PATHS: Record<Exclude<Shape, "circle">, string> = {
  "triangle-up": "M0,-6L6.5,5H-6.5Z",
  "triangle-down": "M0,6L6.5,-5H-6.5Z",
  square: "M-4.5,-4.5H4.5V4.5H-4.5Z",
  diamond: "M0,-6L6,0L0,6L-6,0Z",
};

const at = (value: number): string => `${Math.min(100, Math.max(0, value)).toFixed(2)}%`;

/** One mark centred on (x% of the width, y px): a nested SVG keeps its shape whatever the width. */
export function mark(shape: Shape, x: string, y: number | string, style: { fill: string; stroke: string }, size = 1): string {
  const scaled = size === 1 ? "" : ` transform="scale(${size})"`;
  const body =
    shape === "circle"
      ? `<circle r="5" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.6"${scaled}/>`
      : `<path d="${PATHS[shape]}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.6"${scaled}/>`;
  return `<svg x="${x}" y="${y}" overflow="visible">${body}</svg>`;
}

/** A mark on its own, for keys: the same shape as in the charts, in a box of text height. */
export function keyMark(shape: Shape, style: { fill: string; stroke: string }): Html {
  return raw(`<svg class="glyph" width="16" height="14" aria-hidden="true" focusable="false">${mark(shape, "50%", 7, style)}</svg>`);
}

export const filled = (colour: string) => ({ fill: colour, stroke: colour });
export const hollow = (colour: string) => ({ fill: "#ffffff", stroke: colour });

/** A strip's height on screen; print makes it shorter (html.ts). Heights inside it are percentages, so marks keep their size. */
export const STRIP_HEIGHT = 30;
const GRID = [25, 50, 75].map((x) => `<line x1="${x}%" x2="${x}%" y1="0" y2="100%" stroke="#d9d9d9" stroke-width="1"/>`).join("");
/** The value's line, and the comparators' lanes above and below it. */
const LANE = { [-1]: "17%", 0: "50%", 1: "83%" } as const;

export interface Strip {
  /** The value marked, with its 95% interval; null when not published. */
  value: { value: number; lower: number; upper: number; shape: Shape; colour: string } | null;
  /** A reference line across the strip (England's value, or everyone's in a breakdown). */
  reference?: { value: number; dashed?: boolean } | null;
  /** The spread of peers' published values: all of them, and the middle half. */
  range?: { lowest: number; lowerQuartile: number; upperQuartile: number; highest: number } | null;
  /** Hollow marks of other places, each in a lane above (-1) or below (1) the value's, so that none hides another. */
  others?: { value: number; shape: Shape; colour: string; lane: -1 | 1 }[];
}

/** One row's strip: the range, the grid, the reference line, the comparators, then the value and its interval on top. */
export function strip(s: Strip): Html {
  const parts: string[] = [];
  if (s.range) {
    const { lowest, lowerQuartile, upperQuartile, highest } = s.range;
    parts.push(`<rect x="${at(lowest)}" width="${at(highest - lowest)}" y="32%" height="36%" fill="${RANGE_COLOURS.all}"/>`);
    parts.push(`<rect x="${at(lowerQuartile)}" width="${at(upperQuartile - lowerQuartile)}" y="32%" height="36%" fill="${RANGE_COLOURS.middle}"/>`);
  }
  parts.push(GRID);
  if (s.reference) {
    const x = at(s.reference.value);
    parts.push(`<line x1="${x}" x2="${x}" y1="2%" y2="98%" stroke="#000" stroke-width="2"${s.reference.dashed ? ' stroke-dasharray="3 2"' : ""}/>`);
  }
  for (const o of s.others ?? []) parts.push(mark(o.shape, at(o.value), LANE[o.lane], hollow(o.colour), 0.75));
  if (s.value) {
    const v = s.value;
    parts.push(`<line x1="${at(v.lower)}" x2="${at(v.upper)}" y1="50%" y2="50%" stroke="#222" stroke-width="1.6"/>`);
    for (const end of [v.lower, v.upper]) parts.push(`<line x1="${at(end)}" x2="${at(end)}" y1="35%" y2="65%" stroke="#222" stroke-width="1.6"/>`);
    parts.push(mark(v.shape, at(v.value), LANE[0], filled(v.colour)));
  }
  return raw(`<svg class="strip" width="100%" height="${STRIP_HEIGHT}" aria-hidden="true" focusable="false">${parts.join("")}</svg>`);
}

/** The 0–100% scale above (or below) a column of strips: HTML labels at the strips' gridlines. */
export function scale(caption = "Per cent"): Html {
  const ticks = [0, 25, 50, 75, 100];
  return html`<span class="scale" aria-hidden="true">${ticks.map((t) => html`<span style="left:${t}%">${t}${t === 100 ? "%" : ""}</span>`)}</span><span class="visually-hidden">${caption}</span>`;
}

/** Several values in one row (the same theme as each point of view sees it): one line each. */
export function multiStrip(values: ({ value: number; lower: number; upper: number; shape: Shape; colour: string } | null)[]): Html {
  const lane = 14;
  const height = Math.max(STRIP_HEIGHT, values.length * lane + 4);
  const parts: string[] = [GRID];
  values.forEach((v, i) => {
    if (!v) return;
    const y = 2 + lane / 2 + i * lane;
    parts.push(`<line x1="${at(v.lower)}" x2="${at(v.upper)}" y1="${y}" y2="${y}" stroke="${v.colour}" stroke-width="1.6"/>`);
    parts.push(mark(v.shape, at(v.value), y, filled(v.colour)));
  });
  return raw(`<svg class="strip multi" width="100%" height="${height}" aria-hidden="true" focusable="false">${parts.join("")}</svg>`);
}

export interface TrendSeries {
  /** One value per year, in the order of `years`; null where not published. */
  values: (number | null)[];
  colour: string;
  shape: Shape;
  filled: boolean;
  dashed: boolean;
}

const TREND_HEIGHT = 84;
const yOf = (value: number) => 4 + ((100 - value) / 100) * (TREND_HEIGHT - 8);

/** A small multiple: each series a line over the years (broken where a year is withheld), on 0–100%. */
export function trendChart(years: string[], series: TrendSeries[], revisedAt: number | null = null): Html {
  const xOf = (i: number) => (years.length === 1 ? "50%" : at((i / (years.length - 1)) * 100));
  const parts: string[] = [0, 50, 100].map((v) => `<line x1="0" x2="100%" y1="${yOf(v)}" y2="${yOf(v)}" stroke="#d9d9d9" stroke-width="1"/>`);
  if (revisedAt !== null && revisedAt > 0 && years.length > 1) {
    const x = at(((revisedAt - 0.5) / (years.length - 1)) * 100);
    parts.push(`<line x1="${x}" x2="${x}" y1="0" y2="${TREND_HEIGHT}" stroke="#666" stroke-width="1.2" stroke-dasharray="2 2"/>`);
  }
  for (const s of series) {
    s.values.forEach((v, i) => {
      const next = s.values[i + 1];
      if (v === null || next === null || next === undefined) return;
      parts.push(
        `<line x1="${xOf(i)}" y1="${yOf(v).toFixed(1)}" x2="${xOf(i + 1)}" y2="${yOf(next).toFixed(1)}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
    });
    s.values.forEach((v, i) => {
      if (v !== null) parts.push(mark(s.shape, xOf(i), Number(yOf(v).toFixed(1)), s.filled ? filled(s.colour) : hollow(s.colour)));
    });
  }
  const svg = `<svg class="trend-plot" width="100%" height="${TREND_HEIGHT}" aria-hidden="true" focusable="false">${parts.join("")}</svg>`;
  return html`<div class="trend-frame"><span class="trend-y" aria-hidden="true"><span style="top:${yOf(100)}px">100%</span><span style="top:${yOf(50)}px">50%</span><span style="top:${yOf(0)}px">0%</span></span>${raw(svg)}<span class="trend-x" aria-hidden="true">${years.map(
    (y, i) => html`<span style="left:${years.length === 1 ? "50%" : `${(i / (years.length - 1)) * 100}%`}">${shortYear(y)}</span>`,
  )}</span></div>`;
}

/** "2023-24" as "23-24": four of them fit a small multiple's width at 8 pt. */
export const shortYear = (label: string): string => label.slice(2);

export const FUNNEL_HEIGHT = 200;

/** Five labels for a log axis from `lo` to `hi`, evenly spaced and rounded to two significant figures. */
export function logTicks(lo: number, hi: number): number[] {
  const round = (n: number) => {
    const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
    return Math.round(n / unit) * unit;
  };
  const ticks = Array.from({ length: 5 }, (_, i) => round(lo * (hi / lo) ** (i / 4)));
  return [...new Set(ticks)].filter((t) => t >= lo && t <= hi);
}

export interface FunnelDrawing {
  limits: { respondents: number; lower95: number; upper95: number; lower998: number; upper998: number }[];
  centre: number;
  /** Every other published area: respondents and per cent. */
  others: { n: number; value: number }[];
  /** The report's own area, drawn on top in its band's shape. */
  own: { n: number; value: number; shape: Shape; colour: string } | null;
}

/** A funnel plot: per cent against respondents on a log scale, the limits as lines, England across, every area a dot. */
export function funnelChart(d: FunnelDrawing): Html {
  const lo = d.limits[0]!.respondents;
  const hi = d.limits.at(-1)!.respondents;
  const xOf = (n: number) => ((Math.log(n) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * 100;
  const values = [...d.others.map((o) => o.value), ...(d.own ? [d.own.value] : []), d.limits[0]!.lower998, d.limits[0]!.upper998, d.centre];
  const bottom = Math.max(0, Math.floor(Math.min(...values) / 10) * 10);
  const top = Math.min(100, Math.ceil(Math.max(...values) / 10) * 10);
  const yOf = (v: number) => 6 + ((top - v) / (top - bottom)) * (FUNNEL_HEIGHT - 12);
  const parts: string[] = [];
  const gridValues = Array.from({ length: Math.round((top - bottom) / 10) + 1 }, (_, i) => bottom + i * 10);
  for (const v of gridValues) parts.push(`<line x1="0" x2="100%" y1="${yOf(v).toFixed(1)}" y2="${yOf(v).toFixed(1)}" stroke="#e4e4e4" stroke-width="1"/>`);
  const ticks = logTicks(lo, hi);
  for (const t of ticks) parts.push(`<line x1="${at(xOf(t))}" x2="${at(xOf(t))}" y1="0" y2="${FUNNEL_HEIGHT}" stroke="#e4e4e4" stroke-width="1"/>`);
  parts.push(`<line x1="0" x2="100%" y1="${yOf(d.centre).toFixed(1)}" y2="${yOf(d.centre).toFixed(1)}" stroke="#000" stroke-width="2"/>`);
  for (const [key, dashed] of [
    ["lower95", true],
    ["upper95", true],
    ["lower998", false],
    ["upper998", false],
  ] as const) {
    d.limits.slice(1).forEach((l, i) => {
      const p = d.limits[i]!;
      parts.push(
        `<line x1="${at(xOf(p.respondents))}" y1="${yOf(p[key]).toFixed(1)}" x2="${at(xOf(l.respondents))}" y2="${yOf(l[key]).toFixed(1)}" stroke="#444" stroke-width="1.4"${dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
    });
  }
  for (const o of d.others) parts.push(mark("circle", at(xOf(o.n)), Number(yOf(o.value).toFixed(1)), hollow("#6b6b6b"), 0.7));
  if (d.own) parts.push(mark(d.own.shape, at(xOf(d.own.n)), Number(yOf(d.own.value).toFixed(1)), filled(d.own.colour), 1.2));
  const svg = `<svg class="funnel-plot" width="100%" height="${FUNNEL_HEIGHT}" aria-hidden="true" focusable="false">${parts.join("")}</svg>`;
  return html`<div class="funnel-frame"><span class="funnel-y" aria-hidden="true">${gridValues.map((v) => html`<span style="top:${yOf(v).toFixed(1)}px">${v}%</span>`)}</span>${raw(svg)}<span class="funnel-x" aria-hidden="true">${ticks.map(
    (t) => html`<span style="left:${xOf(t).toFixed(2)}%">${t.toLocaleString("en-GB")}</span>`,
  )}</span><span class="funnel-axis" aria-hidden="true">Number answering (log scale)</span></div>`;
}
