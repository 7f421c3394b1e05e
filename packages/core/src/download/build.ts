import type { FigureSource } from "../figure/index.ts";
import { buildFiles, type DownloadFiles } from "./formats.ts";
import type { DownloadName } from "./names.ts";
import { downloadTable } from "./table.ts";

/** The files of one question-set version in one release, dated by the release: the same bytes whenever and wherever built. */
export async function buildDownload(source: FigureSource, name: Required<DownloadName>): Promise<DownloadFiles> {
  return buildFiles(await downloadTable(source, name.code, name.version), source.release!.cutAt);
}
