-- SPEC §14: service accounts and their tokens, scopes on API tokens, and what the management API's
-- audit cursor needs. (drizzle-kit also proposed 0008's and 0009's hand-written changes again: the
-- snapshot it diffs against was taken after 0007. They are left out here; meta/0010_snapshot.json
-- now describes the whole schema.)
ALTER TYPE "public"."auth_via" ADD VALUE 'service_account';--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_account_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"service_account_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_account_tokens" ADD CONSTRAINT "service_account_tokens_service_account_id_service_accounts_id_fk" FOREIGN KEY ("service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_account_tokens" ADD CONSTRAINT "service_account_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_accounts_org_idx" ON "service_accounts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_account_tokens_hash_key" ON "service_account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "service_account_tokens_account_idx" ON "service_account_tokens" USING btree ("service_account_id");--> statement-breakpoint
-- Every token made before scopes existed keeps what it could do: mint.
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{mint}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "service_account_id" text;--> statement-breakpoint
-- Existing rows read tx_id 0 (a constant default: no rewrite of the partitions; all of them committed
-- long before any reader's cursor); new rows get their transaction's id.
ALTER TABLE "audit_events" ADD COLUMN "tx_id" "xid8" DEFAULT '0'::xid8 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "tx_id" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
-- The one index besides the key (each mint pays for it) now orders an org's events by (tx_id, id).
DROP INDEX "audit_events_org_id_idx";--> statement-breakpoint
CREATE INDEX "audit_events_org_tx_idx" ON "audit_events" USING btree ("org_id","tx_id","id");
--> statement-breakpoint
-- An org's apps in creation order (the console's list, the management API's pages): replaces the
-- index on org_id alone, of which it is a prefix.
DROP INDEX "runs_org_idx";--> statement-breakpoint
CREATE INDEX "runs_org_created_idx" ON "runs" USING btree ("org_id","created_at","id");
