import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { QuestionRow } from "../questionset/questionset.sql.ts";
import { chose } from "./joint.ts";

const question = (questionSetId: number, position: number, scaleId: number) => ({ questionSetId, position, scaleId }) as QuestionRow;
const text = (query: ReturnType<typeof chose>) => new PgDialect().sqlToQuery(query).sql.replace(/\s+/g, " ");

describe("chose", () => {
  it("reads each version's element of choices: one (version, element from 1, scale) row per pooled question", () => {
    expect(text(chose("bo", [question(1, 31, 9), question(7, 33, 79)], sql`bo.band is null`))).toBe(
      "join (values (1, 32, 9), (7, 34, 79)) as boq (set_id, slot, scale_id) on boq.set_id = r.question_set_id " +
        "join scale_options bo on bo.scale_id = boq.scale_id and bo.bit & r.choices[boq.slot] <> 0 and bo.band is null",
    );
  });

  it("refuses anything but whole numbers, which it writes into the query", () => {
    expect(() => chose("o", [question(1, 0.5, 9)], sql`true`)).toThrow("not an id: 1.5");
    expect(() => chose("o", [question(Number.NaN, 0, 9)], sql`true`)).toThrow("not an id: NaN");
  });
});
