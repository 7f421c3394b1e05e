import type { Access } from "../actor/index.ts";
import type { AreaRow } from "../area/index.ts";
import { PoetError } from "../errors/index.ts";

export const PUBLIC_BREAKDOWN_AREAS: ReadonlySet<AreaRow["type"]> = new Set(["NATION", "REGION", "NHS_REGION"]);

/**
 * The cube each caller may read. Anyone: headline measures for every area, and breakdowns and
 * associations for England and its regions. Researchers: breakdowns and associations for single
 * councils and ICBs too. The same disclosure control applies to both.
 */
export function assertBreakdownAllowed(access: Access, area: AreaRow, what: string): void {
  if (access === "PUBLIC" && !PUBLIC_BREAKDOWN_AREAS.has(area.type)) {
    throw new PoetError(
      "FORBIDDEN",
      `${what} for a single council or ICB need researcher access (an API key of a research organisation); England and regions are open to all`,
      {
        argument: "area",
      },
    );
  }
}
