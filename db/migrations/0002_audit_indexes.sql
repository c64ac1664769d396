DROP INDEX "audit_events_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_org_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_app_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_user_at_idx";--> statement-breakpoint
CREATE INDEX "audit_events_org_id_idx" ON "audit_events" USING btree ("org_id","id");