-- Hand-written: the lazy release of overdue no-shows (lib/lifecycle/queries.ts) bounded by the room.
-- Every day read and every new booking asks whether the room has a confirmed booking, not checked in, whose start
-- is past the release cutoff. The cutoff was a join condition against org_settings, which no index can bound, and
-- postgres.js runs the statement prepared: its generic plan scanned every booking of the organisation (18 ms with
-- 50,000 future confirmed bookings elsewhere). With the cutoff now a scalar subquery, this index gives a range of
-- (room, start) over exactly the bookings still waiting for a check-in, so the cost is that room's overdue ones.
-- Bookings leave it when checked in, released, cancelled or completed. The sweep's organisation-wide pass uses
-- bookings_confirmed_start_idx, whose range up to the cutoff holds only the overdue and the running meetings.
CREATE INDEX "bookings_awaiting_checkin_idx" ON "bookings" USING btree ("room_id", "start_time")
  WHERE "status" = 'confirmed' AND "checked_in_at" IS NULL;
