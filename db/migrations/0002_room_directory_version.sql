CREATE TABLE "room_directory_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" uuid DEFAULT gen_random_uuid() NOT NULL,
	CONSTRAINT "room_directory_version_singleton" CHECK ("room_directory_version"."id" = 1)
);
--> statement-breakpoint
-- Hand-written: every statement that changes rooms or buildings replaces the directory's version in its own
-- transaction, so a cached directory is used only while it is exactly what the database holds.
INSERT INTO "room_directory_version" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "bump_room_directory_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "room_directory_version" SET "version" = gen_random_uuid() WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "rooms_directory_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rooms"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_room_directory_version"();
--> statement-breakpoint
CREATE TRIGGER "buildings_directory_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "buildings"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_room_directory_version"();
