-- Audit retention: audit_events becomes a table partitioned by month on "at" (old months are
-- dropped whole), with a default partition as a safety net. LIKE keeps every column earlier
-- migrations gave the table; the key now includes the partition key, as PostgreSQL requires.
ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT "audit_events_pkey" TO "audit_events_unpartitioned_pkey";--> statement-breakpoint
ALTER INDEX "audit_events_org_id_idx" RENAME TO "audit_events_unpartitioned_org_id_idx";--> statement-breakpoint
ALTER INDEX "audit_events_rate_idx" RENAME TO "audit_events_unpartitioned_rate_idx";--> statement-breakpoint
CREATE TABLE "audit_events" (LIKE "audit_events_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id", "at");--> statement-breakpoint
CREATE INDEX "audit_events_org_id_idx" ON "audit_events" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_rate_idx" ON "audit_events" USING btree ("user_id","app_id","at") WHERE "audit_events"."result" = 'minted';--> statement-breakpoint
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;--> statement-breakpoint
-- One partition per month from the oldest row to three months ahead (the retention job keeps creating them).
DO $$
DECLARE
  m date := date_trunc('month', coalesce((SELECT min("at") FROM "audit_events_unpartitioned"), now()))::date;
BEGIN
  WHILE m <= (date_trunc('month', now()) + interval '3 months')::date LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)',
      'audit_events_p' || to_char(m, 'YYYYMM'), m::timestamptz, (m + interval '1 month')::timestamptz);
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "audit_events" SELECT * FROM "audit_events_unpartitioned";--> statement-breakpoint
DROP TABLE "audit_events_unpartitioned";
--> statement-breakpoint
-- Audit webhooks: endpoints an org admin registers, and the transactional outbox the mint statement
-- writes in the same statement as the audit row (one pending delivery per endpoint and event).
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL REFERENCES "orgs"("id") ON DELETE CASCADE,
	"url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"last_error" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);--> statement-breakpoint
CREATE INDEX "webhook_endpoints_org_idx" ON "webhook_endpoints" USING btree ("org_id");--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
	"event_id" bigint NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text
);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id") WHERE "webhook_deliveries"."delivered_at" IS NULL;
