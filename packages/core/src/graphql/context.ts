import { type Actor, ANONYMOUS } from "../actor/index.ts";
import { createAreaLoaders } from "../area/index.ts";
import type { Db } from "../db/index.ts";
import { createOrganisationLoaders } from "../organisation/index.ts";
import { createQuestionSetLoaders } from "../questionset/index.ts";
import type { ReportRenderer } from "../report/index.ts";
import type { UploadStore } from "../response/index.ts";
import { createResponseLoaders } from "../response/index.ts";
import { DEFAULT_SETTINGS, MAX_ANSWER_BYTES, type Scope, type Settings } from "../scope/index.ts";

/**
 * What the API reaches outside the database, chosen by the composition at the top (app/config):
 * the domain never sees them.
 */
export interface Services {
  /** Where large imports are uploaded; null where there is no imports bucket (a laptop). */
  uploads: UploadStore | null;
  /** Who draws local reports; null where nothing does (`localReport` then says so). */
  reports: ReportRenderer | null;
}

export const NO_SERVICES: Services = { uploads: null, reports: null };

export interface GraphQLContext {
  /** The database, opened on first use: a query that needs none (`{ __typename }`) opens none. */
  db(): Promise<Db>;
  /** What every domain function takes: the database, the caller and the settings. */
  scope(): Promise<Scope>;
  /** Who is asking: resolved from the `Authorization` header before any field runs. */
  actor: Actor;
  /** Per-request batching loaders, so nested fields cost one query per level, not per item. */
  loaders: ReturnType<typeof createLoaders>;
  settings: Settings;
  services: Services;
  /** Names this request in logs and in masked errors. */
  requestId: string;
  /**
   * What the server learns while answering, for the HTTP layer's headers and log. An object of
   * its own because Apollo hands plugins a shallow copy of the context, which shares it.
   */
  outcome: { cost?: number; failed?: boolean };
}

function createLoaders(getDb: () => Promise<Db>) {
  return {
    area: createAreaLoaders(getDb),
    questionSet: createQuestionSetLoaders(getDb),
    organisation: createOrganisationLoaders(getDb),
    response: createResponseLoaders(getDb),
  };
}

/** One context per request, for an actor already resolved. */
export function createContext(
  getDb: () => Promise<Db>,
  options: { actor?: Actor; requestId?: string; settings?: Settings; services?: Partial<Services> } = {},
): GraphQLContext {
  const actor = options.actor ?? ANONYMOUS;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  // One budget for the whole request, shared by every field's scope.
  const answer = { bytes: MAX_ANSWER_BYTES };
  return {
    db: getDb,
    scope: async () => ({ db: await getDb(), actor, settings, answer }),
    actor,
    loaders: createLoaders(getDb),
    settings,
    services: { ...NO_SERVICES, ...options.services },
    requestId: options.requestId ?? "local",
    outcome: {},
  };
}
