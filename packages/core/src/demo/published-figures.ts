import { parseCsv } from "../util/csv.ts";
import csv from "./published_national_figures.csv.ts";

export interface PublishedFigure {
  instrument: string;
  theme: string;
  measure: string;
  percent: number;
  respondents: number;
  source: string;
}

/** POET's published national results, which the demo data set must reproduce. */
const publishedFigures: PublishedFigure[] = parseCsv(csv).map((r) => ({
  instrument: r.instrument!,
  theme: r.theme!,
  measure: r.measure!,
  percent: Number(r.percent),
  respondents: Number(r.respondents),
  source: r.source!,
}));

export default publishedFigures;
