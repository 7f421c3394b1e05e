-- Releases (docs/releases.md): named, immutable publications of the figures. Each financial year is
-- published once, by the first release after it closed, and its aggregates are frozen here.
CREATE TABLE "published_band_counts" (
	"question_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"band" "band" NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "published_band_counts_pk" PRIMARY KEY("question_id","financial_year","area_code","band")
);
--> statement-breakpoint
CREATE TABLE "published_joint" (
	"financial_year" smallint NOT NULL,
	"kind" smallint NOT NULL,
	"question_set_id" integer NOT NULL,
	"first" integer NOT NULL,
	"second" integer NOT NULL,
	"third" integer DEFAULT 0 NOT NULL,
	"cells" "bytea" NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "published_joint_pk" PRIMARY KEY("financial_year","kind","first","second","third")
);
--> statement-breakpoint
CREATE TABLE "published_response_counts" (
	"question_set_id" integer NOT NULL,
	"area_code" text NOT NULL,
	"financial_year" smallint NOT NULL,
	"count" integer NOT NULL,
	"key_sum" integer NOT NULL,
	CONSTRAINT "published_response_counts_pk" PRIMARY KEY("financial_year","question_set_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "published_years" (
	"financial_year" smallint PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"synthetic" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "releases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"cut_at" timestamp with time zone DEFAULT now() NOT NULL,
	"as_of" date NOT NULL,
	"cut_by" text NOT NULL,
	CONSTRAINT "releases_name_unique" UNIQUE("name"),
	CONSTRAINT "releases_name_shape" CHECK ("releases"."name" ~ '^[0-9]{4}-[0-9]{2}(-[a-z0-9]{1,16})?$')
);
--> statement-breakpoint
ALTER TABLE "published_years" ADD CONSTRAINT "published_years_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;