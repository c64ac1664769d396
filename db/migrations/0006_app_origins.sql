ALTER TABLE "runs" ADD COLUMN "artifact_origin" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "upstream_url" text;--> statement-breakpoint
UPDATE "runs" AS r SET "artifact_origin" = lower(substring(r."artifact_url" from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+'))
WHERE r."artifact_url" IS NOT NULL AND r."deleted_at" IS NULL AND NOT EXISTS (
  SELECT 1 FROM "runs" AS o
  WHERE o."deleted_at" IS NULL AND o."id" < r."id"
    AND lower(substring(o."artifact_url" from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+')) = lower(substring(r."artifact_url" from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "runs_artifact_origin_key" ON "runs" USING btree ("artifact_origin") WHERE "runs"."deleted_at" IS NULL;
