/**
 * What the figures benchmark sends: the GraphQL documents (the contract of issue 3, or the
 * interim shape while the engine lacks fields, chosen by validating against the served schema),
 * the HTTP client, and the naive baseline (one plain GROUP BY over the stored answers).
 */

import { type Database, queryRows } from "@poet/core/db";
import { sql } from "drizzle-orm";
import { buildClientSchema, type GraphQLSchema, getIntrospectionQuery, type IntrospectionQuery, parse, validate } from "graphql";

export const QUESTION_SET = "ADULT_PB";
export const QUESTION = "quality_of_life";

export const TYPENAME = "{ __typename }";

const BENCHMARK_CONTRACT = `query Benchmark($area: String!) { benchmark(questionSet: ${QUESTION_SET}, question: "${QUESTION}", area: $area) {
  value { numerator denominator percentage confidenceInterval { lower upper } status }
  comparisons { comparator outcome measure { percentage } } rank { position of quartile } } }`;

const BENCHMARK_INTERIM = `query Benchmark($area: String!) { benchmark(questionSet: ${QUESTION_SET}, question: "${QUESTION}", area: $area) {
  value { numerator denominator percentage confidenceInterval { lower upper } status } england { percentage } } }`;

const PROFILE_CONTRACT = `query Profile($area: String!) { areaProfile(questionSet: ${QUESTION_SET}, area: $area) {
  items { question { code } value { percentage status } comparisons { comparator outcome } rank { position quartile } } } }`;

export interface Shapes {
  benchmark: { query: string; label: string };
  /** null: areaProfile cannot be asked in the contract's shape yet; `missing` says why. */
  profile: { query: string; label: string } | null;
  missing: string[];
}

/** Posts one GraphQL request; any HTTP error, `errors` entry or missing data throws. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Record<string, any>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: Record<string, any> | null; errors?: { message: string; path?: unknown; extensions?: unknown }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(
      `GraphQL request failed (HTTP ${response.status}) for ${JSON.stringify(variables ?? {})}:\n${JSON.stringify(body.errors ?? body, null, 2).slice(0, 2000)}\nquery: ${query}`,
    );
  }
  return body.data;
}

function problems(schema: GraphQLSchema, query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

/** Picks the documents the served schema can answer (introspected over HTTP). */
export async function detectShapes(url: string): Promise<Shapes> {
  const schema = buildClientSchema((await postGraphQL(url, getIntrospectionQuery())) as IntrospectionQuery);
  const missing: string[] = [];
  let benchmark = { query: BENCHMARK_CONTRACT, label: "contract: value + comparisons + rank" };
  const contractProblems = problems(schema, BENCHMARK_CONTRACT);
  if (contractProblems.length) {
    missing.push(...contractProblems.map((p) => `benchmark contract: ${p}`));
    const interim = problems(schema, BENCHMARK_INTERIM);
    if (interim.length) throw new Error(`The served schema answers neither benchmark shape:\n${[...contractProblems, ...interim].join("\n")}`);
    benchmark = { query: BENCHMARK_INTERIM, label: "interim: value + england (comparisons/rank not served yet)" };
  }
  const profileProblems = problems(schema, PROFILE_CONTRACT);
  missing.push(...profileProblems.map((p) => `areaProfile contract: ${p}`));
  const profile = profileProblems.length ? null : { query: PROFILE_CONTRACT, label: "contract: items { question value comparisons rank }" };
  return { benchmark, profile, missing };
}

/** Councils with the most live ADULT_PB responses. */
export async function busiestCouncils(database: Database, limit: number): Promise<string[]> {
  const rows = await queryRows<{ area_code: string }>(
    database.db,
    sql`select r.area_code from responses r
        join question_sets s on s.id = r.question_set_id
        join areas a on a.code = r.area_code
        where s.code = ${QUESTION_SET} and a.type = 'LOCAL_AUTHORITY' and r.withdrawn_at is null
        group by r.area_code order by count(*) desc, r.area_code limit ${limit}`,
  );
  return rows.map((r) => r.area_code);
}

export interface NaiveFigure {
  numerator: number;
  denominator: number;
  percentage: number | null;
  england: { numerator: number; denominator: number; percentage: number | null };
}

const Z = 1.959964;
function wilson(numerator: number, denominator: number) {
  if (denominator === 0) return null;
  const p = numerator / denominator;
  const centre = (p + (Z * Z) / (2 * denominator)) / (1 + (Z * Z) / denominator);
  const half = (Z / (1 + (Z * Z) / denominator)) * Math.sqrt((p * (1 - p)) / denominator + (Z * Z) / (4 * denominator * denominator));
  return { lower: 100 * (centre - half), upper: 100 * (centre + half) };
}

/**
 * `benchmark` the naive way: one GROUP BY band over the raw answers of the latest published
 * ADULT_PB version, counting the area's answers and England's (all live responses) together,
 * then the percentage and its Wilson interval.
 */
export async function naiveBenchmark(database: Database, area: string): Promise<NaiveFigure & { ci: ReturnType<typeof wilson> }> {
  const rows = await queryRows<{ band: string; area: number; england: number }>(
    database.db,
    sql`select o.band::text as band, (count(*) filter (where r.area_code = ${area}))::int as area, count(*)::int as england
        from answers a
        join responses r on r.id = a.response_id
        join scale_options o on o.id = a.option_id
        join questions q on q.id = a.question_id
        join question_sets s on s.id = q.question_set_id
        where s.code = ${QUESTION_SET} and q.code = ${QUESTION} and s.status = 'PUBLISHED'
          and s.version = (select max(version) from question_sets where code = ${QUESTION_SET} and status = 'PUBLISHED')
          and r.withdrawn_at is null and o.band is not null
        group by o.band`,
  );
  const sum = (key: "area" | "england", keep: (band: string) => boolean) => rows.filter((r) => keep(r.band)).reduce((s, r) => s + Number(r[key]), 0);
  const figure = (key: "area" | "england") => {
    const numerator = sum(key, (b) => b === "POSITIVE");
    const denominator = sum(key, (b) => b !== "EXCLUDED");
    return { numerator, denominator, percentage: denominator ? (100 * numerator) / denominator : null };
  };
  const value = figure("area");
  return { ...value, ci: wilson(value.numerator, value.denominator), england: figure("england") };
}
