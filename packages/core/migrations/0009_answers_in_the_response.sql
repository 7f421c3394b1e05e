-- A response's answers move into the response: one integer per question of its version, in form
-- order, whose bits are the options chosen (`scale_options.bit`), instead of one indexed row per
-- answer. An import wrote ~36 answer rows into two B-trees for each response: nine tenths of its
-- time. The joint counts now read two or three elements of each response they select.
ALTER TABLE "scale_options" ADD CONSTRAINT "scale_options_position_bit" CHECK ("scale_options"."position" between 0 and 30);--> statement-breakpoint
ALTER TABLE "scale_options" ADD COLUMN "bit" integer GENERATED ALWAYS AS (1 << "position") STORED;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "choices" integer[];--> statement-breakpoint
CREATE TEMPORARY TABLE "choices_of" ON COMMIT DROP AS
  WITH "chosen" AS (
    SELECT a.response_id, a.question_id, bit_or(o.bit) AS mask
    FROM "answers" a JOIN "scale_options" o ON o.id = a.option_id
    GROUP BY 1, 2)
  SELECT r.id, array_agg(coalesce(c.mask, 0) ORDER BY q.position) AS choices
  FROM "responses" r
  JOIN "questions" q ON q.question_set_id = r.question_set_id
  LEFT JOIN "chosen" c ON c.response_id = r.id AND c.question_id = q.id
  WHERE r.withdrawn_at IS NULL
  GROUP BY r.id;--> statement-breakpoint
UPDATE "responses" r SET "choices" = c.choices FROM "choices_of" c WHERE c.id = r.id;--> statement-breakpoint
DROP TABLE "answers" CASCADE;--> statement-breakpoint
DROP FUNCTION "answers_check_references"();--> statement-breakpoint
DROP TRIGGER "responses_delete_answered" ON "responses";--> statement-breakpoint
DROP TRIGGER "questions_delete_answered" ON "questions";--> statement-breakpoint
DROP TRIGGER "scale_options_delete_answered" ON "scale_options";--> statement-breakpoint
DROP FUNCTION "answers_check_referenced"();--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_live_complete";--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_live_complete" CHECK ("responses"."withdrawn_at" is not null or ("responses"."collected_on" is not null and "responses"."financial_year" is not null and "responses"."collection_mode" is not null and "responses"."completed_by" is not null and "responses"."choices" is not null));--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_choices_shape" CHECK ("responses"."choices" is null or (array_ndims("responses"."choices") = 1 and array_lower("responses"."choices", 1) = 1));--> statement-breakpoint
-- The rows the table held, for reading a few responses back and for tests' own counts.
CREATE VIEW "answers" AS
  SELECT r.id AS response_id, q.id AS question_id, o.id AS option_id
  FROM "responses" r
  JOIN "questions" q ON q.question_set_id = r.question_set_id
  JOIN "scale_options" o ON o.scale_id = q.scale_id AND r.choices[q.position + 1] & o.bit <> 0;--> statement-breakpoint
-- A response's choices, checked once per statement (beside 0008's check of its references, over
-- the same transition table): one element per question of its version; in each, only bits of
-- that question's scale, and at most one on a single-choice scale. Each distinct (version,
-- length) and (version, question, value) is looked up once.
CREATE FUNCTION "responses_check_choices"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT question_set_id, cardinality(choices) AS n FROM written WHERE choices IS NOT NULL) w
    WHERE w.n <> (SELECT coalesce(max(q.position) + 1, 0) FROM "questions" q WHERE q.question_set_id = w.question_set_id)
  ) OR EXISTS (
    SELECT 1 FROM (SELECT DISTINCT w.question_set_id, c.slot, c.mask FROM written w, unnest(w.choices) WITH ORDINALITY c(mask, slot)) d
    LEFT JOIN "questions" q ON q.question_set_id = d.question_set_id AND q.position = d.slot - 1
    LEFT JOIN "scales" s ON s.id = q.scale_id
    WHERE q.id IS NULL OR d.mask IS NULL OR d.mask < 0
      OR d.mask & ~(SELECT coalesce(sum(o.bit), 0)::integer FROM "scale_options" o WHERE o.scale_id = s.id) <> 0
      OR (NOT s.multiple AND d.mask & (d.mask - 1) <> 0)
  ) THEN
    RAISE EXCEPTION 'a response''s choices do not fit its question set: one value per question, options on its scale, one for a single-choice question'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "responses_insert_choices" AFTER INSERT ON "responses" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_choices"();--> statement-breakpoint
CREATE TRIGGER "responses_update_choices" AFTER UPDATE ON "responses" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_choices"();--> statement-breakpoint
-- The questions and options that responses' choices refer to cannot be deleted from under them.
CREATE FUNCTION "choices_check_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referred boolean;
BEGIN
  IF TG_TABLE_NAME = 'questions' THEN
    referred := EXISTS (SELECT 1 FROM (SELECT DISTINCT question_set_id FROM gone) g JOIN "responses" r ON r.question_set_id = g.question_set_id AND r.choices IS NOT NULL);
  ELSE
    referred := EXISTS (
      SELECT 1 FROM gone g JOIN "questions" q ON q.scale_id = g.scale_id
      JOIN "responses" r ON r.question_set_id = q.question_set_id AND r.choices[q.position + 1] & g.bit <> 0);
  END IF;
  IF referred THEN
    RAISE EXCEPTION 'responses'' choices still refer to a deleted row of %', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "questions_delete_chosen" AFTER DELETE ON "questions" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "choices_check_referenced"();--> statement-breakpoint
CREATE TRIGGER "scale_options_delete_chosen" AFTER DELETE ON "scale_options" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "choices_check_referenced"();
