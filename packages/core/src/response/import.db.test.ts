import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/types.ts";
import { queryRows } from "../db/types.ts";
import { verifyFigureCubes } from "../figure/aggregate.ts";
import { MAX_IMPORT_ROWS } from "../graphql/resolvers/response.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { MAX_COLUMNS, MAX_FIELD } from "./csv-read.ts";
import { errorsCsv, type ImportOptions, importResponses, importTemplate, submitResponses } from "./index.ts";
import { answers, responses } from "./response.sql.ts";

let database: TestDatabase;
let member: Record<string, string>;

beforeAll(async () => {
  database = await createSetUpDatabase();
  member = { authorization: (await testCredential(database.db, { type: "COUNCIL", slug: "importer", areas: ["E06000001", "E06000002"] })).header };
});
afterAll(() => database?.close());

const HEADER = "external_ref,area,collected_on,collection_mode,completed_by,comment,help_to_plan,quality_of_life,budget_uses,gender";
const file = (...rows: string[]) => Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8");
const run = (bytes: Uint8Array, options: ImportOptions = {}) =>
  importResponses(systemScope(database.db), bytes, { organisation: "importer", questionSet: "ADULT_PB", ...options });
const refs = async (prefix: string) =>
  (await queryRows<{ ref: string }>(database.db, sql`select external_ref as ref from responses where external_ref like ${`${prefix}%`} order by 1`)).map(
    (r) => r.ref,
  );

/** The file's reason for refusing a whole file, or null when it was read. */
async function refusal(bytes: Uint8Array, options: ImportOptions = {}) {
  try {
    await run(bytes, options);
    return null;
  } catch (error) {
    const e = error as { code: string; details: { reason: string }; message: string };
    return { code: e.code, reason: e.details.reason, message: e.message };
  }
}

describe("importing a file", () => {
  it("stores every row, through the same checks and cubes as submitResponses, and the same file again changes nothing", async () => {
    const csv = file(
      "imp-1,E06000001,2025-06-01,ONLINE,SELF,,yes,better,home_care|equipment,female",
      'imp-2,E06000002,2025-06-02,paper,with help,"Said ""thanks"", twice",no,worse,,male',
    );
    expect(await run(csv)).toEqual({ rows: 2, created: 2, unchanged: 0, replaced: 0, rejected: 0, written: true, errors: [] });
    const [second] = await database.db.select().from(responses).where(eq(responses.externalRef, "imp-2"));
    expect(second).toMatchObject({ collectionMode: "PAPER", completedBy: "WITH_HELP", comment: 'Said "thanks", twice' });
    // help_to_plan, quality_of_life, gender, and ADULT_PB's own completed_by question, which the completed_by column answers.
    const stored = await database.db.select().from(answers).where(eq(answers.responseId, second!.id));
    expect(stored).toHaveLength(4);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
    expect(await run(csv)).toMatchObject({ created: 0, unchanged: 2, written: true });
  });

  it("accepts option labels in any case, UK dates, semicolons, a byte-order mark and Windows-1252", async () => {
    const text = `\uFEFF${HEADER.replaceAll(",", ";")}\r\nlab-1;E06000001;01/07/2025;Online;Self;Café;  YES ;A lot better;home care from an AGENCY|Equipment or adaptations;Female\r\n`;
    expect(await run(Buffer.from(text, "utf8"))).toMatchObject({ created: 1, rejected: 0 });
    const latin = Buffer.from(`${HEADER}\r\nlab-2,E06000001,2025-07-02,ONLINE,SELF,Café crème,yes,better,,\r\n`, "latin1");
    expect(await run(latin)).toMatchObject({ created: 1, rejected: 0 });
    const rows = await queryRows<string[]>(
      database.db,
      sql`select array[external_ref, collected_on::text, comment] as r from responses where external_ref like 'lab-%' order by 1`,
    );
    expect(rows.map((r) => (r as unknown as { r: string[] }).r)).toEqual([
      ["lab-1", "2025-07-01", "Café"],
      ["lab-2", "2025-07-02", "Café crème"],
    ]);
  });

  it("writes nothing when a row is rejected, listing every error with its row and column", async () => {
    const csv = file(
      "all-1,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female",
      "all-2,E06000001,2099-06-01,ONLINE,SELF,,yes,superb,,female",
      "all-3,E06000003,2025-06-01,ONLINE,SELF,,yes,better,,female",
    );
    const result = await run(csv);
    expect(result).toEqual({
      rows: 3,
      created: 1,
      unchanged: 0,
      replaced: 0,
      rejected: 2,
      written: false,
      errors: [
        { row: 3, column: "collected_on", code: "FUTURE_DATE", message: "2099-06-01 is in the future" },
        { row: 3, column: "quality_of_life", code: "UNKNOWN_OPTION", message: expect.stringContaining('"superb" is not an option of "quality_of_life"') },
        { row: 4, column: "area", code: "FORBIDDEN", message: "importer does not cover E06000003" },
      ],
    });
    expect(await refs("all-")).toEqual([]);
    expect(errorsCsv(result.errors).split("\r\n")[1]).toBe("3,collected_on,FUTURE_DATE,2099-06-01 is in the future");
    expect(await run(csv, { acceptValid: true })).toMatchObject({ created: 1, rejected: 2, written: true });
    expect(await refs("all-")).toEqual(["all-1"]);
  });

  it("on a dry run reports and writes nothing", async () => {
    const result = await run(file("dry-1,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female"), { dryRun: true });
    expect(result).toMatchObject({ rows: 1, created: 1, written: false });
    expect(await refs("dry-")).toEqual([]);
  });

  it("rejects a row with more fields than the header, and a reference twice in one file", async () => {
    const result = await run(
      file(
        "twice,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female",
        "twice,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female",
        "long,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female,extra",
      ),
    );
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [4, "TOO_MANY_FIELDS"],
      [3, "DUPLICATE_REFERENCE"],
    ]);
  });

  it.each<[string, Buffer, string]>([
    ["an empty file", Buffer.alloc(0), "EMPTY_FILE"],
    ["a file of blank lines", Buffer.from("\r\n\r\n"), "EMPTY_FILE"],
    ["a header and no rows", file(), "NO_ROWS"],
    ["a header without the identifying columns", Buffer.from("external_ref,quality_of_life\nx,better\n"), "MISSING_COLUMN"],
    ["an unknown column", Buffer.from(`${HEADER},happiness\n`), "UNKNOWN_COLUMN"],
    ["a column twice", Buffer.from(`${HEADER},gender\n`), "DUPLICATE_COLUMN"],
    ["a quoted field that never ends", file('q-1,E06000001,2025-06-01,ONLINE,SELF,"never closed,yes,better,,female'), "MALFORMED_CSV"],
    ["binary junk", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]), "NOT_TEXT"],
  ])("refuses %s as a whole, with a reason", async (_, bytes, reason) => {
    expect(await refusal(bytes)).toMatchObject({ code: "BAD_USER_INPUT", reason });
  });

  it("needs the question set named when the columns fit several", async () => {
    const csv = Buffer.from("external_ref,area,collected_on,collection_mode,completed_by,quality_of_life\nx,E06000001,2025-06-01,ONLINE,SELF,better\n");
    expect(await refusal(csv, { questionSet: null })).toMatchObject({ reason: "AMBIGUOUS_QUESTION_SET" });
  });
});

