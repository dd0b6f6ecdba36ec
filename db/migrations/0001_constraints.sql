-- Hand-written: what Drizzle cannot express.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- DOMAIN §2: no two active bookings of one room may overlap (half-open intervals).
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("start_time", "end_time", '[)') WITH &&)
  WHERE ("status" IN ('confirmed', 'pending'));
--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_amenities_check" CHECK (
  "amenities" <@ ARRAY['projector','whiteboard','video_conference','phone','tv_display','air_conditioning']::text[]
);
--> statement-breakpoint
ALTER TABLE "org_settings" ADD CONSTRAINT "org_settings_business_days_check" CHECK (
  "business_days" <@ ARRAY[1,2,3,4,5,6,7]::integer[] AND cardinality("business_days") >= 1
);
--> statement-breakpoint
INSERT INTO "org_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- DOMAIN §2 "Book now": the panel's walk-in organizer, a system user that cannot sign in.
INSERT INTO "users" ("id", "email", "name", "password_hash", "role", "is_system")
VALUES ('00000000-0000-4000-8000-000000000001', 'walk-in@system.invalid', 'Walk-in', '!', 'user', true)
ON CONFLICT DO NOTHING;
