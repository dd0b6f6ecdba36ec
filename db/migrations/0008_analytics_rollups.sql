-- Hand-written: daily per-room rollups for analytics (DOMAIN §4), kept exact by triggers in the same transaction as
-- the change that affects them.
--
-- Why: at 500 rooms × 1,000,000 bookings a 365-day figure read ~460,000 bookings through the index and cut each into
-- business windows (1.1–8.1 s per endpoint). The rollup holds, per room and local start date, what DOMAIN §4 needs
-- from the bookings starting that day: booked and used seconds per local date they fall on (with used seconds per
-- business hour, for the heatmap and peak hours), and the booking counts (B, R, no-shows, check-ins, attendees, …).
-- A 365-day query then reads ≤ 500 × 365 rows of it, plus the few days not rolled up yet, computed live by the very
-- same function.
--
-- What is rolled up: start dates up to `analytics_rollup_state.rolled_through` (each room's local date), which the
-- sweep moves forward to two days before today in the westernmost zone (UTC−12). Every booking of those dates has
-- ended (a booking lasts at most 1,440 minutes, org_settings' bound), so the rollup never holds time after `now` and
-- never has to be clipped. Later dates, and any date when the rollup was made for another business calendar, are
-- computed live by `analytics_room_day_rows` with the query's `now`.
--
-- Kept exact: after any insert, update or delete of a booking that started more than a day ago, its room's rows
-- around that date are recomputed; a room's capacity or building change recomputes that room; a building's time
-- zone change its rooms; a user's department change the department rows of that user's bookings. A change of the
-- business calendar (org_settings) makes the queries ignore the rollup until the sweep has rebuilt it.

CREATE TABLE "analytics_rollup_state" (
  "id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  -- Start dates up to this one are rolled up; null = nothing is.
  "rolled_through" date,
  -- The business calendar the rollup was computed with (org_settings' columns at the time).
  "business_days" integer[] NOT NULL DEFAULT '{}',
  "business_start" varchar(5) NOT NULL DEFAULT '00:00',
  "business_end" varchar(5) NOT NULL DEFAULT '00:00',
  "updated_at" timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
INSERT INTO "analytics_rollup_state" ("id") VALUES (1);
--> statement-breakpoint
-- One row per (local start date, room, local date the minutes fall on); the counts sit on the row where
-- day = start_day. Seconds are float8 sums of exact timestamp differences.
CREATE TABLE "analytics_room_days" (
  "start_day" date NOT NULL,
  "room_id" uuid NOT NULL REFERENCES "rooms"("id") ON DELETE CASCADE,
  "day" date NOT NULL,
  "booked_s" double precision NOT NULL,
  "used_s" double precision NOT NULL,
  -- Used seconds in each business hour of the calendar, [1] = the hour business starts in (08:00–18:00 → 8…17).
  "used_hour_s" double precision[] NOT NULL,
  "counted" integer NOT NULL,
  "resolved" integer NOT NULL,
  "no_shows" integer NOT NULL,
  "no_show_scheduled_s" double precision NOT NULL,
  "checked_in" integer NOT NULL,
  "attendees" bigint NOT NULL,
  "capacity_ratio_sum" double precision NOT NULL,
  "oversized" integer NOT NULL,
  "undersized" integer NOT NULL,
  "recovered_s" double precision NOT NULL,
  PRIMARY KEY ("start_day", "room_id", "day")
);
--> statement-breakpoint
-- Resolved bookings and no-shows per (local start date, room, organizer's department at the time, "Unknown" for none).
CREATE TABLE "analytics_room_day_departments" (
  "start_day" date NOT NULL,
  "room_id" uuid NOT NULL REFERENCES "rooms"("id") ON DELETE CASCADE,
  "department" text NOT NULL,
  "resolved" integer NOT NULL,
  "no_shows" integer NOT NULL,
  PRIMARY KEY ("start_day", "room_id", "department")
);
--> statement-breakpoint
-- DOMAIN §4 per (start date, room, date): the bookings of the rooms selected (building, ids; null = all) whose start
-- falls on local dates p_from … p_to, not cancelled; their booked and used seconds within the business windows
-- (p_days ISO weekdays, p_start–p_end local "HH:MM") of each local date they touch, clipped at p_now; used seconds per
-- business hour; and the counts of the bookings starting that date. Live queries and the rollup both read this.
CREATE FUNCTION "analytics_room_day_rows"(
  p_building uuid, p_rooms uuid[], p_from date, p_to date, p_now timestamptz,
  p_days integer[], p_start varchar, p_end varchar)
RETURNS TABLE (
  start_day date, room_id uuid, day date, booked_s double precision, used_s double precision,
  used_hour_s double precision[], counted integer, resolved integer, no_shows integer,
  no_show_scheduled_s double precision, checked_in integer, attendees bigint, capacity_ratio_sum double precision,
  oversized integer, undersized integer, recovered_s double precision)
LANGUAGE sql STABLE AS $$
  WITH rm AS (
    SELECT r.id, r.capacity, bl.timezone AS tz
    FROM rooms r JOIN buildings bl ON bl.id = r.building_id
    WHERE (p_building IS NULL OR r.building_id = p_building) AND (p_rooms IS NULL OR r.id = ANY (p_rooms))
  ),
  bk AS MATERIALIZED (
    SELECT b.room_id, rm.tz, rm.capacity, b.start_time, b.end_time, b.ended_at, b.status, b.attendee_count,
      b.checked_in_at IS NOT NULL AS checked_in, coalesce(b.ended_at, b.end_time) AS used_end,
      (b.start_time AT TIME ZONE rm.tz)::date AS start_day
    FROM bookings b JOIN rm ON rm.id = b.room_id
    WHERE b.start_time >= (p_from::timestamp AT TIME ZONE rm.tz)
      AND b.start_time < ((p_to + 1)::timestamp AT TIME ZONE rm.tz)
      -- The same bounds in every zone (UTC−12 … UTC+14), which the start-time index can use.
      AND b.start_time >= ((p_from - 1)::timestamp AT TIME ZONE 'UTC')
      AND b.start_time < ((p_to + 2)::timestamp AT TIME ZONE 'UTC')
      AND b.status <> 'cancelled'
  ),
  -- Each booking cut into the local dates it touches; most stay within their start date.
  bd AS (
    SELECT bk.room_id, bk.tz, bk.start_day, bk.start_time, bk.end_time, bk.used_end, bk.checked_in, bk.start_day AS day
    FROM bk
    UNION ALL
    SELECT bk.room_id, bk.tz, bk.start_day, bk.start_time, bk.end_time, bk.used_end, bk.checked_in, g::date
    FROM bk CROSS JOIN LATERAL generate_series(bk.start_day + 1, (bk.end_time AT TIME ZONE bk.tz)::date, interval '1 day') g
    WHERE bk.end_time > ((bk.start_day + 1)::timestamp AT TIME ZONE bk.tz)
  ),
  -- The business window of that date in the room's zone, up to p_now.
  w AS (
    SELECT bd.*, x.ws, least(x.we, p_now) AS we
    FROM bd CROSS JOIN LATERAL (SELECT (bd.day + p_start::time) AT TIME ZONE bd.tz AS ws,
                                       (bd.day + p_end::time) AT TIME ZONE bd.tz AS we) x
    WHERE extract(isodow FROM bd.day)::int = ANY (p_days) AND x.ws < p_now
  ),
  minutes AS (
    SELECT w.room_id, w.start_day, w.day,
      sum(greatest(0, extract(epoch FROM least(w.end_time, w.we) - greatest(w.start_time, w.ws))))::float8 AS booked_s,
      sum(CASE WHEN w.checked_in
        THEN greatest(0, extract(epoch FROM least(w.used_end, w.we) - greatest(w.start_time, w.ws))) ELSE 0 END)::float8 AS used_s
    FROM w GROUP BY 1, 2, 3
  ),
  -- The local hours business time touches: 08:00–18:00 → 8…17, 08:30–17:15 → 8…17.
  hours AS (
    SELECT h::int AS h FROM generate_series(extract(hour FROM p_start::time)::int,
      extract(hour FROM p_end::time)::int - CASE WHEN extract(minute FROM p_end::time) > 0 THEN 0 ELSE 1 END) h
  ),
  -- Used time cut into 15-minute pieces aligned on UTC (every zone's offset is a multiple of 15 minutes, and so are
  -- its changes), each counted in the local hour it is in: on the night clocks go back, both 02:00–03:00 count in
  -- hour 2, and the hour that does not exist in spring gets nothing.
  slot_used AS (
    SELECT w.room_id, w.start_day, w.day, extract(hour FROM p.ps AT TIME ZONE w.tz)::int AS h,
      sum(extract(epoch FROM p.pe - p.ps))::float8 AS s
    FROM w
    CROSS JOIN LATERAL (SELECT greatest(w.start_time, w.ws) AS u0, least(w.used_end, w.we) AS u1) u
    CROSS JOIN LATERAL generate_series(date_bin('15 minutes', u.u0, timestamptz '2000-01-01 00:00+00'), u.u1, interval '15 minutes') g
    CROSS JOIN LATERAL (SELECT greatest(g, u.u0) AS ps, least(g + interval '15 minutes', u.u1) AS pe) p
    WHERE w.checked_in AND u.u0 < u.u1 AND p.ps < p.pe
    GROUP BY 1, 2, 3, 4
  ),
  -- One element per business hour, 0 where none was used.
  hour_arrays AS (
    SELECT k.room_id, k.start_day, k.day, array_agg(coalesce(su.s, 0) ORDER BY hours.h) AS used_hour_s
    FROM (SELECT DISTINCT w.room_id, w.start_day, w.day FROM w WHERE w.checked_in) k
    CROSS JOIN hours
    LEFT JOIN slot_used su ON su.room_id = k.room_id AND su.start_day = k.start_day AND su.day = k.day AND su.h = hours.h
    GROUP BY 1, 2, 3
  ),
  counts AS (
    SELECT bk.room_id, bk.start_day, count(*)::int AS counted,
      count(*) FILTER (WHERE bk.checked_in OR bk.status IN ('completed', 'no_show'))::int AS resolved,
      count(*) FILTER (WHERE bk.status = 'no_show')::int AS no_shows,
      coalesce(sum(extract(epoch FROM bk.end_time - bk.start_time)) FILTER (WHERE bk.status = 'no_show'), 0)::float8 AS no_show_scheduled_s,
      count(*) FILTER (WHERE bk.checked_in)::int AS checked_in,
      coalesce(sum(bk.attendee_count) FILTER (WHERE bk.checked_in), 0)::bigint AS attendees,
      coalesce(sum(bk.attendee_count::float8 / bk.capacity) FILTER (WHERE bk.checked_in), 0)::float8 AS capacity_ratio_sum,
      count(*) FILTER (WHERE bk.checked_in AND bk.attendee_count * 2 < bk.capacity)::int AS oversized,
      count(*) FILTER (WHERE bk.checked_in AND bk.attendee_count > bk.capacity)::int AS undersized,
      coalesce(sum(extract(epoch FROM bk.end_time - bk.ended_at)) FILTER (WHERE bk.ended_at IS NOT NULL), 0)::float8 AS recovered_s
    FROM bk GROUP BY 1, 2
  ),
  keys AS (SELECT DISTINCT bd.room_id, bd.start_day, bd.day FROM bd)
  SELECT k.start_day, k.room_id, k.day, coalesce(m.booked_s, 0), coalesce(m.used_s, 0),
    coalesce(ha.used_hour_s, (SELECT array_agg(0::float8) FROM hours)),
    coalesce(c.counted, 0), coalesce(c.resolved, 0), coalesce(c.no_shows, 0), coalesce(c.no_show_scheduled_s, 0),
    coalesce(c.checked_in, 0), coalesce(c.attendees, 0), coalesce(c.capacity_ratio_sum, 0), coalesce(c.oversized, 0),
    coalesce(c.undersized, 0), coalesce(c.recovered_s, 0)
  FROM keys k
  LEFT JOIN minutes m ON m.room_id = k.room_id AND m.start_day = k.start_day AND m.day = k.day
  LEFT JOIN hour_arrays ha ON ha.room_id = k.room_id AND ha.start_day = k.start_day AND ha.day = k.day
  LEFT JOIN counts c ON c.room_id = k.room_id AND c.start_day = k.start_day AND k.day = k.start_day
$$;
--> statement-breakpoint
-- DOMAIN §4 departments: resolved bookings and no-shows per (local start date, room, organizer's department) for the
-- rooms selected and start dates p_from … p_to.
CREATE FUNCTION "analytics_room_day_department_rows"(p_building uuid, p_rooms uuid[], p_from date, p_to date)
RETURNS TABLE (start_day date, room_id uuid, department text, resolved integer, no_shows integer)
LANGUAGE sql STABLE AS $$
  SELECT (b.start_time AT TIME ZONE bl.timezone)::date, b.room_id, coalesce(u.department, 'Unknown')::text,
    count(*)::int, count(*) FILTER (WHERE b.status = 'no_show')::int
  FROM bookings b
  JOIN rooms r ON r.id = b.room_id
  JOIN buildings bl ON bl.id = r.building_id
  JOIN users u ON u.id = b.organizer_id
  WHERE (p_building IS NULL OR r.building_id = p_building) AND (p_rooms IS NULL OR r.id = ANY (p_rooms))
    AND b.start_time >= (p_from::timestamp AT TIME ZONE bl.timezone)
    AND b.start_time < ((p_to + 1)::timestamp AT TIME ZONE bl.timezone)
    AND b.start_time >= ((p_from - 1)::timestamp AT TIME ZONE 'UTC')
    AND b.start_time < ((p_to + 2)::timestamp AT TIME ZONE 'UTC')
    AND b.status <> 'cancelled' AND (b.checked_in_at IS NOT NULL OR b.status IN ('completed', 'no_show'))
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
-- Recomputes the rollup rows of these rooms for start dates p_from … p_to (as far as they are rolled up). Takes the
-- state row FOR SHARE (a rebuild waits for it and then sees this transaction's changes) and one advisory lock per
-- room (two transactions refreshing one room would otherwise both insert its rows).
CREATE FUNCTION "analytics_refresh"(p_rooms uuid[], p_from date, p_to date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s analytics_rollup_state;
BEGIN
  SELECT * INTO s FROM analytics_rollup_state WHERE id = 1 FOR SHARE;
  IF s.rolled_through IS NULL OR p_from > s.rolled_through OR p_rooms IS NULL THEN
    RETURN;
  END IF;
  p_to := least(p_to, s.rolled_through);
  PERFORM pg_advisory_xact_lock(20261129, hashtext(x::text)) FROM (SELECT DISTINCT unnest(p_rooms) AS x ORDER BY 1) r;
  DELETE FROM analytics_room_days d WHERE d.start_day BETWEEN p_from AND p_to AND d.room_id = ANY (p_rooms);
  INSERT INTO analytics_room_days
    SELECT * FROM analytics_room_day_rows(NULL, p_rooms, p_from, p_to, 'infinity', s.business_days, s.business_start, s.business_end);
  DELETE FROM analytics_room_day_departments d WHERE d.start_day BETWEEN p_from AND p_to AND d.room_id = ANY (p_rooms);
  INSERT INTO analytics_room_day_departments
    SELECT * FROM analytics_room_day_department_rows(NULL, p_rooms, p_from, p_to);
END $$;
--> statement-breakpoint
-- The sweep's step: roll the rollup forward to p_target (at most two days before today in UTC−12), or rebuild it all
-- when it was made for another business calendar or never. Returns 'rebuilt', 'rolled' or 'current'.
CREATE FUNCTION "analytics_roll_forward"(p_target date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  s analytics_rollup_state;
  o org_settings;
  v_from date;
  v_result text;
BEGIN
  p_target := least(p_target, (now() AT TIME ZONE 'Etc/GMT+12')::date - 2);
  INSERT INTO analytics_rollup_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
  SELECT * INTO s FROM analytics_rollup_state WHERE id = 1 FOR UPDATE;
  SELECT * INTO o FROM org_settings WHERE id = 1;
  IF o.id IS NULL THEN
    RETURN 'current';
  END IF;
  IF s.rolled_through IS NULL OR s.business_days IS DISTINCT FROM o.business_days
     OR s.business_start <> o.business_start OR s.business_end <> o.business_end THEN
    DELETE FROM analytics_room_days;
    DELETE FROM analytics_room_day_departments;
    v_from := '-infinity';
    v_result := 'rebuilt';
  ELSIF p_target > s.rolled_through THEN
    v_from := s.rolled_through + 1;
    v_result := 'rolled';
  ELSE
    RETURN 'current';
  END IF;
  INSERT INTO analytics_room_days
    SELECT * FROM analytics_room_day_rows(NULL, NULL, v_from, p_target, 'infinity', o.business_days, o.business_start, o.business_end);
  INSERT INTO analytics_room_day_departments
    SELECT * FROM analytics_room_day_department_rows(NULL, NULL, v_from, p_target);
  IF v_result = 'rebuilt' THEN
    -- The planner's row estimates for date ranges of the new table (autovacuum would take its time).
    ANALYZE analytics_room_days;
    ANALYZE analytics_room_day_departments;
  END IF;
  UPDATE analytics_rollup_state SET rolled_through = p_target, business_days = o.business_days,
    business_start = o.business_start, business_end = o.business_end, updated_at = now()
  WHERE id = 1;
  RETURN v_result;
END $$;
--> statement-breakpoint
-- A booking that started more than a day ago changed: recompute its room around its start date, before and after.
-- (A UTC date ± 1 holds its local date in every zone; the refresh ignores dates not rolled up.)
CREATE FUNCTION "analytics_booking_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.start_time < now() - interval '1 day' THEN
    PERFORM analytics_refresh(ARRAY[OLD.room_id], (OLD.start_time AT TIME ZONE 'UTC')::date - 1, (OLD.start_time AT TIME ZONE 'UTC')::date + 1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.start_time < now() - interval '1 day'
     AND (TG_OP = 'INSERT' OR NEW.room_id <> OLD.room_id OR NEW.start_time <> OLD.start_time) THEN
    PERFORM analytics_refresh(ARRAY[NEW.room_id], (NEW.start_time AT TIME ZONE 'UTC')::date - 1, (NEW.start_time AT TIME ZONE 'UTC')::date + 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bookings_analytics_insert" AFTER INSERT ON "bookings" FOR EACH ROW
  WHEN (NEW.start_time < now() - interval '1 day') EXECUTE FUNCTION analytics_booking_changed();
--> statement-breakpoint
CREATE TRIGGER "bookings_analytics_update" AFTER UPDATE ON "bookings" FOR EACH ROW
  WHEN (OLD.start_time < now() - interval '1 day' OR NEW.start_time < now() - interval '1 day')
  EXECUTE FUNCTION analytics_booking_changed();
--> statement-breakpoint
CREATE TRIGGER "bookings_analytics_delete" AFTER DELETE ON "bookings" FOR EACH ROW
  WHEN (OLD.start_time < now() - interval '1 day') EXECUTE FUNCTION analytics_booking_changed();
--> statement-breakpoint
-- A room's seats (capacity ratios, over/undersized) or building (time zone) changed: recompute that room.
CREATE FUNCTION "analytics_room_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_refresh(ARRAY[NEW.id], '-infinity', 'infinity');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "rooms_analytics_update" AFTER UPDATE OF "capacity", "building_id" ON "rooms" FOR EACH ROW
  WHEN (OLD.capacity <> NEW.capacity OR OLD.building_id <> NEW.building_id) EXECUTE FUNCTION analytics_room_changed();
--> statement-breakpoint
-- A building's time zone changed: its rooms' local dates moved; recompute them.
CREATE FUNCTION "analytics_building_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_refresh(ARRAY(SELECT id FROM rooms WHERE building_id = NEW.id), '-infinity', 'infinity');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "buildings_analytics_update" AFTER UPDATE OF "timezone" ON "buildings" FOR EACH ROW
  WHEN (OLD.timezone <> NEW.timezone) EXECUTE FUNCTION analytics_building_changed();
--> statement-breakpoint
-- A user's department changed: move the counts of that user's rolled-up resolved bookings from the old department's
-- rows to the new one's (set-based, from that user's bookings only), under the same per-room locks as a refresh.
CREATE FUNCTION "analytics_user_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s analytics_rollup_state;
BEGIN
  SELECT * INTO s FROM analytics_rollup_state WHERE id = 1 FOR SHARE;
  IF s.rolled_through IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(20261129, hashtext(x::text))
  FROM (SELECT DISTINCT room_id AS x FROM bookings WHERE organizer_id = NEW.id ORDER BY 1) r;
  WITH mine AS (
    SELECT (b.start_time AT TIME ZONE bl.timezone)::date AS start_day, b.room_id,
      count(*)::int AS resolved, count(*) FILTER (WHERE b.status = 'no_show')::int AS no_shows
    FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN buildings bl ON bl.id = r.building_id
    WHERE b.organizer_id = NEW.id AND b.status <> 'cancelled'
      AND (b.checked_in_at IS NOT NULL OR b.status IN ('completed', 'no_show'))
      AND (b.start_time AT TIME ZONE bl.timezone)::date <= s.rolled_through
    GROUP BY 1, 2
  ),
  moved_out AS (
    UPDATE analytics_room_day_departments d
    SET resolved = d.resolved - m.resolved, no_shows = d.no_shows - m.no_shows
    FROM mine m
    WHERE d.start_day = m.start_day AND d.room_id = m.room_id AND d.department = coalesce(OLD.department, 'Unknown')
    RETURNING d.start_day
  )
  INSERT INTO analytics_room_day_departments AS d (start_day, room_id, department, resolved, no_shows)
  SELECT m.start_day, m.room_id, coalesce(NEW.department, 'Unknown'), m.resolved, m.no_shows FROM mine m
  ON CONFLICT (start_day, room_id, department)
  DO UPDATE SET resolved = d.resolved + excluded.resolved, no_shows = d.no_shows + excluded.no_shows;
  -- A department left with nothing on a date has no row, as a recomputation would give.
  DELETE FROM analytics_room_day_departments d
  WHERE d.department = coalesce(OLD.department, 'Unknown') AND d.resolved = 0
    AND d.room_id IN (SELECT DISTINCT room_id FROM bookings WHERE organizer_id = NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_analytics_update" AFTER UPDATE OF "department" ON "users" FOR EACH ROW
  WHEN (OLD.department IS DISTINCT FROM NEW.department) EXECUTE FUNCTION analytics_user_changed();