describe('"not applicable" and "don\'t know" in a file', () => {
  const EXCLUSIVE = {
    code: "EXCLUSIVE_OPTION",
    message:
      '"budget_uses" ticks "not_applicable" (Not applicable: I do not have a personal budget) with other options: "not_applicable" is an answer on its own, to tick alone',
  };
  const NO_GRADED = {
    code: "NO_GRADED_ANSWER",
    message:
      'no question of ADULT_PB version 2 that figures are made of is answered with an answer they count ("not applicable" and "don\'t know" count in none)',
  };
  // Row 2 ticks "not applicable" (by code) with another use, row 3 by their labels; row 4 answers
  // its graded question only "not applicable"; row 5 ticks "not applicable" alone beside a
  // graded answer that counts, and is fine.
  const rows = (prefix: string) =>
    file(
      `${prefix}-other,E06000001,2025-06-01,ONLINE,SELF,,yes,better,not_applicable|personal_assistant,female`,
      `${prefix}-label,E06000001,2025-06-01,ONLINE,SELF,,yes,better,Personal assistant|Not applicable: I do not have a personal budget,female`,
      `${prefix}-only,E06000001,2025-06-01,ONLINE,SELF,,,not_applicable,not_applicable,female`,
      `${prefix}-fine,E06000001,2025-06-01,ONLINE,SELF,,no,not_applicable,not_applicable,female`,
    );
  const errors = [
    { row: 2, column: "budget_uses", ...EXCLUSIVE },
    { row: 3, column: "budget_uses", ...EXCLUSIVE },
    { row: 4, column: null, ...NO_GRADED },
  ];

  it.each([true, false])("are refused ticked with another option, or as a response's only graded answers (dry run: %s)", async (dryRun) => {
    const prefix = `nax-${dryRun}`;
    expect(await run(rows(prefix), { dryRun })).toEqual({ rows: 4, created: 1, unchanged: 0, replaced: 0, rejected: 3, written: false, errors });
    expect(await refs(prefix)).toEqual([]);
  });

  it("are refused with the same code and message as submitResponses gives", async () => {
    const response = (externalRef: string, answers: { question: string; option?: string; options?: string[] }[]) => ({
      externalRef,
      questionSet: "ADULT_PB",
      area: "E06000001",
      collectedOn: "2025-06-01",
      collectionMode: "ONLINE",
      completedBy: "SELF",
      answers,
    });
    const submitted = await submitResponses(
      systemScope(database.db),
      {
        responses: [
          response("nas-other", [
            { question: "help_to_plan", option: "yes" },
            { question: "budget_uses", options: ["not_applicable", "personal_assistant"] },
          ]),
          response("nas-only", [
            { question: "quality_of_life", option: "not_applicable" },
            { question: "budget_uses", options: ["not_applicable"] },
          ]),
        ],
        dryRun: true,
      },
      { organisation: "importer" },
    );
    expect(submitted.results.map((r) => r.errors)).toEqual([[{ path: ["answers", "1", "options"], ...EXCLUSIVE }], [{ path: ["answers"], ...NO_GRADED }]]);
  });

  it("are taken alone beside a graded answer that counts, when the other rows are let go", async () => {
    expect(await run(rows("naa"), { acceptValid: true })).toEqual({ rows: 4, created: 1, unchanged: 0, replaced: 0, rejected: 3, written: true, errors });
    expect(await refs("naa")).toEqual(["naa-fine"]);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it("are refused alike through importResponses over HTTP, on a dry run", async () => {
    const api = createTestClient(database);
    const query = `mutation($csv: String!) { importResponses(csv: $csv, questionSet: ADULT_PB, dryRun: true) { rows created rejected written errors { row column code message } } }`;
    expect((await api.data(query, { csv: rows("nah").toString() }, member)).importResponses).toEqual({
      rows: 4,
      created: 1,
      rejected: 3,
      written: false,
      errors,
    });
    expect(await refs("nah")).toEqual([]);
  });
});

describe("import templates", () => {
  it("give a header, an example row that imports cleanly, and a dictionary of every column", async () => {
    const template = await importTemplate(systemScope(database.db), "ADULT_PB");
    expect(template.header.slice(0, 6)).toEqual(["external_ref", "area", "collected_on", "collection_mode", "completed_by", "comment"]);
    expect(template.version).toBe(2);
    expect(template.columns.find((c) => c.name === "budget_uses")).toMatchObject({
      multiple: true,
      allowed: expect.arrayContaining([{ code: "home_care", label: "Home care from an agency" }]),
    });
    expect(template.columns.find((c) => c.name === "gender")!.allowed.map((a) => a.code)).toEqual(["female", "male", "other", "prefer_not_to_say"]);
    const example = template.csv.replace("CASE-0001", "template-1");
    expect(await run(Buffer.from(example))).toMatchObject({ created: 1, rejected: 0, written: true });
  });
});

describe("importResponses over HTTP", () => {
  it("imports a member's file and refuses one over 5 MB", async () => {
    const api = createTestClient(database);
    const query = `mutation($csv: String!) { importResponses(csv: $csv, questionSet: ADULT_PB) { rows created written errors { row column code } errorsCsv } }`;
    const csv = file("http-1,E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female").toString();
    expect((await api.data(query, { csv }, member)).importResponses).toEqual({
      rows: 1,
      created: 1,
      written: true,
      errors: [],
      errorsCsv: "row,column,code,message\r\n",
    });
    const huge = `${HEADER}\n${"x".repeat(5 * 1024 * 1024)}`;
    expect(await api.errorCodes(query, { csv: huge }, member)).toEqual(["BAD_USER_INPUT"]);
    const bad = await api.query(query, { csv: `${HEADER},nope\n` }, member);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNKNOWN_COLUMN" });
  });
});

describe("what a file may hold", () => {
  it("refuses a field longer than any a response holds, and takes a long comment as the row's error", async () => {
    const comment = "c".repeat(4001);
    expect(await run(file(`long-1,E06000001,2025-06-01,ONLINE,SELF,${comment},yes,better,,female`))).toMatchObject({
      rejected: 1,
      errors: [{ row: 2, column: "comment", code: "INVALID_COMMENT", message: "must be at most 4000 characters" }],
    });
    const field = "c".repeat(MAX_FIELD + 1);
    expect(await refusal(file(`long-2,E06000001,2025-06-01,ONLINE,SELF,"${field}",yes,better,,female`))).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "FIELD_TOO_LONG",
    });
  });

  it("is checked without holding a transaction: only writing rows opens one", async () => {
    let opened = 0;
    const db = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key !== "transaction") return Reflect.get(target, key, receiver);
        return (...args: Parameters<Db["transaction"]>) => {
          opened++;
          return target.transaction(...args);
        };
      },
    });
    const counted = (bytes: Uint8Array, options: ImportOptions = {}) =>
      importResponses(systemScope(db), bytes, { organisation: "importer", questionSet: "ADULT_PB", ...options });
    // Every row rejected: nothing will be written, and nothing is held while the rows are checked.
    const bad = file(...Array.from({ length: 1200 }, (_, i) => `tx-bad-${i}`));
    expect(await counted(bad)).toMatchObject({ rows: 1200, rejected: 1200, written: false });
    expect(await counted(bad, { acceptValid: true })).toMatchObject({ rows: 1200, rejected: 1200, written: true });
    const good = file(...Array.from({ length: 1200 }, (_, i) => `tx-good-${i},E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female`));
    expect(await counted(good, { dryRun: true })).toMatchObject({ created: 1200, written: false });
    // The file whose rows were all rejected, with acceptValid, opened one only to record the audit.
    expect(opened).toBe(1);
    expect(await counted(good)).toMatchObject({ created: 1200, written: true });
    expect(opened).toBe(2);
    expect(await refs("tx-")).toHaveLength(1200);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it("rolls back rows written once a later row is rejected, and reports the rest as if nothing had been", async () => {
    const rows = Array.from({ length: 1100 }, (_, i) => `rb-${String(i).padStart(4, "0")},E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female`);
    rows.push("rb-bad,E06000001,2025-06-01,ONLINE,SELF,,yes,superb,,female", rows[0]!.replace("rb-0000", "rb-late"));
    expect(await run(file(...rows))).toMatchObject({ rows: 1102, created: 1101, rejected: 1, written: false });
    expect(await refs("rb-")).toEqual([]);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it("takes a reference composed or decomposed, and padded, as the same", async () => {
    const row = (ref: string) => `${ref},E06000001,2025-06-01,ONLINE,SELF,,yes,better,,female`;
    expect(await run(file(row("caf\u00e9-imp")))).toMatchObject({ created: 1 });
    expect(await run(file(row(" cafe\u0301-imp ")))).toMatchObject({ created: 0, unchanged: 1 });
    expect((await run(file(row("na\u00efve"), row("nai\u0308ve")))).errors).toEqual([
      { row: 3, column: "external_ref", code: "DUPLICATE_REFERENCE", message: '"na\u00efve" is sent more than once in this batch' },
    ]);
    expect(await refs("caf")).toEqual(["caf\u00e9-imp"]);
  });

  it("names the collection mode and who completed it, and the values allowed, when a cell is neither", async () => {
    const result = await run(file("enum-1,E06000001,2025-06-01,Face to face,Neighbour,,yes,better,,female"));
    expect(result.errors).toEqual([
      {
        row: 2,
        column: "collection_mode",
        code: "INVALID_COLLECTION_MODE",
        message: 'collection mode "Face to face" is not one of ONLINE, PAPER, REVIEW, TELEPHONE',
      },
      { row: 2, column: "completed_by", code: "INVALID_COMPLETED_BY", message: 'completed by "Neighbour" is not one of SELF, WITH_HELP, ON_BEHALF, UNKNOWN' },
    ]);
  });
});

