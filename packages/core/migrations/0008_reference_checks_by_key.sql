ALTER TABLE "responses" DROP CONSTRAINT "responses_question_set_id_question_sets_id_fk";
--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_area_code_areas_code_fk";
--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_organisation_id_organisations_id_fk";

--> statement-breakpoint
-- A response's question set, area and organisation, checked once per statement over the rows it
-- wrote (each distinct combination looked up once), as the answers' references are (0006).
CREATE FUNCTION "responses_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT question_set_id, area_code, organisation_id FROM written) w
    LEFT JOIN "question_sets" s ON s.id = w.question_set_id
    LEFT JOIN "areas" a ON a.code = w.area_code
    LEFT JOIN "organisations" o ON o.id = w.organisation_id
    WHERE s.id IS NULL OR a.code IS NULL OR o.id IS NULL
  ) THEN
    RAISE EXCEPTION 'a response names a question set, area or organisation that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "responses_insert_references" AFTER INSERT ON "responses" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_references"();
--> statement-breakpoint
CREATE TRIGGER "responses_update_references" AFTER UPDATE ON "responses" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_references"();
--> statement-breakpoint
-- What responses point at cannot be deleted from under them.
CREATE FUNCTION "responses_check_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referred boolean;
BEGIN
  IF TG_TABLE_NAME = 'question_sets' THEN
    referred := EXISTS (SELECT 1 FROM gone g JOIN "responses" r ON r.question_set_id = g.id);
  ELSIF TG_TABLE_NAME = 'areas' THEN
    referred := EXISTS (SELECT 1 FROM gone g JOIN "responses" r ON r.area_code = g.code);
  ELSE
    referred := EXISTS (SELECT 1 FROM gone g JOIN "responses" r ON r.organisation_id = g.id);
  END IF;
  IF referred THEN
    RAISE EXCEPTION 'responses still refer to a deleted row of %', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "question_sets_delete_responded" AFTER DELETE ON "question_sets" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_referenced"();
--> statement-breakpoint
CREATE TRIGGER "areas_delete_responded" AFTER DELETE ON "areas" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_referenced"();
--> statement-breakpoint
CREATE TRIGGER "organisations_delete_responded" AFTER DELETE ON "organisations" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "responses_check_referenced"();
--> statement-breakpoint
-- The answers' reference check ran as one join of the statement's answers to the responses, and
-- the planner, knowing nothing of a transition table's size, hashed the whole responses table
-- for it: at a million responses that was ten times the cost of the insert itself. The
-- responses are now looked up by their primary key, once per distinct response, and options
-- once per distinct (question, option).
CREATE OR REPLACE FUNCTION "answers_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
BEGIN
  SELECT array_agg(response_id) INTO ids FROM (SELECT DISTINCT response_id FROM written) d;
  IF (SELECT count(*) FROM "responses" WHERE id = ANY(ids)) <> coalesce(cardinality(ids), 0) OR EXISTS (
    SELECT 1 FROM (SELECT DISTINCT question_id, option_id FROM written) w
    LEFT JOIN "questions" q ON q.id = w.question_id
    LEFT JOIN "scale_options" o ON o.id = w.option_id AND o.scale_id = q.scale_id
    WHERE o.id IS NULL
  ) THEN
    RAISE EXCEPTION 'an answer names a response that does not exist or an option not on its question''s scale'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
