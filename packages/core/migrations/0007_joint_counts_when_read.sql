-- Joint counts (breakdowns, two-way breakdowns, associations) are counted from the answers when
-- read (figure/joint.ts): their cubes were nineteen twentieths of the cube rows every write
-- touched. The answers' second index now covers those counts (an index-only scan per question).
DROP TABLE "breakdown_counts";--> statement-breakpoint
DROP TABLE "cross_breakdown_counts";--> statement-breakpoint
DROP TABLE "pair_counts";--> statement-breakpoint
DROP INDEX "answers_question_option_idx";--> statement-breakpoint
CREATE INDEX "answers_question_option_response_idx" ON "answers" USING btree ("question_id","option_id","response_id");
