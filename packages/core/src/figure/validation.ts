import * as z from "zod/mini";
import { areaCode } from "../area/index.ts";
import { type Band, type QuestionSetCode, questionCode, themeSchema, versionSchema } from "../questionset/index.ts";
import { blankOr, refusal } from "../util/validate.ts";
import { COUNTABLE_BANDS } from "./measure.ts";
import { financialYearStart } from "./period.ts";

/** Whom a POSITIVE process answer is compared with, in an association. */
export type Contrast = "POSITIVE_VS_NEGATIVE" | "POSITIVE_VS_REST";

export type ExportFormat = "CSV" | "JSON";

/** At most this many areas or questions may be named: more is every one, asked for without the filter. */
export const MAX_EXPORT_FILTER = 300;

/** A financial year as POET writes it, "2023-24". */
const financialYear = z.string().check(
  refusal(
    (label: string) => financialYearStart(label) !== null,
    (label) => `"${label}" is not a financial year: write it as POET does, e.g. "2023-24"`,
  ),
);

/** A run of financial years: `from`, to `to` (one year without it), not ending before it starts. */
export const periodInput = z.object({ from: financialYear, to: blankOr(financialYear) }).check(
  refusal(
    ({ from, to }) => !to || (financialYearStart(to) ?? Number.POSITIVE_INFINITY) >= (financialYearStart(from) ?? Number.NEGATIVE_INFINITY),
    ({ from, to }) => `The period ends (${to}) before it starts (${from})`,
    ["to"],
  ),
);

const period = z.optional(z.nullable(periodInput));
const version = z.optional(z.nullable(versionSchema));
/** An argument passed through as it is: GraphQL's enums (and the CLI's choices) check it. */
const given = <T>() => z.custom<T>();
const maybe = <T>() => z.optional(z.custom<T | null>());
/** The instrument and the release every figure is read from. */
const source = { questionSet: given<QuestionSetCode>(), release: maybe<string>() };
/** What every banded figure names besides its area and questions. */
const figure = { ...source, band: given<Band>() };

/** `benchmark` (and the headline of a breakdown): in the order the arguments were always checked. */
export const benchmarkArgs = z.looseObject({ ...figure, area: areaCode, period, version, question: questionCode });

export const areaProfileArgs = z.looseObject({ ...figure, area: areaCode, period, version });

/** `funnel`: every area of a type on one question (the type is GraphQL's enum, checked there). */
export const funnelArgs = z.looseObject({ ...figure, question: questionCode, period, version });

export const breakdownArgs = z
  .looseObject({ ...figure, area: areaCode, period, version, question: questionCode, by: questionCode, thenBy: blankOr(questionCode) })
  .check(
    refusal(
      ({ by, thenBy }) => !thenBy || thenBy !== by,
      () => "`thenBy` must be another question than `by`",
      ["thenBy"],
    ),
  );

export const trendArgs = z.looseObject({ ...figure, version, question: questionCode, area: areaCode });

export const trendsArgs = z.looseObject({ ...figure, version, questions: z.array(questionCode), area: areaCode });

export const associationArgs = z.looseObject({
  ...source,
  contrast: given<Contrast>(),
  period,
  version,
  area: areaCode,
  process: questionCode,
  outcome: questionCode,
});

export const triangulationArgs = z.looseObject({ release: source.release, theme: themeSchema, area: areaCode, period });

/** `figureExport`: at most MAX_EXPORT_FILTER questions or areas named, and a band figures count. */
export const exportArgs = z.looseObject({
  ...source,
  format: given<ExportFormat>(),
  period,
  version,
  questions: z.optional(
    z.nullable(
      z.array(z.string()).check(
        refusal(
          (named) => named.length <= MAX_EXPORT_FILTER,
          () => `At most ${MAX_EXPORT_FILTER} questions may be named`,
        ),
      ),
    ),
  ),
  areas: z.optional(
    z.nullable(
      z.array(z.string()).check(
        refusal(
          (named) => named.length <= MAX_EXPORT_FILTER,
          () => `At most ${MAX_EXPORT_FILTER} areas may be named; for more, leave \`areas\` out`,
        ),
      ),
    ),
  ),
  band: z.optional(
    z.nullable(
      z
        .custom<Band>((band) => typeof band === "string")
        .check(
          refusal(
            (band) => !band || (COUNTABLE_BANDS as readonly string[]).includes(band),
            () => `band must be one of ${COUNTABLE_BANDS.join(", ")}`,
          ),
        ),
    ),
  ),
});
