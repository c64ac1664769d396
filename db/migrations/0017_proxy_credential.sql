-- SPEC §17, the artifact proxy acting for the viewer: an app's credential the proxy holds, marked by
-- the resource it exchanges for, its secret sealed (APP_TOKEN_KEY_SECRET) beside its hash so that the
-- gateway can hand it to the proxy's look-up. At most one live per app; both columns set or neither.
ALTER TABLE "app_credentials" ADD COLUMN "proxy_resource_id" text;--> statement-breakpoint
ALTER TABLE "app_credentials" ADD COLUMN "secret_sealed" text;--> statement-breakpoint
ALTER TABLE "app_credentials" ADD CONSTRAINT "app_credentials_proxy_resource_id_resources_id_fk" FOREIGN KEY ("proxy_resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_credentials" ADD CONSTRAINT "app_credentials_proxy_sealed" CHECK (("app_credentials"."proxy_resource_id" is null) = ("app_credentials"."secret_sealed" is null));--> statement-breakpoint
CREATE UNIQUE INDEX "app_credentials_one_proxy_key" ON "app_credentials" USING btree ("app_id") WHERE "app_credentials"."proxy_resource_id" is not null and "app_credentials"."revoked_at" is null;
