-- Resource and app ids kept apart (migration 0011) with a lock per id instead of one for every insert:
-- the one lock serialized all app registrations from their insert to their commit (issue #31, the
-- management API's registration: 8 clients waited on it, ~3 backends at every moment). Two inserts of
-- the same id, a resource and an app, still take the same lock, so they cannot both pass the check; the
-- two-key form keeps these locks apart from every single-key lock (the migration lock, the first key's).
CREATE OR REPLACE FUNCTION "resource_and_app_ids_apart"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('app-gateway:resource-and-app-ids'), hashtext(NEW."id"));
  IF (TG_TABLE_NAME = 'resources' AND EXISTS (SELECT 1 FROM "runs" WHERE "id" = NEW."id"))
    OR (TG_TABLE_NAME = 'runs' AND EXISTS (SELECT 1 FROM "resources" WHERE "id" = NEW."id")) THEN
    RAISE EXCEPTION 'id % is taken', NEW."id" USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'resource_and_app_ids_apart';
  END IF;
  RETURN NEW;
END $$;
