ALTER TABLE "answers" DROP CONSTRAINT "answers_response_id_responses_id_fk";
--> statement-breakpoint
ALTER TABLE "answers" DROP CONSTRAINT "answers_question_id_questions_id_fk";
--> statement-breakpoint
ALTER TABLE "answers" DROP CONSTRAINT "answers_option_id_scale_options_id_fk";
--> statement-breakpoint
-- Answers' references, checked once per statement over the rows it wrote (transition tables),
-- not per row: every answer's response exists, and its option is on its question's scale.
CREATE FUNCTION "answers_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM written w
    LEFT JOIN "responses" r ON r.id = w.response_id
    LEFT JOIN "questions" q ON q.id = w.question_id
    LEFT JOIN "scale_options" o ON o.id = w.option_id AND o.scale_id = q.scale_id
    WHERE r.id IS NULL OR o.id IS NULL
  ) THEN
    RAISE EXCEPTION 'an answer names a response that does not exist or an option not on its question''s scale'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "answers_insert_references" AFTER INSERT ON "answers" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "answers_check_references"();
--> statement-breakpoint
CREATE TRIGGER "answers_update_references" AFTER UPDATE ON "answers" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "answers_check_references"();
--> statement-breakpoint
-- What answers point at cannot be deleted from under them (answers are deleted first).
CREATE FUNCTION "answers_check_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referred boolean;
BEGIN
  -- One branch per table: PL/pgSQL plans each query when it first runs, over that table's rows.
  IF TG_TABLE_NAME = 'responses' THEN
    referred := EXISTS (SELECT 1 FROM gone g JOIN "answers" a ON a.response_id = g.id);
  ELSIF TG_TABLE_NAME = 'questions' THEN
    referred := EXISTS (SELECT 1 FROM gone g JOIN "answers" a ON a.question_id = g.id);
  ELSE
    referred := EXISTS (
      SELECT 1 FROM gone g JOIN "questions" q ON q.scale_id = g.scale_id JOIN "answers" a ON a.question_id = q.id AND a.option_id = g.id);
  END IF;
  IF referred THEN
    RAISE EXCEPTION 'answers still refer to a deleted row of %', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "responses_delete_answered" AFTER DELETE ON "responses" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "answers_check_referenced"();
--> statement-breakpoint
CREATE TRIGGER "questions_delete_answered" AFTER DELETE ON "questions" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "answers_check_referenced"();
--> statement-breakpoint
CREATE TRIGGER "scale_options_delete_answered" AFTER DELETE ON "scale_options" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "answers_check_referenced"();
