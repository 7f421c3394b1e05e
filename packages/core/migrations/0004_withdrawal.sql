ALTER TABLE "responses" ALTER COLUMN "collected_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "financial_year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "collection_mode" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "completed_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "responses_org_idx" ON "responses" USING btree ("organisation_id","id");--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_live_complete" CHECK ("responses"."withdrawn_at" is not null or ("responses"."collected_on" is not null and "responses"."financial_year" is not null and "responses"."collection_mode" is not null and "responses"."completed_by" is not null));