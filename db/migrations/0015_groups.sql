-- Groups of an org's members (SPEC §18): groups with their source, their members, the groups an app's members rule lists, and the OIDC issuer bound to an org for its oidc groups.
CREATE TYPE "public"."group_source" AS ENUM('console', 'scim', 'oidc');--> statement-breakpoint
CREATE TABLE "app_access_groups" (
	"app_id" text NOT NULL,
	"org_id" text NOT NULL,
	"group_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_access_groups_app_id_group_id_pk" PRIMARY KEY("app_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "org_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"display_name" text NOT NULL,
	"external_id" text,
	"source" "group_source" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_groups_id_org_id_key" UNIQUE("id","org_id")
);
--> statement-breakpoint
CREATE TABLE "org_oidc_group_issuers" (
	"org_id" text PRIMARY KEY NOT NULL,
	"issuer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_access_groups" ADD CONSTRAINT "app_access_groups_app_fk" FOREIGN KEY ("app_id","org_id") REFERENCES "public"."runs"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_access_groups" ADD CONSTRAINT "app_access_groups_group_fk" FOREIGN KEY ("group_id","org_id") REFERENCES "public"."org_groups"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_fk" FOREIGN KEY ("group_id","org_id") REFERENCES "public"."org_groups"("id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_membership_fk" FOREIGN KEY ("user_id","org_id") REFERENCES "public"."memberships"("user_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_groups" ADD CONSTRAINT "org_groups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_oidc_group_issuers" ADD CONSTRAINT "org_oidc_group_issuers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_access_groups_group_idx" ON "app_access_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_members_membership_idx" ON "group_members" USING btree ("user_id","org_id");--> statement-breakpoint
CREATE INDEX "org_groups_org_idx" ON "org_groups" USING btree ("org_id","display_name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_groups_external_id_key" ON "org_groups" USING btree ("org_id","source","external_id") WHERE "org_groups"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "org_oidc_group_issuers_issuer_idx" ON "org_oidc_group_issuers" USING btree ("issuer");