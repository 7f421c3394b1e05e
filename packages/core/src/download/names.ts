import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/index.ts";
import { RELEASE_NAME_PATTERN } from "../release/index.ts";

export const DOWNLOADS_PATH = "/downloads";

export type DownloadFormat = "csv" | "csv.gz" | "parquet" | "datapackage";
const SUFFIXES: Record<DownloadFormat, string> = { csv: ".csv", "csv.gz": ".csv.gz", parquet: ".parquet", datapackage: "-datapackage.json" };

/** What a file name asks for: a question set, and a version and a release unless it is an alias. */
export interface DownloadName {
  code: QuestionSetCode;
  /** Absent: the latest version with responses. */
  version?: number;
  /** The release's name ("2026-07"); absent: the latest release (an alias, redirected). */
  release?: string;
}

export type DownloadPath =
  | { kind: "index" }
  | { kind: "file"; name: DownloadName; format: DownloadFormat }
  | { kind: "bad"; reason: string }
  | { kind: "unknown" };

/** Longer than any name we give, so a long path is refused before anything looks at it. */
export const MAX_PATH_LENGTH = 200;

/** `adult_pb-v1-2026-07` without a suffix; `adult_pb-v1` or `adult_pb` for an alias. */
export function fileName(name: DownloadName): string {
  return `${name.code.toLowerCase()}${name.version != null ? `-v${name.version}` : ""}${name.release != null ? `-${name.release}` : ""}`;
}

export function filePath(name: DownloadName, format: DownloadFormat): string {
  return `${DOWNLOADS_PATH}/${fileName(name)}${SUFFIXES[format]}`;
}

const NAME = new RegExp(`^([a-z_]{1,40})(?:-v(\\d{1,4}))?(?:-(${RELEASE_NAME_PATTERN}))?(\\.csv|\\.csv\\.gz|\\.parquet|-datapackage\\.json)$`);

/**
 * What a request path names. Names are canonical (lower case, no leading zeros, a release only
 * with a version) so that one file has one URL, and one cache entry at the CDN.
 */
export function parseDownloadPath(path: string): DownloadPath {
  if (path.length > MAX_PATH_LENGTH) return { kind: "bad", reason: `The path is longer than ${MAX_PATH_LENGTH} characters` };
  // Printable ASCII only: a control character or a raw byte has no business in a file name.
  if (!/^[\x21-\x7e]*$/.test(path)) return { kind: "bad", reason: "The path holds characters no file name has" };
  if (path === DOWNLOADS_PATH || path === `${DOWNLOADS_PATH}/`) return { kind: "index" };
  if (!path.startsWith(`${DOWNLOADS_PATH}/`)) return { kind: "unknown" };
  const match = NAME.exec(path.slice(DOWNLOADS_PATH.length + 1));
  if (!match) return { kind: "unknown" };
  const [, lower, version, release, suffix] = match as unknown as [string, string, string | undefined, string | undefined, string];
  const code = QUESTION_SET_CODES.find((c) => c.toLowerCase() === lower);
  const canonical = (digits: string | undefined) => digits === undefined || digits === "0" || !digits.startsWith("0");
  if (!code || !canonical(version) || (release !== undefined && version === undefined)) return { kind: "unknown" };
  const format = (Object.keys(SUFFIXES) as DownloadFormat[]).find((f) => SUFFIXES[f] === suffix)!;
  return {
    kind: "file",
    format,
    name: { code, ...(version !== undefined ? { version: Number(version) } : {}), ...(release !== undefined ? { release } : {}) },
  };
}
