-- The webhook outbox holds only what is still to be delivered: a delivered event's row is deleted
-- (one dead tuple) instead of updated (a new tuple and index entry per event, deleted a day later).
DELETE FROM "webhook_deliveries" WHERE "delivered_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "webhook_deliveries_pending_idx";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "delivered_at";--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id");
