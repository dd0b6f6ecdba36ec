import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Executor } from "@/db/client";

/**
 * The analytics SQL (DOMAIN §4), private to lib/analytics. Every figure is aggregated here, set-based: business time
 * is a set of generated windows (one per time zone and business date of the period, clipped at `now`), bookings are
 * cut into their local days and hash-joined to those windows, and sums of seconds come back per room, hour or day.
 * Nothing loops over bookings or rooms in TypeScript.
 */

/** What every query needs: the period, the instant `now`, the business calendar and the room selection. */
export interface Scope {
  /** First and last local date of the period, inclusive (`YYYY-MM-DD`). */
  startDate: string;
  endDate: string;
  now: Date;
  /** ISO weekdays (1 = Monday … 7 = Sunday) and local "HH:MM" business hours from the settings. */
  businessDays: number[];
  businessStart: string;
  businessEnd: string;
  building?: string;
  roomIds?: string[];
}

/**
 * Runs one analytics query with JIT compilation off: PostgreSQL's cost estimate for these plans crosses the JIT
 * threshold, and compiling them took 2.2 s of a 4.8 s query on the 1M-booking benchmark (EXPLAIN ANALYZE, "JIT:
 * Timing … Total 2162 ms") while the query itself needs well under a second.
 */
async function run<T>(db: Executor, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return selectRows<T>(tx, query);
  });
}

const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/**
 * CTEs `rm` (rooms in scope with their zone and the period's instants in it), `win` (business windows per zone and
 * local date, clipped at now), `bk` (counted bookings B: start in P, not cancelled) and `bd` (each counted booking cut
 * into the local days it touches, for the equality join to `win`).
 */
function base(s: Scope): SQL {
  const now = s.now.toISOString();
  const roomIds = s.roomIds ? pgArray(s.roomIds) : null;
  return sql`
  rm as (
    select r.id, r.name, r.capacity, bl.name as building_name, bl.timezone as tz,
      (${s.startDate}::date::timestamp at time zone bl.timezone) as p_start,
      ((${s.endDate}::date + 1)::timestamp at time zone bl.timezone) as p_end
    from rooms r join buildings bl on bl.id = r.building_id
    where (${s.building ?? null}::uuid is null or r.building_id = ${s.building ?? null}::uuid)
      and (${roomIds}::uuid[] is null or r.id = any(${roomIds}::uuid[]))
  ),
  zones as (select tz, count(*)::int as rooms from rm group by tz),
  win as (
    select z.tz, z.rooms, d.day, w.ws, least(w.we, ${now}::timestamptz) as we
    from zones z
    cross join (select g::date as day from generate_series(${s.startDate}::date, ${s.endDate}::date, interval '1 day') g) d
    cross join lateral (select (d.day + ${s.businessStart}::time) at time zone z.tz as ws,
                               (d.day + ${s.businessEnd}::time) at time zone z.tz as we) w
    where extract(isodow from d.day)::int = any(${pgArray(s.businessDays)}::int[])
      and w.ws < ${now}::timestamptz
  ),
  bk as materialized (
    select b.id, b.room_id, rm.tz, rm.capacity, b.organizer_id, b.start_time, b.end_time, b.ended_at, b.status,
      b.attendee_count, b.checked_in_at is not null as checked_in,
      (b.checked_in_at is not null or b.status in ('completed', 'no_show')) as resolved,
      coalesce(b.ended_at, b.end_time) as used_end,
      (b.start_time at time zone rm.tz)::date as local_day
    from bookings b join rm on rm.id = b.room_id
    where b.start_time >= rm.p_start and b.start_time < rm.p_end and b.status <> 'cancelled'
  ),
  bd as (
    -- Most bookings stay within their local start day: only the others go through generate_series.
    select bk.room_id, bk.tz, bk.start_time, bk.end_time, bk.used_end, bk.checked_in, bk.local_day as day from bk
    union all
    select bk.room_id, bk.tz, bk.start_time, bk.end_time, bk.used_end, bk.checked_in, g::date as day
    from bk cross join lateral generate_series(bk.local_day + 1, (bk.end_time at time zone bk.tz)::date, interval '1 day') g
    where bk.end_time > ((bk.local_day + 1)::timestamp at time zone bk.tz)
  )`;
}

/** Seconds of [a, b) ∩ [c, d), 0 when they do not meet. */
const overlap = (a: SQL, b: SQL, c: SQL, d: SQL) =>
  sql`greatest(0, extract(epoch from least(${b}, ${d}) - greatest(${a}, ${c})))`;

