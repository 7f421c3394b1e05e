import { createAreaLoaders } from "../area/index.ts";
import type { Database, Db } from "../db/types.ts";
import { ANONYMOUS, authenticate, type Viewer } from "../organisation/index.ts";
import { createQuestionSetLoaders } from "../questionset/index.ts";

export interface GraphQLContext {
  /** The database, opened on first use: a query that needs none (`{ __typename }`) opens none. */
  db(): Promise<Db>;
  /** Per-request batching loaders, so nested fields cost one query per level, not per item. */
  loaders: ReturnType<typeof createLoaders>;
  /** Who is asking, from the Authorization header: resolved on first use. */
  viewer(): Promise<Viewer>;
  /** Configuration the figures need. */
  settings: ContextSettings;
}

export interface ContextSettings {
  /** More responses than this of an instrument make an area eligible for a local report. */
  reportThreshold: number;
}

export interface RequestInfo {
  headers: Record<string, string | undefined>;
}

function createLoaders(getDb: () => Promise<Db>) {
  return { area: createAreaLoaders(getDb), questionSet: createQuestionSetLoaders(getDb) };
}

const header = (request: RequestInfo | undefined, name: string) =>
  Object.entries(request?.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** One context per request, over an open database or a function that opens it lazily. */
export function createContext(source: Database | (() => Promise<Database>), request?: RequestInfo, settings: ContextSettings = { reportThreshold: 100 }): GraphQLContext {
  let db: Promise<Db> | undefined;
  let viewer: Promise<Viewer> | undefined;
  const getDb = () => (db ??= typeof source === "function" ? source().then((d) => d.db) : Promise.resolve(source.db));
  return {
    db: getDb,
    loaders: createLoaders(getDb),
    viewer: () => {
      const authorization = header(request, "authorization");
      return (viewer ??= authorization ? getDb().then((d) => authenticate(d, authorization)) : Promise.resolve(ANONYMOUS));
    },
    settings,
  };
}
