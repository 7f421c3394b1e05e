import { createAreaLoaders } from "../area/index.ts";
import type { Database, Db } from "../db/types.ts";
import { createQuestionSetLoaders } from "../questionset/index.ts";

export interface GraphQLContext {
  /** The database, opened on first use: a query that needs none (`{ __typename }`) opens none. */
  db(): Promise<Db>;
  /** Per-request batching loaders, so nested fields cost one query per level, not per item. */
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(getDb: () => Promise<Db>) {
  return { area: createAreaLoaders(getDb), questionSet: createQuestionSetLoaders(getDb) };
}

/** One context per request, over an open database or a function that opens it lazily. */
export function createContext(source: Database | (() => Promise<Database>)): GraphQLContext {
  let db: Promise<Db> | undefined;
  const getDb = () => (db ??= typeof source === "function" ? source().then((d) => d.db) : Promise.resolve(source.db));
  return { db: getDb, loaders: createLoaders(getDb) };
}