/** Per room: available, booked and used seconds and the booking counts behind every per-room figure of DOMAIN §4. */
export interface RoomStatsRow {
  room_id: string;
  room_name: string;
  building_name: string;
  capacity: number;
  available_s: number;
  booked_s: number;
  used_s: number;
  counted: number;
  resolved: number;
  no_shows: number;
  no_show_scheduled_s: number;
  checked_in: number;
  attendees: number;
  capacity_ratio_sum: number;
  oversized: number;
  undersized: number;
  recovered_s: number;
}

function roomStatsSql(s: Scope): SQL {
  return sql`with ${base(s)},
  minutes as (
    select bd.room_id,
      sum(${overlap(sql`bd.start_time`, sql`bd.end_time`, sql`w.ws`, sql`w.we`)}) as booked_s,
      sum(case when bd.checked_in then ${overlap(sql`bd.start_time`, sql`bd.used_end`, sql`w.ws`, sql`w.we`)} else 0 end) as used_s
    from bd join win w on w.tz = bd.tz and w.day = bd.day
    group by bd.room_id
  ),
  available as (select tz, sum(extract(epoch from we - ws)) as s from win group by tz),
  counts as (
    select room_id,
      count(*)::int as counted,
      count(*) filter (where resolved)::int as resolved,
      count(*) filter (where status = 'no_show')::int as no_shows,
      coalesce(sum(extract(epoch from end_time - start_time)) filter (where status = 'no_show'), 0) as no_show_scheduled_s,
      count(*) filter (where checked_in)::int as checked_in,
      coalesce(sum(attendee_count) filter (where checked_in), 0) as attendees,
      coalesce(sum(attendee_count::float8 / capacity) filter (where checked_in), 0) as capacity_ratio_sum,
      count(*) filter (where checked_in and attendee_count * 2 < capacity)::int as oversized,
      count(*) filter (where checked_in and attendee_count > capacity)::int as undersized,
      coalesce(sum(extract(epoch from end_time - ended_at)) filter (where ended_at is not null), 0) as recovered_s
    from bk group by room_id
  )
  select rm.id as room_id, rm.name as room_name, rm.building_name, rm.capacity,
    coalesce(a.s, 0)::float8 as available_s, coalesce(m.booked_s, 0)::float8 as booked_s, coalesce(m.used_s, 0)::float8 as used_s,
    coalesce(c.counted, 0) as counted, coalesce(c.resolved, 0) as resolved, coalesce(c.no_shows, 0) as no_shows,
    coalesce(c.no_show_scheduled_s, 0)::float8 as no_show_scheduled_s, coalesce(c.checked_in, 0) as checked_in,
    coalesce(c.attendees, 0)::float8 as attendees, coalesce(c.capacity_ratio_sum, 0)::float8 as capacity_ratio_sum,
    coalesce(c.oversized, 0) as oversized, coalesce(c.undersized, 0) as undersized, coalesce(c.recovered_s, 0)::float8 as recovered_s
  from rm
  left join available a on a.tz = rm.tz
  left join minutes m on m.room_id = rm.id
  left join counts c on c.room_id = rm.id
  order by rm.building_name, rm.name, rm.id`;
}

/** One row per room in scope (every room, zeros where it had no bookings), ordered by building and name. */
export async function selectRoomStats(db: Executor, s: Scope): Promise<RoomStatsRow[]> {
  const rows = await run<RoomStatsRow>(
    db, roomStatsSql(s));
  return rows.map(numeric);
}

/** The sums of every room's stats (KPIs): one row, with `rooms` = number of rooms in scope. */
export type TotalsRow = Omit<RoomStatsRow, "room_id" | "room_name" | "building_name" | "capacity"> & { rooms: number };

export async function selectTotals(db: Executor, s: Scope): Promise<TotalsRow> {
  const [row] = await run<TotalsRow>(
    db,
    sql`select count(*)::int as rooms,
      coalesce(sum(available_s), 0)::float8 as available_s, coalesce(sum(booked_s), 0)::float8 as booked_s,
      coalesce(sum(used_s), 0)::float8 as used_s, coalesce(sum(counted), 0)::int as counted,
      coalesce(sum(resolved), 0)::int as resolved, coalesce(sum(no_shows), 0)::int as no_shows,
      coalesce(sum(no_show_scheduled_s), 0)::float8 as no_show_scheduled_s, coalesce(sum(checked_in), 0)::int as checked_in,
      coalesce(sum(attendees), 0)::float8 as attendees, coalesce(sum(capacity_ratio_sum), 0)::float8 as capacity_ratio_sum,
      coalesce(sum(oversized), 0)::int as oversized, coalesce(sum(undersized), 0)::int as undersized,
      coalesce(sum(recovered_s), 0)::float8 as recovered_s
    from (${roomStatsSql(s)}) s`,
  );
  return numeric(row);
}

