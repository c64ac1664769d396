-- Sharing beyond the org (SPEC §15): the org switch, share links, the people they admitted, guest sessions, the share of an audit row.
CREATE TYPE "public"."external_sharing" AS ENUM('off', 'links', 'links_and_public');--> statement-breakpoint
CREATE TYPE "public"."guest_session_end_reason" AS ENUM('link_revoked', 'sharing_off', 'public_off', 'app_private', 'ended_by_admin', 'replaced');--> statement-breakpoint
CREATE TYPE "public"."guest_via" AS ENUM('share_link', 'public');--> statement-breakpoint
CREATE TYPE "public"."share_link_end_reason" AS ENUM('revoked', 'sharing_off');--> statement-breakpoint
ALTER TYPE "public"."auth_via" ADD VALUE 'share_link';--> statement-breakpoint
ALTER TYPE "public"."auth_via" ADD VALUE 'public';--> statement-breakpoint
CREATE TABLE "guest_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"via" "guest_via" NOT NULL,
	"share_id" text,
	"user_id" text,
	"guest_sub" text,
	"display_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"ended_at" timestamp with time zone,
	"end_reason" "guest_session_end_reason"
);
--> statement-breakpoint
CREATE TABLE "share_link_people" (
	"share_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_link_people_share_id_user_id_pk" PRIMARY KEY("share_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"max_uses" integer,
	"uses" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"end_reason" "share_link_end_reason"
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "share_id" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "external_sharing" "external_sharing" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "guest_sessions" ADD CONSTRAINT "guest_sessions_share_id_share_links_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_sessions" ADD CONSTRAINT "guest_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_sessions" ADD CONSTRAINT "guest_sessions_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_link_people" ADD CONSTRAINT "share_link_people_share_id_share_links_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_link_people" ADD CONSTRAINT "share_link_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guest_sessions_secret_hash_key" ON "guest_sessions" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "guest_sessions_share_idx" ON "guest_sessions" USING btree ("share_id");--> statement-breakpoint
CREATE INDEX "guest_sessions_app_idx" ON "guest_sessions" USING btree ("app_id") WHERE "guest_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "guest_sessions_org_idx" ON "guest_sessions" USING btree ("org_id") WHERE "guest_sessions"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_secret_hash_key" ON "share_links" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "share_links_app_idx" ON "share_links" USING btree ("app_id","created_at");--> statement-breakpoint
CREATE INDEX "share_links_org_idx" ON "share_links" USING btree ("org_id");
