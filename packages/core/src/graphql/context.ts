import { type Actor, ANONYMOUS } from "../actor/index.ts";
import { createAreaLoaders } from "../area/index.ts";
import type { Database, Db } from "../db/types.ts";
import { createOrganisationLoaders } from "../organisation/loaders.ts";
import { createQuestionSetLoaders } from "../questionset/index.ts";
import { createResponseLoaders } from "../response/read.ts";
import { DEFAULT_SETTINGS, MAX_ANSWER_BYTES, type Scope, type Settings } from "../scope.ts";

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
  /** Names this request in logs and in masked errors. */
  requestId: string;
  /**
   * What the server learns while answering, for the HTTP layer's headers and log. An object of
   * its own because Apollo hands plugins a shallow copy of the context, which shares it.
   */
  outcome: { cost?: number; failed?: boolean };
}

export type DatabaseSource = Database | (() => Promise<Database>);

function createLoaders(getDb: () => Promise<Db>) {
  return {
    area: createAreaLoaders(getDb),
    questionSet: createQuestionSetLoaders(getDb),
    organisation: createOrganisationLoaders(getDb),
    response: createResponseLoaders(getDb),
  };
}

/** Opens the database lazily, once per source; a failed attempt is forgotten, so the next request tries again. */
export const databaseGetter = (source: DatabaseSource): (() => Promise<Db>) => {
  let db: Promise<Db> | undefined;
  return () => {
    if (!db) {
      const attempt = typeof source === "function" ? source().then((d) => d.db) : Promise.resolve(source.db);
      db = attempt;
      attempt.catch(() => {
        if (db === attempt) db = undefined;
      });
    }
    return db;
  };
};

/** One context per request, for an actor already resolved. */
export function createContext(getDb: () => Promise<Db>, options: { actor?: Actor; requestId?: string; settings?: Settings } = {}): GraphQLContext {
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
    requestId: options.requestId ?? "local",
    outcome: {},
  };
}
