CREATE TYPE "public"."key_role" AS ENUM('MEMBER', 'RESEARCHER', 'ADMIN');--> statement-breakpoint
CREATE TABLE "organisation_areas" (
	"organisation_id" integer NOT NULL,
	"area_code" text NOT NULL,
	CONSTRAINT "organisation_areas_organisation_id_area_code_pk" PRIMARY KEY("organisation_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"rows" integer,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_area_code_areas_code_fk";
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "prefix" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "role" "key_role";--> statement-breakpoint
-- Keys issued before roles existed keep what they gave: researcher access for research and administrator organisations.
UPDATE "api_keys" k SET "prefix" = 'poet_legacy' || k."id", "role" = CASE o."type" WHEN 'ADMINISTRATOR' THEN 'ADMIN'::key_role WHEN 'RESEARCH' THEN 'RESEARCHER'::key_role ELSE 'MEMBER'::key_role END FROM "organisations" o WHERE o."id" = k."organisation_id";--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "prefix" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "role" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisation_areas" ADD CONSTRAINT "organisation_areas_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_areas" ADD CONSTRAINT "organisation_areas_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_areas_area_idx" ON "organisation_areas" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
INSERT INTO "organisation_areas" ("organisation_id", "area_code") SELECT "id", "area_code" FROM "organisations" WHERE "area_code" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "area_code";--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix");