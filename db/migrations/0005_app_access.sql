CREATE TYPE "public"."app_access_rule" AS ENUM('everyone', 'admins', 'members');--> statement-breakpoint
ALTER TYPE "public"."audit_result" ADD VALUE 'changed';--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "access_rule" "app_access_rule" DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_id_org_id_key" UNIQUE("id","org_id");--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "detail" text;--> statement-breakpoint
CREATE TABLE "app_access_members" (
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_access_members_app_id_user_id_pk" PRIMARY KEY("app_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "app_access_members" ADD CONSTRAINT "app_access_members_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_access_members" ADD CONSTRAINT "app_access_members_membership_fk" FOREIGN KEY ("user_id","org_id") REFERENCES "public"."memberships"("user_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_access_members_membership_idx" ON "app_access_members" USING btree ("user_id","org_id");
