-- SPEC §17, token exchange: resources, per-app allowances, app credentials, the exchange's per-app
-- rate window, and indexes that let the exchange check a subject token against the revocation feed
-- by its sid, sub or aud.
CREATE TABLE "app_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app_resource_allowances" (
	"app_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"scopes" text[] NOT NULL,
	"guests" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_resource_allowances_app_id_resource_id_pk" PRIMARY KEY("app_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_rate_window" (
	"app_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" text PRIMARY KEY NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "app_credentials" ADD CONSTRAINT "app_credentials_app_id_runs_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "app_credentials" ADD CONSTRAINT "app_credentials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "app_resource_allowances" ADD CONSTRAINT "app_resource_allowances_app_id_runs_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "app_resource_allowances" ADD CONSTRAINT "app_resource_allowances_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "app_resource_allowances" ADD CONSTRAINT "app_resource_allowances_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "app_credentials_hash_key" ON "app_credentials" USING btree ("secret_hash");
--> statement-breakpoint
CREATE INDEX "app_credentials_app_idx" ON "app_credentials" USING btree ("app_id");
--> statement-breakpoint
CREATE INDEX "exchange_rate_window_idx" ON "exchange_rate_window" USING btree ("app_id","at");
--> statement-breakpoint
CREATE INDEX "revocations_sid_idx" ON "revocations" USING btree ("sid","at") WHERE "revocations"."sid" is not null;
--> statement-breakpoint
CREATE INDEX "revocations_sub_idx" ON "revocations" USING btree ("sub","at") WHERE "revocations"."sub" is not null;
--> statement-breakpoint
CREATE INDEX "revocations_aud_idx" ON "revocations" USING btree ("aud","at") WHERE "revocations"."aud" is not null;
--> statement-breakpoint
-- A resource id never equals an app id, checked both ways (deleted apps keep their ids, removed
-- resources theirs). The advisory lock serializes the two inserts, so two racing ones cannot both
-- pass; each check runs after the lock, with a snapshot that sees what the other committed.
CREATE FUNCTION "resource_and_app_ids_apart"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('app-gateway:resource-and-app-ids'));
  IF (TG_TABLE_NAME = 'resources' AND EXISTS (SELECT 1 FROM "runs" WHERE "id" = NEW."id"))
    OR (TG_TABLE_NAME = 'runs' AND EXISTS (SELECT 1 FROM "resources" WHERE "id" = NEW."id")) THEN
    RAISE EXCEPTION 'id % is taken', NEW."id" USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'resource_and_app_ids_apart';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "resources_id_apart" BEFORE INSERT ON "resources" FOR EACH ROW EXECUTE FUNCTION "resource_and_app_ids_apart"();--> statement-breakpoint
CREATE TRIGGER "runs_id_apart" BEFORE INSERT ON "runs" FOR EACH ROW EXECUTE FUNCTION "resource_and_app_ids_apart"();