describe("importResponses over HTTP, at its limits", () => {
  const query = `mutation($csv: String!) { importResponses(csv: $csv, questionSet: ADULT_PB, dryRun: true) { rows rejected } }`;

  it("refuses a header of 100,000 columns at once, in a short answer that names the limit", async () => {
    const api = createTestClient(database);
    const csv = `${HEADER},${Array.from({ length: 100_000 }, (_, i) => `col_${i}`).join(",")}\nx\n`;
    const response = await api.post(query, { csv }, member);
    expect(response.body.length).toBeLessThan(1000);
    const [error] = JSON.parse(response.body).errors;
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "csv", reason: "TOO_MANY_COLUMNS" });
    expect(error.message).toContain(`at most ${MAX_COLUMNS}`);
  });

  it("refuses more rows than a request may check, before checking any, and takes as many", async () => {
    const api = createTestClient(database);
    const many = `${HEADER}\n${"x\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    const refused = await api.query(query, { csv: many }, member);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "csv", reason: "TOO_MANY_ROWS" });
    expect(refused.errors?.[0]?.message).toBe(
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows: import it with \`poet import\`, or through an upload (\`createImport\`)`,
    );
    const most = `${HEADER}\n${"x\n".repeat(MAX_IMPORT_ROWS)}`;
    expect((await api.data(query, { csv: most }, member)).importResponses).toEqual({ rows: MAX_IMPORT_ROWS, rejected: MAX_IMPORT_ROWS });
  });
});
