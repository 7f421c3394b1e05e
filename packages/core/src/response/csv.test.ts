import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PoetError } from "../errors/index.ts";
import { QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import { OPTIONAL_COLUMNS, planColumns, RESPONSE_COLUMNS } from "./csv.ts";
import { decodeCsv, detectDelimiter, guessNewline, MAX_COLUMNS, MAX_FIELD, readCsv, surveyCsv } from "./csv-read.ts";
import { instrumentFromDefinition } from "./instrument.ts";

const rowsOf = async (text: string, options: { maxRows?: number } = {}) => {
  const rows: { row: number; cells: string[] }[] = [];
  for await (const { row, cells } of readCsv(text, options)) rows.push({ row, cells });
  return rows;
};
const refusal = (text: string, options: { maxRows?: number } = {}) =>
  rowsOf(text, options).then(
    () => null,
    (e: PoetError) => [e.details.reason, e.message],
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe("readCsv", () => {
  it("numbers rows by record, as a spreadsheet does, across the parser's chunks and line endings", async () => {
    // Two megabytes: rows with a quoted line break straddle the chunks the parser reads.
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},"two\nlines ${"x".repeat(40)}"`);
    const read = await rowsOf(`ref,note\r\n${rows.join("\r\n")}\r\n\r\n`);
    expect(read).toHaveLength(30_001);
    expect(read[0]).toEqual({ row: 1, cells: ["ref", "note"] });
    expect(read.every((r, i) => r.row === i + 1)).toBe(true);
    expect(read.slice(1).every((r, i) => r.cells[0] === String(i) && r.cells[1] === `two\nlines ${"x".repeat(40)}`)).toBe(true);
  });

  it("reads semicolon-separated files, as spreadsheets in much of Europe export them", async () => {
    expect(await rowsOf("a;b\n1;2,5\n")).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["1", "2,5"] },
    ]);
  });

  it.each([
    ["a quoted field that never ends", 'a,b\nx,y\nx,"open\n', "a quoted field never ends (row 3)"],
    ["text after a closing quote", 'a,b\nx,"y"z\n', "text follows a closing quote (row 2)"],
    ["a row over 64 KB", `a,b\nx,y\n${"abcdefg,".repeat(9000)}\n`, "a row is larger than 64 KB (row 3)"],
  ])("refuses %s, saying where", async (_, text, message) => {
    expect(await refusal(text)).toEqual(["MALFORMED_CSV", `The file cannot be read as CSV: ${message}`]);
  });

  it("lets other callers' work run between the chunks it parses", async () => {
    // Four megabytes of short rows: one long synchronous parse would hold every other request.
    const text = `ref,note\n${"r,note\n".repeat(600_000)}`;
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns++;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    let rows = 0;
    for await (const _ of readCsv(text)) rows++;
    reading = false;
    expect(rows).toBe(600_001);
    // Many turns of the event loop, not one at the end: at least five a megabyte.
    expect(turns).toBeGreaterThan(20);
  });
});

describe("what a file may hold, checked before a row is parsed", () => {
  it("refuses a header wider than any import file, naming the limit, without parsing the rows", async () => {
    const parse = vi.spyOn(Papa, "parse");
    const header = ["external_ref", ...Array.from({ length: 100_000 }, (_, i) => `col_${i}`)].join(",");
    const [reason, message] = (await refusal(`${header}\n${"x,".repeat(50_000)}\n`))!;
    expect(reason).toBe("TOO_MANY_COLUMNS");
    expect(message).toBe(
      `The header has more than ${MAX_COLUMNS} columns: an import file has at most ${MAX_COLUMNS} (the identifying columns and one per question; see the import template)`,
    );
    expect(parse).not.toHaveBeenCalled();
  });

  it("counts a quoted header's columns as the parser does", async () => {
    const header = Array.from({ length: MAX_COLUMNS }, (_, i) => `"col ${i}, quoted"`).join(",");
    expect((await rowsOf(`${header}\nx\n`))[0]!.cells).toHaveLength(MAX_COLUMNS);
    expect((await refusal(`${header},one_more\nx\n`))?.[0]).toBe("TOO_MANY_COLUMNS");
  });

  it("refuses more rows than asked for before parsing any, and counts them as the parser does", async () => {
    // Quoted line breaks, blank lines and CRLF endings are not rows.
    const text = `ref,note\r\n${Array.from({ length: 1000 }, (_, i) => `${i},"a\r\nb"`).join("\r\n")}\r\n\r\n\r\n`;
    expect(await rowsOf(text, { maxRows: 1000 })).toHaveLength(1001);
    const parse = vi.spyOn(Papa, "parse");
    expect(await refusal(text, { maxRows: 999 })).toEqual([
      "TOO_MANY_ROWS",
      "The file has more than 999 rows: import it with `poet import`, or through an upload (`createImport`)",
    ]);
    expect(parse).not.toHaveBeenCalled();
  });

  it("refuses a field longer than any a response holds, saying where", async () => {
    const parse = vi.spyOn(Papa, "parse");
    const long = "y".repeat(MAX_FIELD + 1);
    expect(await refusal(`a,b\nx,y\nx,"${long}"\n`)).toEqual([
      "FIELD_TOO_LONG",
      `The file cannot be read as CSV: a field is longer than ${MAX_FIELD.toLocaleString("en-GB")} characters (row 3): is a quote left open?`,
    ]);
    expect(await refusal(`a,b\nx,${long}\n`)).toEqual([
      "FIELD_TOO_LONG",
      `The file cannot be read as CSV: a field is longer than ${MAX_FIELD.toLocaleString("en-GB")} characters (row 2): is a quote left open?`,
    ]);
    expect(parse).not.toHaveBeenCalled();
    // A quoted field of the longest length, with delimiters, quotes and line breaks in it, is read.
    const full = `${'a,"b"\n'.repeat(MAX_FIELD / 6 - 1)}abcd`;
    const quoted = `"${full.replaceAll('"', '""')}"`;
    expect(full.length).toBeLessThanOrEqual(MAX_FIELD);
    expect((await rowsOf(`a,b\nx,${quoted}\n`))[1]!.cells).toEqual(["x", full]);
  });

  it("refuses a quote left open over the rest of a large file, before parsing it", async () => {
    const parse = vi.spyOn(Papa, "parse");
    const text = `a,b\nx,"open\n${"1,2\n".repeat(500_000)}`;
    expect((await refusal(text))?.[0]).toBe("FIELD_TOO_LONG");
    expect(parse).not.toHaveBeenCalled();
  });
});

describe("the survey and the parser", () => {
  // A small seeded generator: the same random files every run.
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };

  it("count the same rows, whatever the quotes, delimiters and line breaks", async () => {
    const next = random(1);
    const alphabet = ["a", "b", ",", ";", '"', '"', "\n", "\r", "\r\n", " ", "\t"];
    let compared = 0;
    for (let t = 0; t < 5000; t++) {
      let text = "";
      for (let k = Math.floor(next() * 40) + 1; k > 0; k--) text += alphabet[Math.floor(next() * alphabet.length)];
      const [delimiter, newline] = [detectDelimiter(text), guessNewline(text)];
      const parsed = Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: true });
      // A malformed file is refused by the parser, whatever the survey counted.
      if (parsed.errors.length) continue;
      compared++;
      const rows = parsed.data.length - 1;
      await expect(surveyCsv(text, delimiter, newline, { maxRows: Math.max(rows, 0) }), JSON.stringify(text)).resolves.toBeDefined();
      if (rows > 0) await expect(surveyCsv(text, delimiter, newline, { maxRows: rows - 1 }), JSON.stringify(text)).rejects.toThrow(/more than/);
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("read large files in pieces as the parser reads them whole", async () => {
    const next = random(7);
    const alphabet = ["a", "b", "c", ",", ",", '"', "\n", "\r\n", " "];
    for (const newline of ["\n", "\r\n", "\r"] as const) {
      const records: string[] = ["h1,h2"];
      for (let size = 0; size < 300_000; ) {
        const fields: string[] = [];
        for (let f = Math.floor(next() * 8) + 1; f > 0; f--) {
          let value = "";
          for (let c = Math.floor(next() * 20); c > 0; c--) value += alphabet[Math.floor(next() * alphabet.length)];
          fields.push(next() < 0.3 || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
        }
        records.push(fields.join(","), ...(next() < 0.02 ? [""] : []));
        size += records.at(-1)!.length + 1;
      }
      const text = records.join(newline);
      expect(guessNewline(text)).toBe(newline);
      const whole = Papa.parse<string[]>(text, { delimiter: ",", newline, skipEmptyLines: true });
      expect(whole.errors).toEqual([]);
      expect((await rowsOf(text)).map((r) => r.cells)).toEqual(whole.data);
    }
  });
});

describe("a file's header", () => {
  const instruments = QUESTION_SET_DEFINITIONS.map(instrumentFromDefinition);
  const identifying = RESPONSE_COLUMNS.join(",");
  const planned = (header: string) => {
    try {
      return planColumns(header.split(","), instruments, "ADULT_PB");
    } catch (error) {
      return error as PoetError;
    }
  };

  it("has room for the widest a file can rightly be: every instrument's questions, and the optional columns", () => {
    const questions = new Set(QUESTION_SET_DEFINITIONS.flatMap((d) => d.questions.map((q) => q.code)));
    const widest = new Set([...RESPONSE_COLUMNS, ...OPTIONAL_COLUMNS, ...questions]).size;
    expect(widest).toBeLessThan(MAX_COLUMNS);
    // Room to spare for new versions' questions, yet each row's work stays small.
    expect(MAX_COLUMNS).toBeLessThanOrEqual(2 * widest);
  });

  it("lists at most 20 unknown columns, each shortened, and counts the rest", () => {
    const unknown = Array.from({ length: 150 }, (_, i) => `unknown_${i}_${"z".repeat(100)}`);
    const error = planned(`${identifying},quality_of_life,${unknown.join(",")}`) as PoetError;
    expect(error.details.reason).toBe("UNKNOWN_COLUMN");
    const shown = unknown.slice(0, 20).map((c) => `${c.slice(0, 40)}…`);
    expect(error.message).toBe(`Unknown column(s) of ADULT_PB: ${shown.join(", ")} and 130 more`);
    expect(error.details.columns).toEqual(shown);
    expect(error.details.unknownColumns).toBe(150);
  });

  it("names each column given twice once, at most 20 of them", () => {
    const twice = Array.from({ length: 60 }, (_, i) => `col_${i}`);
    const error = planned(`${identifying},${twice.join(",")},${twice.join(",")},${twice.join(",")}`) as PoetError;
    expect(error.details.reason).toBe("DUPLICATE_COLUMN");
    expect(error.message).toBe(`The header names a column twice: ${twice.slice(0, 20).join(", ")} and 40 more`);
  });

  it("refuses more columns than a file may have", () => {
    const error = planned(`${identifying},${Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`).join(",")}`) as PoetError;
    expect(error.details.reason).toBe("TOO_MANY_COLUMNS");
  });
});

describe("decoding a file", () => {
  it("takes text as it is, and refuses binary junk by its control characters", () => {
    expect(decodeCsv("\uFEFFa,b\n1,2\n")).toBe("a,b\n1,2\n");
    expect(() => decodeCsv("\u0001\u0002".repeat(1000))).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: "NOT_TEXT" }) }));
    expect(() => decodeCsv(new Uint8Array(5_000_000).fill(1))).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: "NOT_TEXT" }) }));
    expect(() => decodeCsv("a,b\n\u0000")).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: "NOT_TEXT" }) }));
    expect(() => decodeCsv(" \r\n ")).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: "EMPTY_FILE" }) }));
  });
});
