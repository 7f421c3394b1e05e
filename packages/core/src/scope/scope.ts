import type { Actor } from "../actor/index.ts";
import type { Db } from "../db/index.ts";

/** How bearer JWTs from the membership portal's identity provider are checked. */
export interface JwtSettings {
  /** Where the provider publishes its signing keys (a JWKS document). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
}

/** What the domain needs from configuration; the GraphQL server and the CLI build it from `Config`. */
export interface Settings {
  /** More responses than this of an instrument make an area eligible for a local report. */
  reportThreshold: number;
  /**
   * Months after a financial year ends (31 March) before a release publishes it, so that late
   * returns are in: a published year is final (docs/releases.md). 3 unless set.
   */
  releaseLagMonths?: number;
  /** Null when the deployment accepts API keys only. */
  jwt: JwtSettings | null;
}

export const DEFAULT_SETTINGS: Settings = { reportThreshold: 100, jwt: null };

/** The most an API answer may hold: what the transport refuses past, and what fields reserve from. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

/** What is left of one answer's size: a field that builds a large value reserves from it before the work. */
export interface AnswerBudget {
  bytes: number;
}

/** One request's or one command's view of the world: every domain function takes it. */
export interface Scope {
  db: Db;
  actor: Actor;
  settings: Settings;
  /** An API request's answer budget; absent for commands, which write files of any size. */
  answer?: AnswerBudget;
}
