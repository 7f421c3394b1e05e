import type { ReferenceData } from "../figure/index.ts";
import type { QuestionSetRow } from "../questionset/index.ts";
import { financialYearLabel } from "../time/index.ts";
import { dataNotice, LICENCE } from "./formats.ts";
import { type DownloadFormat, filePath } from "./names.ts";

const FORMATS: DownloadFormat[] = ["csv", "csv.gz", "parquet", "datapackage"];
const pathsOf = (name: Parameters<typeof filePath>[0]) => Object.fromEntries(FORMATS.map((f) => [f, filePath(name, f)]));

/** What `GET /downloads/` answers: every downloadable question-set version, its files in the latest release and their aliases. */
export function downloadCatalogue(ref: ReferenceData, sets: QuestionSetRow[], release: string, releases: string[]) {
  const latest = new Map(sets.map((s) => [s.code, s.version]));
  return {
    title: "POET open data: the published figures of each question set",
    description:
      "One file per question-set version and release: a row per area, question, financial year and band. Names with a release (-2026-07) " +
      "never change their bytes and may be cached for ever, and every release's files stay; the names without one (aliases) redirect to the " +
      "latest release's file, and <set>.csv (without a version) to the latest version's. Paths are relative to this document's host.",
    data_notice: dataNotice(ref.synthetic),
    synthetic_data: ref.synthetic,
    licenses: [LICENCE],
    release,
    releases,
    datasets: sets.map((s) => ({
      question_set: s.code,
      version: s.version,
      title: s.name,
      latest_version: latest.get(s.code) === s.version,
      financial_years: (ref.yearsBySet.get(s.id) ?? []).map(financialYearLabel),
      files: pathsOf({ code: s.code, version: s.version, release }),
      aliases: pathsOf({ code: s.code, version: s.version }),
    })),
  };
}
