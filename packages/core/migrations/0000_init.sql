CREATE TYPE "public"."area_type" AS ENUM('NATION', 'REGION', 'LOCAL_AUTHORITY', 'NHS_REGION', 'ICB');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('MEMBER', 'LICENCE_HOLDER', 'NONE');--> statement-breakpoint
CREATE TYPE "public"."organisation_type" AS ENUM('COUNCIL', 'HEALTH_BODY', 'RESEARCH', 'ADMINISTRATOR');--> statement-breakpoint
CREATE TYPE "public"."band" AS ENUM('POSITIVE', 'NEUTRAL', 'NEGATIVE', 'EXCLUDED');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('PROCESS', 'OUTCOME', 'ABOUT_YOU');--> statement-breakpoint
CREATE TYPE "public"."question_set_code" AS ENUM('ADULT_PB', 'CARER', 'PHB', 'CYP_EHCP', 'PARENT_EHCP', 'PRACTITIONER_EHCP');--> statement-breakpoint
CREATE TYPE "public"."question_set_status" AS ENUM('DRAFT', 'PUBLISHED', 'RETIRED');--> statement-breakpoint
CREATE TYPE "public"."collection_mode" AS ENUM('ONLINE', 'PAPER', 'REVIEW');--> statement-breakpoint
CREATE TYPE "public"."completed_by" AS ENUM('SELF', 'WITH_HELP', 'ON_BEHALF');--> statement-breakpoint
CREATE TABLE "area_ancestors" (
	"area_code" text NOT NULL,
	"ancestor_code" text NOT NULL,
	"depth" smallint NOT NULL,
	CONSTRAINT "area_ancestors_ancestor_code_area_code_pk" PRIMARY KEY("ancestor_code","area_code")
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" "area_type" NOT NULL,
	"parent_code" text,
	"population" integer
);
--> statement-breakpoint
CREATE TABLE "statistical_neighbours" (
	"area_code" text NOT NULL,
	"neighbour_code" text NOT NULL,
	"rank" smallint NOT NULL,
	CONSTRAINT "statistical_neighbours_area_code_rank_pk" PRIMARY KEY("area_code","rank"),
	CONSTRAINT "neighbour_rank_range" CHECK ("statistical_neighbours"."rank" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"type" "organisation_type" NOT NULL,
	"membership" "membership_status" DEFAULT 'MEMBER' NOT NULL,
	"area_code" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "question_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" "question_set_code" NOT NULL,
	"version" smallint NOT NULL,
	"name" text NOT NULL,
	"respondent" text NOT NULL,
	"description" text NOT NULL,
	"status" "question_set_status" DEFAULT 'PUBLISHED' NOT NULL,
	"published_on" date,
	CONSTRAINT "question_sets_code_version" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"question_set_id" integer NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"kind" "question_kind" NOT NULL,
	"theme" text,
	"section" text NOT NULL,
	"position" smallint NOT NULL,
	"scale_id" integer NOT NULL,
	CONSTRAINT "questions_set_code" UNIQUE("question_set_id","code")
);
--> statement-breakpoint
CREATE TABLE "scale_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scale_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scale_id" integer NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"position" smallint NOT NULL,
	"band" "band",
	CONSTRAINT "scale_options_scale_code" UNIQUE("scale_id","code"),
	CONSTRAINT "scale_options_scale_position" UNIQUE("scale_id","position")
);
--> statement-breakpoint
CREATE TABLE "scales" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scales_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"question_set_id" integer NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "scales_set_code" UNIQUE("question_set_id","code")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"response_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"option_id" integer NOT NULL,
	CONSTRAINT "answers_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"question_set_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"external_ref" text NOT NULL,
	"collected_on" date NOT NULL,
	"financial_year" smallint NOT NULL,
	"collection_mode" "collection_mode" NOT NULL,
	"completed_by" "completed_by" NOT NULL,
	"comment" text,
	"record_key" smallint NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "responses_org_ref" UNIQUE("organisation_id","external_ref"),
	CONSTRAINT "record_key_range" CHECK ("responses"."record_key" between 0 and 255)
);
--> statement-breakpoint
CREATE TABLE "band_counts" (
	"question_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"band" "band" NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "band_counts_pk" PRIMARY KEY("question_id","area_code","financial_year","band")
);
--> statement-breakpoint
CREATE TABLE "breakdown_counts" (
	"question_id" integer NOT NULL,
	"by_question_id" integer NOT NULL,
	"by_option_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"band" "band" NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "breakdown_counts_pk" PRIMARY KEY("question_id","by_question_id","area_code","financial_year","by_option_id","band")
);
--> statement-breakpoint
CREATE TABLE "cross_breakdown_counts" (
	"question_id" integer NOT NULL,
	"by_question_id" integer NOT NULL,
	"by_option_id" integer NOT NULL,
	"then_question_id" integer NOT NULL,
	"then_option_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"band" "band" NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "cross_breakdown_counts_pk" PRIMARY KEY("question_id","by_question_id","then_question_id","region_code","financial_year","by_option_id","then_option_id","band")
);
--> statement-breakpoint
CREATE TABLE "cube_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pair_counts" (
	"process_question_id" integer NOT NULL,
	"outcome_question_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"process_band" "band" NOT NULL,
	"outcome_band" "band" NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "pair_counts_pk" PRIMARY KEY("process_question_id","outcome_question_id","area_code","financial_year","process_band","outcome_band")
);
--> statement-breakpoint
CREATE TABLE "response_counts" (
	"question_set_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "response_counts_pk" PRIMARY KEY("question_set_id","area_code","financial_year")
);
--> statement-breakpoint
ALTER TABLE "area_ancestors" ADD CONSTRAINT "area_ancestors_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_ancestors" ADD CONSTRAINT "area_ancestors_ancestor_code_areas_code_fk" FOREIGN KEY ("ancestor_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_parent_code_areas_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistical_neighbours" ADD CONSTRAINT "statistical_neighbours_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistical_neighbours" ADD CONSTRAINT "statistical_neighbours_neighbour_code_areas_code_fk" FOREIGN KEY ("neighbour_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_question_set_id_question_sets_id_fk" FOREIGN KEY ("question_set_id") REFERENCES "public"."question_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_scale_id_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "public"."scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_options" ADD CONSTRAINT "scale_options_scale_id_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "public"."scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scales" ADD CONSTRAINT "scales_question_set_id_question_sets_id_fk" FOREIGN KEY ("question_set_id") REFERENCES "public"."question_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_option_id_scale_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."scale_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_question_set_id_question_sets_id_fk" FOREIGN KEY ("question_set_id") REFERENCES "public"."question_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_ancestors_area_idx" ON "area_ancestors" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_code","type","code");--> statement-breakpoint
CREATE INDEX "areas_type_idx" ON "areas" USING btree ("type","code");--> statement-breakpoint
CREATE INDEX "api_keys_organisation_idx" ON "api_keys" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "questions_theme_idx" ON "questions" USING btree ("theme");--> statement-breakpoint
CREATE INDEX "answers_question_option_idx" ON "answers" USING btree ("question_id","option_id");--> statement-breakpoint
CREATE INDEX "responses_set_area_idx" ON "responses" USING btree ("question_set_id","area_code","financial_year");