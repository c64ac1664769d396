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
