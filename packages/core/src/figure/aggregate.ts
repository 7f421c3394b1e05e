import { sql } from "drizzle-orm";
import type { Db } from "../db/types.ts";

/**
 * Rebuilds the answer-count cube from the stored answers of live responses. Bulk loads call it
 * once at the end; single writes will keep the cube with deltas in the same transaction.
 */
export async function rebuildAnswerCounts(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from answer_counts`);
    await tx.execute(sql`
      insert into answer_counts (question_id, area_code, financial_year, option_id, count, key_sum)
      select a.question_id, r.area_code, r.financial_year, a.option_id, count(*)::int, sum(r.record_key)::int
      from answers a join responses r on r.id = a.response_id
      where r.withdrawn_at is null
      group by a.question_id, r.area_code, r.financial_year, a.option_id`);
  });
}
