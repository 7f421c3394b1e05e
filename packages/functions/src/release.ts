/**
 * The release function: an EventBridge schedule (the `Cron` in stacks/Api.ts, monthly by default)
 * calls it, and it cuts the release named after the event's month ("2026-12", as of the event's
 * day, UTC) with the same domain code as `poet release`, as the system. The name is the
 * idempotency key: a retried or duplicated event finds the month's release cut and does nothing.
 * Any other failure is thrown, so Lambda counts it (the Errors alarm) and retries.
 */

import { systemActor } from "@poet/core/actor";
import { loadConfig } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { PoetError } from "@poet/core/errors";
import { cutRelease } from "@poet/core/release";
import { financialYearLabel } from "@poet/core/time";
import type { ScheduledEvent } from "aws-lambda";
import { lazyDatabase } from "./database.ts";

export interface ReleaseHandlerDeps {
  database: () => Promise<Database>;
}

export interface ReleaseResult {
  /** The release's name: the event's month, yyyy-mm. */
  release: string;
  /** False when a release of that name existed already (nothing was cut). */
  cut: boolean;
  /** The financial years the cut published first ("2025-26"); none when nothing was cut. */
  newFinancialYears: string[];
}

/** The release an event is for: named after its month, as of its day, both in UTC. */
export function releaseOfEvent(event: Pick<ScheduledEvent, "time">): { name: string; asOf: string } {
  const time = new Date(event.time);
  if (Number.isNaN(time.getTime())) throw new Error(`The scheduled event's time is not a date: ${JSON.stringify(event.time)}`);
  const day = time.toISOString().slice(0, 10);
  return { name: day.slice(0, 7), asOf: day };
}

export function createReleaseHandler(deps: ReleaseHandlerDeps) {
  return async (event: ScheduledEvent): Promise<ReleaseResult> => {
    const started = Date.now();
    const { name, asOf } = releaseOfEvent(event);
    const { db } = await deps.database();
    const scope = { db, actor: systemActor("release-function"), settings: loadConfig().settings };
    let release: Awaited<ReturnType<typeof cutRelease>>;
    try {
      release = await cutRelease(scope, { name, asOf });
    } catch (error) {
      if (!alreadyCut(error)) throw error;
      const result: ReleaseResult = { release: name, cut: false, newFinancialYears: [] };
      console.log(JSON.stringify({ message: `release ${name} exists already: nothing cut`, event: event.id, asOf, ...result }));
      return result;
    }
    const result: ReleaseResult = { release: release.name, cut: true, newFinancialYears: release.newYears.map(financialYearLabel) };
    console.log(
      JSON.stringify({
        message: `release ${release.name} cut`,
        event: event.id,
        asOf: release.asOf,
        ...result,
        financialYears: release.years.map(financialYearLabel),
        synthetic: release.synthetic,
        ms: Date.now() - started,
      }),
    );
    return result;
  };
}

/**
 * Whether a failed cut failed because the month's release is there: the cut says CONFLICT for a
 * taken name, whether it found the name or a delivery racing it inserted it first.
 */
const alreadyCut = (error: unknown): boolean => error instanceof PoetError && error.code === "CONFLICT";

const database = lazyDatabase();
export const handler = createReleaseHandler({ database: database.get });
