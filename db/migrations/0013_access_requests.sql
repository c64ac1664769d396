-- Asking for access, and grants that end (SPEC §16): requests, the daily limit's attempts (no app named), app grants.
CREATE TYPE "public"."access_request_decision" AS ENUM('approved', 'denied');--> statement-breakpoint
CREATE TYPE "public"."app_grant_end_reason" AS ENUM('expired', 'removed', 'replaced', 'app_deleted', 'member_removed');--> statement-breakpoint
CREATE TABLE "access_request_attempts" (
	"user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decision" "access_request_decision",
	"decided_by" text,
	"grant_id" text
);
--> statement-breakpoint
CREATE TABLE "app_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"request_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" "app_grant_end_reason"
);
--> statement-breakpoint
ALTER TABLE "access_request_attempts" ADD CONSTRAINT "access_request_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_grants" ADD CONSTRAINT "app_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_grants" ADD CONSTRAINT "app_grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_grants" ADD CONSTRAINT "app_grants_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_request_attempts_idx" ON "access_request_attempts" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "access_requests_pending_key" ON "access_requests" USING btree ("app_id","user_id") WHERE "access_requests"."decided_at" is null;--> statement-breakpoint
CREATE INDEX "access_requests_org_pending_idx" ON "access_requests" USING btree ("org_id","created_at") WHERE "access_requests"."decided_at" is null;--> statement-breakpoint
CREATE INDEX "access_requests_user_idx" ON "access_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "app_grants_live_key" ON "app_grants" USING btree ("app_id","user_id") WHERE "app_grants"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "app_grants_due_idx" ON "app_grants" USING btree ("ends_at") WHERE "app_grants"."ended_at" is null and "app_grants"."ends_at" is not null;--> statement-breakpoint
CREATE INDEX "app_grants_org_idx" ON "app_grants" USING btree ("org_id","user_id") WHERE "app_grants"."ended_at" is null;