import { queryRows } from "@poet/core/db";
import { verifyFigureCubes } from "@poet/core/figure";
import { createApolloServer, createHttpHandler } from "@poet/core/graphql";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { createSetUpDatabase, type TestDatabase, testCredential, testDriver } from "@poet/core/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "./http.ts";

// Twenty councils' systems sending at once over HTTP, each request a transaction: every tenth
// request is sent twice at the same moment, as a client retrying a timed-out call would.
const CLIENTS = 20;
const PER_CLIENT = 100;
const BATCH = 10;
let database: TestDatabase;
let server: Awaited<ReturnType<typeof listen>>;
const clients: { area: string; header: string }[] = [];

beforeAll(async () => {
  if (testDriver() !== "postgres") return;
  database = await createSetUpDatabase();
  const areas = await queryRows<{ code: string }>(database.db, sql`select code from areas where type = 'LOCAL_AUTHORITY' order by code limit ${CLIENTS}`);
  for (const [i, { code }] of areas.entries()) {
    const key = await testCredential(database.db, { type: "COUNCIL", slug: `concurrent-${i}`, areas: [code] });
    clients.push({ area: code, header: key.header });
  }
  server = await listen([{ prefix: "/graphql", handle: createHttpHandler({ server: createApolloServer(), database, settings: DEFAULT_SETTINGS }) }], 0);
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const SUBMIT = `mutation($responses: [ResponseInput!]!) { submitResponses(input: { responses: $responses }) { created unchanged rejected } }`;
const OUTCOMES = ["a_lot_worse", "worse", "no_change", "better", "a_lot_better"];

function response(client: number, n: number, area: string) {
  return {
    externalRef: `C${client}-${n}`,
    questionSet: "ADULT_PB",
    area,
    collectedOn: "2025-06-01",
    collectionMode: "ONLINE",
    completedBy: "SELF",
    answers: [
      { question: "help_to_plan", option: n % 3 ? "yes" : "no" },
      { question: "quality_of_life", option: OUTCOMES[(client + n) % OUTCOMES.length] },
      { question: "gender", option: n % 2 ? "female" : "male" },
      { question: "budget_uses", options: n % 4 ? ["home_care"] : ["home_care", "equipment"] },
    ],
  };
}

async function send(client: { header: string }, responses: unknown[]) {
  const reply = await fetch(`${server.origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: client.header },
    body: JSON.stringify({ query: SUBMIT, variables: { responses } }),
  });
  const body = (await reply.json()) as { data?: { submitResponses: { created: number; unchanged: number; rejected: number } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!.submitResponses;
}

// PostgreSQL only: PGlite is one connection, so its transactions never run side by side.
describe.runIf(testDriver() === "postgres")("concurrent submissions over HTTP", () => {
  it("store every response exactly once, duplicates and retries included, with the cubes right", async () => {
    let request = 0;
    const totals = await Promise.all(
      clients.map(async (client, c) => {
        let created = 0;
        let unchanged = 0;
        for (let start = 0; start < PER_CLIENT; start += BATCH) {
          const batch = Array.from({ length: BATCH }, (_, i) => response(c, start + i, client.area));
          const twice = ++request % 10 === 0;
          const answers = await Promise.all(twice ? [send(client, batch), send(client, batch)] : [send(client, batch)]);
          for (const a of answers) {
            expect(a.rejected).toBe(0);
            created += a.created;
            unchanged += a.unchanged;
          }
        }
        return { created, unchanged };
      }),
    );
    expect(totals.reduce((s, t) => s + t.created, 0)).toBe(CLIENTS * PER_CLIENT);
    expect(totals.reduce((s, t) => s + t.unchanged, 0)).toBe(((CLIENTS * PER_CLIENT) / BATCH / 10) * BATCH);
    const [stored] = await queryRows<{ n: number; refs: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct (organisation_id, external_ref))::int as refs from responses`,
    );
    expect(stored).toEqual({ n: CLIENTS * PER_CLIENT, refs: CLIENTS * PER_CLIENT });
    expect(await verifyFigureCubes(database.db)).toEqual([]);

    // No release is cut: nothing is published; each council reads its own responses live, each once.
    const LIVE = `query($area: String!, $release: String) {
      benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: $area, release: $release) { release value { denominator disclosure } } }`;
    const read = async (client: { area: string; header?: string }, release?: string) => {
      const reply = await fetch(`${server.origin}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(client.header ? { authorization: client.header } : {}) },
        body: JSON.stringify({ query: LIVE, variables: { area: client.area, release } }),
      });
      return (await reply.json()) as { data?: { benchmark: unknown } | null; errors?: { extensions: { code: string } }[] };
    };
    for (const client of clients.slice(0, 3))
      expect((await read(client, "LIVE")).data?.benchmark).toEqual({ release: "LIVE", value: { denominator: PER_CLIENT, disclosure: "EXACT" } });
    expect((await read({ area: clients[0]!.area })).errors?.map((e) => e.extensions.code)).toEqual(["NOT_FOUND"]);
    expect((await read({ area: clients[0]!.area }, "LIVE")).errors?.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
  }, 300_000);
});
