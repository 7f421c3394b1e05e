CREATE TYPE "public"."import_state" AS ENUM('WAITING_FOR_UPLOAD', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED');--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"requested_by" text NOT NULL,
	"state" "import_state" DEFAULT 'WAITING_FOR_UPLOAD' NOT NULL,
	"options" jsonb NOT NULL,
	"rows" integer,
	"created" integer,
	"unchanged" integer,
	"replaced" integer,
	"rejected" integer,
	"written" boolean,
	"errors" jsonb,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_org_idx" ON "import_jobs" USING btree ("organisation_id","created_at");