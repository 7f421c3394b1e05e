import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, type SQL } from "drizzle-orm";
import * as z from "zod/mini";
import type { Db } from "../db/index.ts";
import { recordAudit } from "../organisation/index.ts";
import { questionSets, questions, scaleOptions, scales } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { groupBy, Loader } from "../util/loader.ts";
import { cursors, page } from "../util/page.ts";
import { validated } from "../util/validate.ts";
import { answers, type ResponseRow, responses } from "./response.sql.ts";
import { externalRef, responsePageArgs } from "./validation.ts";
import { type Writer, writerOf } from "./writer.ts";

function responseCursors() {
  return cursors("response", z.coerce.number().check(z.int(), z.minimum(1), z.maximum(2_147_483_647)));
}

/** The caller's own rows, in the areas it covers: the condition every row-level read starts from. */
const own = (writer: Writer) => and(eq(responses.organisationId, writer.organisationId), inArray(responses.areaCode, [...writer.areas, ""]));

/**
 * The caller's organisation's responses, newest first, a page at a time: live ones, or only the
 * withdrawn with `withdrawn: true`. Every read is recorded in the audit trail.
 */
export const listResponses = validated(responsePageArgs, async (scope: Scope, args) => {
  const filter = args.filter ?? {};
  const after = args.after ? responseCursors().decode(args.after) : null;
  const writer = await writerOf(scope);
  const conditions: (SQL | undefined)[] = [
    own(writer),
    filter.withdrawn ? isNotNull(responses.withdrawnAt) : isNull(responses.withdrawnAt),
    filter.area ? eq(responses.areaCode, filter.area) : undefined,
    filter.from ? gte(responses.collectedOn, filter.from) : undefined,
    filter.to ? lte(responses.collectedOn, filter.to) : undefined,
    after ? lt(responses.id, after) : undefined,
  ];
  if (filter.questionSet) {
    const ids = (await scope.db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.code, filter.questionSet))).map((s) => s.id);
    conditions.push(inArray(responses.questionSetId, [...ids, -1]));
  }
  const rows = await scope.db
    .select()
    .from(responses)
    .where(and(...conditions))
    .orderBy(desc(responses.id))
    .limit(args.first + 1);
  const shown = rows.slice(0, args.first);
  await recordAudit(scope, { action: "responses.read", subject: writer.slug, rows: shown.length, detail: { filter, after: args.after ?? null } });
  return page(rows, args.first, after !== null, (r) => responseCursors().encode(r.id));
});

/** One of the caller's organisation's responses by its reference, or null; the read is audited. */
export const findResponse = validated(
  externalRef,
  async (scope: Scope, wanted): Promise<ResponseRow | null> => {
    const writer = await writerOf(scope);
    const [row] = await scope.db
      .select()
      .from(responses)
      .where(and(own(writer), eq(responses.externalRef, wanted)));
    await recordAudit(scope, { action: "response.read", subject: writer.slug, rows: row ? 1 : 0, detail: { externalRef: wanted } });
    return row ?? null;
  },
  "externalRef",
);

/** A stored answer: the question and the options chosen, by code. */
export interface StoredAnswer {
  question: string;
  /** Multi-tick: `options` are ticks, and there is no single `option`. */
  multiple: boolean;
  options: string[];
}

/** Each response's answers in form order, batched per request. */
export function createResponseLoaders(getDb: () => Promise<Db>) {
  return {
    answersOf: new Loader<number, StoredAnswer[]>(
      async (ids) => {
        const rows = await (await getDb())
          .select({ response: answers.responseId, question: questions.code, multiple: scales.multiple, option: scaleOptions.code })
          .from(answers)
          .innerJoin(questions, eq(questions.id, answers.questionId))
          .innerJoin(scales, eq(scales.id, questions.scaleId))
          .innerJoin(scaleOptions, eq(scaleOptions.id, answers.optionId))
          .where(inArray(answers.responseId, ids))
          .orderBy(answers.responseId, questions.position, scaleOptions.position);
        return new Map(
          [...groupBy(rows, (r) => r.response)].map(([id, list]) => [
            id,
            [...groupBy(list, (r) => r.question)].map(([question, chosen]) => ({
              question,
              multiple: chosen[0]!.multiple,
              options: chosen.map((c) => c.option),
            })),
          ]),
        );
      },
      () => [],
    ),
  };
}
