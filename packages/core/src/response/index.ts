import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/types.ts";

export { financialYearLabel, financialYearOf } from "./financial-year.ts";
export { errorsCsv, type ImportOptions, type ImportResult, importResponses } from "./import.ts";
export { createResponseLoaders, findResponse, listResponses } from "./read.ts";
export { submitResponses } from "./submit.ts";
export { dictionaryCsv, importTemplate } from "./template.ts";
export { withdrawResponses } from "./withdraw.ts";

/** Whether live synthetic (demo) responses are in the database: then every figure says so. */
export async function hasSyntheticData(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ synthetic: boolean }>(db, sql`select exists (select 1 from responses where synthetic and withdrawn_at is null) as synthetic`);
  return Boolean(row?.synthetic);
}