/**
 * Business hour slots: each business window cut at local whole hours (`hours` = the local hours business time
 * touches), so a slot is [max(window start, HH:00), min(window end, HH+1:00)).
 */
function slots(hours: number[]): SQL {
  return sql`slot as (
    select w.tz, w.rooms, w.day, extract(isodow from w.day)::int as dow, h.hour, x.ss, x.se
    from win w
    cross join unnest(${pgArray(hours)}::int[]) as h(hour)
    cross join lateral (select greatest(w.ws, (w.day + make_time(h.hour, 0, 0)) at time zone w.tz) as ss,
                               least(w.we, (w.day + make_time(h.hour, 0, 0) + interval '1 hour') at time zone w.tz) as se) x
    where x.ss < x.se
  )`;
}

/**
 * Used seconds (`kind` = "used") by (room, hour), (weekday, hour), (hour) and (weekday), and available seconds
 * (`kind` = "available", rooms of the zone × slot length) by the last three; a null key is not part of the grouping.
 */
export interface HourlyRow {
  kind: "used" | "available";
  room_id: string | null;
  dow: number | null;
  hour: number | null;
  s: number;
}

export async function selectHourly(db: Executor, s: Scope, hours: number[]): Promise<HourlyRow[]> {
  const rows = await run<HourlyRow>(
    db,
    sql`with ${base(s)}, ${slots(hours)},
    used as (
      select bd.room_id, sl.dow, sl.hour, ${overlap(sql`bd.start_time`, sql`bd.used_end`, sql`sl.ss`, sql`sl.se`)} as s
      from bd join slot sl on sl.tz = bd.tz and sl.day = bd.day
      where bd.checked_in
    )
    select 'used' as kind, room_id, dow, hour, sum(s)::float8 as s
    from used group by grouping sets ((room_id, hour), (dow, hour), (hour), (dow))
    union all
    select 'available' as kind, null::uuid as room_id, dow, hour, sum(rooms * extract(epoch from se - ss))::float8 as s
    from slot group by grouping sets ((dow, hour), (hour), (dow))`,
  );
  return rows.map(numeric);
}

/** Per local date of the period: available, booked and used seconds, and B, R and no-show counts of bookings starting then. */
export interface DailyRow {
  day: string;
  available_s: number;
  booked_s: number;
  used_s: number;
  counted: number;
  resolved: number;
  no_shows: number;
}

export async function selectDaily(db: Executor, s: Scope): Promise<DailyRow[]> {
  const rows = await run<DailyRow>(
    db,
    sql`with ${base(s)},
    days as (select g::date as day from generate_series(${s.startDate}::date, ${s.endDate}::date, interval '1 day') g),
    available as (select day, sum(rooms * extract(epoch from we - ws)) as s from win group by day),
    minutes as (
      select w.day,
        sum(${overlap(sql`bd.start_time`, sql`bd.end_time`, sql`w.ws`, sql`w.we`)}) as booked_s,
        sum(case when bd.checked_in then ${overlap(sql`bd.start_time`, sql`bd.used_end`, sql`w.ws`, sql`w.we`)} else 0 end) as used_s
      from bd join win w on w.tz = bd.tz and w.day = bd.day
      group by w.day
    ),
    counts as (
      select local_day as day, count(*)::int as counted, count(*) filter (where resolved)::int as resolved,
        count(*) filter (where status = 'no_show')::int as no_shows
      from bk group by local_day
    )
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(a.s, 0)::float8 as available_s,
      coalesce(m.booked_s, 0)::float8 as booked_s, coalesce(m.used_s, 0)::float8 as used_s,
      coalesce(c.counted, 0) as counted, coalesce(c.resolved, 0) as resolved, coalesce(c.no_shows, 0) as no_shows
    from days
    left join available a on a.day = days.day
    left join minutes m on m.day = days.day
    left join counts c on c.day = days.day
    order by days.day`,
  );
  return rows.map(numeric);
}

/** Resolved bookings and no-shows per organizer department ("Unknown" for none), sorted by name. */
export interface DepartmentRow {
  department: string;
  resolved: number;
  no_shows: number;
}

export async function selectDepartments(db: Executor, s: Scope): Promise<DepartmentRow[]> {
  const rows = await run<DepartmentRow>(
    db,
    sql`with ${base(s)}
    select coalesce(u.department, 'Unknown') as department, count(*)::int as resolved,
      count(*) filter (where bk.status = 'no_show')::int as no_shows
    from bk join users u on u.id = bk.organizer_id
    where bk.resolved
    group by 1 order by 1`,
  );
  return rows.map(numeric);
}

