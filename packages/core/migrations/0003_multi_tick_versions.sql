ALTER TYPE "public"."collection_mode" ADD VALUE 'TELEPHONE';--> statement-breakpoint
ALTER TYPE "public"."completed_by" ADD VALUE 'UNKNOWN';--> statement-breakpoint
ALTER TABLE "answers" DROP CONSTRAINT "answers_response_id_question_id_pk";--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_id_question_id_option_id_pk" PRIMARY KEY("response_id","question_id","option_id");--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "comparable" boolean;--> statement-breakpoint
ALTER TABLE "scales" ADD COLUMN "multiple" boolean DEFAULT false NOT NULL;