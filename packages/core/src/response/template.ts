import { notFound } from "../errors/index.ts";
import type { QuestionSetCode } from "../questionset/index.ts";
import { versionSchema } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { csvLines } from "../util/csv.ts";
import { parseInput } from "../util/validate.ts";
import { RESPONSE_COLUMNS, TICK_SEPARATOR } from "./csv.ts";
import { loadInstruments, pickVersion } from "./instrument.ts";
import { COLLECTION_MODES, COMPLETED_BY } from "./response.sql.ts";

export interface AllowedValue {
  code: string;
  label: string;
}

/** One column of an import file, as the data dictionary describes it. */
export interface TemplateColumn {
  name: string;
  required: boolean;
  description: string;
  /** The codes (or labels) a cell may hold; empty when the column is free text or a date. */
  allowed: AllowedValue[];
  /** Several of `allowed`, separated by `|`. */
  multiple: boolean;
}

export interface ImportTemplate {
  questionSet: QuestionSetCode;
  version: number;
  header: string[];
  example: string[];
  /** The header and the example row as a CSV file. */
  csv: string;
  columns: TemplateColumn[];
}

const words = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll("_", " ");

/** The import file of a question-set version: its header, an example row and a data dictionary of every column. */
export async function importTemplate(scope: Scope, questionSet: QuestionSetCode, version?: number | null): Promise<ImportTemplate> {
  if (version != null) parseInput(versionSchema, version, "version");
  const instrument = pickVersion(await loadInstruments(scope.db, [questionSet]), questionSet, version);
  if (!instrument) throw notFound(`${questionSet} has no published version ${version}`, "version");
  const area = instrument.areaType === "ICB" ? "E54000008" : "E06000001";
  const enumValues = (codes: readonly string[]) => codes.map((code) => ({ code, label: words(code) }));
  const columns: TemplateColumn[] = [
    {
      name: "external_ref",
      required: true,
      description: "Your own reference for the response (1 to 200 characters, spaces around it ignored): sending it again is safe",
      allowed: [],
      multiple: false,
    },
    {
      name: "area",
      required: true,
      description: `The GSS code of the ${instrument.areaType === "ICB" ? "ICB" : "council"} the response belongs to`,
      allowed: [],
      multiple: false,
    },
    {
      name: "collected_on",
      required: true,
      description: `When the survey was completed: yyyy-mm-dd or dd/mm/yyyy, not before ${instrument.publishedOn}`,
      allowed: [],
      multiple: false,
    },
    { name: "collection_mode", required: true, description: "How it was collected", allowed: enumValues(COLLECTION_MODES), multiple: false },
    { name: "completed_by", required: true, description: "Who filled it in", allowed: enumValues(COMPLETED_BY), multiple: false },
    { name: "comment", required: false, description: "The respondent's own words, if any (at most 4,000 characters)", allowed: [], multiple: false },
    // A question named like a response column (ADULT_PB's completed_by) is answered by that column.
    ...[...instrument.questions.values()]
      .filter((q) => !(RESPONSE_COLUMNS as readonly string[]).includes(q.code))
      .map((q) => ({
        name: q.code,
        required: false,
        description: `${q.kind === "ABOUT_YOU" ? "About you" : q.kind === "PROCESS" ? "Process" : "Outcome"} question; leave empty when skipped${q.multiple ? `; tick all that apply, separated by ${TICK_SEPARATOR}` : ""}`,
        allowed: [...q.options.values()].map((o) => ({ code: o.code, label: o.label })),
        multiple: q.multiple,
      })),
  ];
  const header = columns.map((c) => c.name);
  const example = columns.map((c) => {
    if (c.name === "external_ref") return "CASE-0001";
    if (c.name === "area") return area;
    if (c.name === "collected_on") return instrument.publishedOn ?? "2025-04-01";
    if (c.name === "comment") return "";
    const question = instrument.questions.get(c.name);
    if (!question) return c.allowed[0]?.code ?? "";
    const options = [...question.options.values()];
    if (question.multiple)
      return options
        .slice(0, 2)
        .map((o) => o.code)
        .join(TICK_SEPARATOR);
    return (options.find((o) => o.band === "POSITIVE") ?? options[0]!).code;
  });
  return { questionSet, version: instrument.version, header, example, csv: csvLines([header, example]), columns };
}

/** The data dictionary as CSV: one row per column, its allowed codes and labels. */
export const dictionaryCsv = (template: ImportTemplate): string =>
  csvLines([
    ["column", "required", "description", "allowed_codes", "allowed_labels"],
    ...template.columns.map((c) => [
      c.name,
      c.required ? "yes" : "no",
      c.description,
      c.allowed.map((a) => a.code).join(TICK_SEPARATOR),
      c.allowed.map((a) => a.label).join(TICK_SEPARATOR),
    ]),
  ]);
