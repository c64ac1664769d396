-- The rate limiter's window moves out of the partitioned audit table: a mint that read audit_events
-- locked every monthly partition and its indexes (a generic plan locks them all before pruning), so
-- its cost grew with retention. This small table holds only the last minutes of mints (a background
-- job deletes older rows); the audit table loses the index that only the rate limiter used.
CREATE TABLE "mint_rate_window" (
	"user_id" text NOT NULL,
	"app_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "mint_rate_window_idx" ON "mint_rate_window" USING btree ("user_id","app_id","at");--> statement-breakpoint
-- Carry over the current window, so an upgrade in service does not reset anyone's limit.
INSERT INTO "mint_rate_window" ("user_id", "app_id", "at")
  SELECT "user_id", "app_id", "at" FROM "audit_events"
  WHERE "result" = 'minted' AND "user_id" IS NOT NULL AND "app_id" IS NOT NULL AND "at" > now() - interval '2 minutes';--> statement-breakpoint
DROP INDEX IF EXISTS "audit_events_rate_idx";
--> statement-breakpoint
-- The outbox loses its foreign key: checking it made every mint of an org with an endpoint lock the
-- endpoint's row (FOR KEY SHARE: a WAL record, and a MultiXact when mints run concurrently). Removing
-- an endpoint deletes its deliveries in the same statement; rows a concurrent mint wrote for an
-- endpoint being removed are deleted by the retention job.
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT IF EXISTS "webhook_deliveries_endpoint_id_fkey";
