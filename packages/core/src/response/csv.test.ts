import { describe, expect, it } from "vitest";
import type { PoetError } from "../errors.ts";
import { readCsv } from "./csv.ts";

const rowsOf = async (text: string) => {
  const rows: { row: number; cells: string[] }[] = [];
  for await (const { row, cells } of readCsv(text)) rows.push({ row, cells });
  return rows;
};
const refusal = (text: string) =>
  rowsOf(text).then(
    () => null,
    (e: PoetError) => [e.details.reason, e.message],
  );

describe("readCsv", () => {
  it("numbers rows by record, as a spreadsheet does, across the parser's chunks and line endings", async () => {
    // Two megabytes: rows with a quoted line break straddle the 1 MB chunks the parser reads.
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
    ["a row over 1 MB", `a,b\nx,"${"y".repeat(1_100_000)}"\n`, "a row is larger than 1 MB (row 2)"],
  ])("refuses %s, saying where", async (_, text, message) => {
    expect(await refusal(text)).toEqual(["MALFORMED_CSV", `The file cannot be read as CSV: ${message}`]);
  });
});
