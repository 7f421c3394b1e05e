import type { Db } from "../db/types.ts";
import type { ReferenceData } from "../figure/reference.ts";
import { buildFiles, type DownloadFiles } from "./formats.ts";
import type { DownloadName } from "./names.ts";
import { downloadTable } from "./table.ts";

/** The files of one question-set version at the cube version `ref` was read at. */
export async function buildDownload(db: Db, ref: ReferenceData, name: Required<DownloadName>): Promise<DownloadFiles> {
  return buildFiles(await downloadTable(db, ref, name.code, name.version));
}