/** Attendees of every checked-in booking against its room's seats (the capacity scatter), at most `limit` points. */
export interface CapacityPointRow {
  room_id: string;
  room_name: string;
  capacity: number;
  attendees: number;
  bookings: number;
}

/** Distinct (room, attendees) pairs with how many checked-in bookings had them: a scatter that stays small. */
export async function selectCapacityPoints(db: Executor, s: Scope): Promise<CapacityPointRow[]> {
  const rows = await run<CapacityPointRow>(
    db,
    sql`with ${base(s)}
    select rm.id as room_id, rm.name as room_name, rm.capacity, bk.attendee_count as attendees, count(*)::int as bookings
    from bk join rm on rm.id = bk.room_id
    where bk.checked_in
    group by rm.id, rm.name, rm.capacity, bk.attendee_count
    order by rm.name, bk.attendee_count`,
  );
  return rows.map(numeric);
}

/** Median attendees of each room's checked-in bookings, and the share that would fit each smaller seat count. */
export interface RightSizingRow {
  room_id: string;
  room_name: string;
  capacity: number;
  meetings: number;
  median_attendees: number;
  p80_attendees: number;
}

export async function selectRightSizing(db: Executor, s: Scope): Promise<RightSizingRow[]> {
  const rows = await run<RightSizingRow>(
    db,
    sql`with ${base(s)}
    select rm.id as room_id, rm.name as room_name, rm.capacity, count(*)::int as meetings,
      percentile_cont(0.5) within group (order by bk.attendee_count)::float8 as median_attendees,
      percentile_disc(0.8) within group (order by bk.attendee_count)::int as p80_attendees
    from bk join rm on rm.id = bk.room_id
    where bk.checked_in
    group by rm.id, rm.name, rm.capacity
    order by rm.name`,
  );
  return rows.map(numeric);
}

/** A booking row of the CSV export (CONTRACT §5 export), in (start, id) order; `in_period` = starts in P in its room's zone. */
export interface ExportRow {
  id: string;
  room: string;
  building: string;
  title: string;
  organizer: string;
  department: string | null;
  start_time: Date | string;
  end_time: Date | string;
  ended_at: Date | string | null;
  status: string;
  checked_in: boolean;
  attendee_count: number;
  in_period: boolean;
}

/**
 * One page of the export: the next `limit` bookings by (start, id) after the keyset `after`, within outer bounds that
 * hold the period in every zone (UTC−12 … UTC+14), so the start-time index walks them in order and a page costs
 * its own rows. Each row says whether it is in the export (starts in the period in its room's zone, building filter);
 * the caller writes those and continues after the last row until a page comes back short.
 */
export async function selectExportPage(
  db: Executor,
  s: Scope,
  after: { start: string; id: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const roomIds = s.roomIds ? pgArray(s.roomIds) : null;
  return run<ExportRow>(
    db,
    sql`with page as materialized (
      select b.* from bookings b
      where b.start_time >= ((${s.startDate}::date - 1)::timestamp at time zone 'UTC')
        and b.start_time < ((${s.endDate}::date + 2)::timestamp at time zone 'UTC')
        and b.start_time >= coalesce(${after?.start ?? null}::timestamptz, '-infinity')
        and (${after?.start ?? null}::timestamptz is null or (b.start_time, b.id) > (${after?.start ?? null}::timestamptz, ${after?.id ?? null}::uuid))
      order by b.start_time, b.id
      limit ${limit}
    )
    select p.id, r.name as room, bl.name as building, p.title, u.name as organizer, u.department,
      p.start_time, p.end_time, p.ended_at, p.status, p.checked_in_at is not null as checked_in, p.attendee_count,
      (p.start_time >= (${s.startDate}::date::timestamp at time zone bl.timezone)
        and p.start_time < ((${s.endDate}::date + 1)::timestamp at time zone bl.timezone)
        and (${s.building ?? null}::uuid is null or r.building_id = ${s.building ?? null}::uuid)
        and (${roomIds}::uuid[] is null or r.id = any(${roomIds}::uuid[]))) as in_period
    from page p join rooms r on r.id = p.room_id join buildings bl on bl.id = r.building_id join users u on u.id = p.organizer_id
    order by p.start_time, p.id`,
  );
}

/** postgres.js returns bigint and numeric as text: every figure here is a number. */
function numeric<T>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === "string" && /_s$|^(s|counted|resolved|no_shows|checked_in|attendees|capacity|oversized|undersized|rooms|dow|hour|meetings|bookings|median_attendees|p80_attendees|capacity_ratio_sum)$/.test(key)) {
      out[key] = Number(value);
    }
  }
  return out as T;
}
