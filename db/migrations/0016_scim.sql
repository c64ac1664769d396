-- Directory provisioning (SPEC §18): the people an org's SCIM client manages, with what a suspended membership carried.
CREATE TABLE "scim_users" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"external_id" text,
	"given_name" text,
	"family_name" text,
	"display_name" text,
	"created_account" boolean DEFAULT false NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspended_role" text,
	"suspended_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"suspended_apps" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scim_users_org_user_key" ON "scim_users" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "scim_users_org_user_name_idx" ON "scim_users" USING btree ("org_id",lower("user_name"));
