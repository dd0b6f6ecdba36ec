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
  /**
   * Start dates up to this local date are read from the rollup (migration 0008), later ones computed live; null =
   * everything live. The service sets it from `selectRollupState` (see `effectiveRolledThrough`).
   */
  rolledThrough: string | null;
}

/**
 * Runs one analytics query with JIT compilation off and a plan made for its parameters:
 *  - JIT: PostgreSQL's cost estimate for these plans crosses the JIT threshold, and compiling them took 2.2 s of a
 *    4.8 s query on the 1M-booking benchmark (EXPLAIN ANALYZE, "JIT: Timing … Total 2162 ms") while the query itself
 *    needs well under a second.
 *  - custom plans: postgres.js prepares every statement, and from the sixth run PostgreSQL may switch to a generic
 *    plan, which cannot see how many rollup rows a date range holds nor inline the live function's date bounds: on
 *    the benchmark a 90-day KPI call went from 32 ms to 377 ms when it did. Planning these takes about a millisecond.
 */
async function run<T>(db: Executor, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return selectRows<T>(tx, query);
  });
}

const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/** CTE `rm`: the rooms in scope with their building's name and zone. */
function roomsInScope(s: Scope): SQL {
  const roomIds = s.roomIds ? pgArray(s.roomIds) : null;
  return sql`
  rm as (
    select r.id, r.name, r.capacity, bl.name as building_name, bl.timezone as tz,
      (${s.startDate}::date::timestamp at time zone bl.timezone) as p_start,
      ((${s.endDate}::date + 1)::timestamp at time zone bl.timezone) as p_end
    from rooms r join buildings bl on bl.id = r.building_id
    where (${s.building ?? null}::uuid is null or r.building_id = ${s.building ?? null}::uuid)
      and (${roomIds}::uuid[] is null or r.id = any(${roomIds}::uuid[]))
  )`;
}

/**
 * CTEs `zones` (rooms in scope per zone) and `win` (the business window of every business date of P in each zone,
 * clipped at now): the denominators. Needs `rm`.
 */
function windows(s: Scope): SQL {
  const now = s.now.toISOString();
  return sql`
  zones as (select tz, count(*)::int as rooms from rm group by tz),
  win as (
    select z.tz, z.rooms, d.day, w.ws, least(w.we, ${now}::timestamptz) as we
    from zones z
    cross join (select g::date as day from generate_series(${s.startDate}::date, ${s.endDate}::date, interval '1 day') g) d
    cross join lateral (select (d.day + ${s.businessStart}::time) at time zone z.tz as ws,
                               (d.day + ${s.businessEnd}::time) at time zone z.tz as we) w
    where extract(isodow from d.day)::int = any(${pgArray(s.businessDays)}::int[])
      and w.ws < ${now}::timestamptz
  )`;
}

/** The local date after `day` (`YYYY-MM-DD`, calendar arithmetic, no zone involved). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * How P splits between the rollup and the live computation: start dates `rolled` (or none) from
 * `analytics_room_days`, start dates `live` (or none) through `analytics_room_day_rows` with `now`.
 */
function split(s: Scope): { rolled: [string, string] | null; live: [string, string] | null } {
  const r = s.rolledThrough;
  if (!r || r < s.startDate) return { rolled: null, live: [s.startDate, s.endDate] };
  const rolledTo = r < s.endDate ? r : s.endDate;
  const liveFrom = nextDay(rolledTo);
  return { rolled: [s.startDate, rolledTo], live: liveFrom <= s.endDate ? [liveFrom, s.endDate] : null };
}

/**
 * CTE `rd` (room days): per (start date, room, date) the booked and used seconds, used seconds per business hour and
 * booking counts of DOMAIN §4 for the bookings of the rooms in scope starting in P, on the dates of P. Rolled-up start
 * dates come from the rollup table, the rest from the same function computed now (migration 0008). Needs `rm`.
 */
function roomDays(s: Scope): SQL {
  const { rolled, live } = split(s);
  const parts: SQL[] = [];
  if (rolled) {
    // Every rollup row belongs to an existing room: the join to the rooms in scope only filters, so it is left out
    // when every room is in scope (a hash join over 181,000 rows of a year took 40 of 130 ms).
    const filtered = s.building !== undefined || s.roomIds !== undefined;
    parts.push(sql`select d.* from analytics_room_days d
      where d.start_day between ${rolled[0]}::date and ${rolled[1]}::date and d.day <= ${s.endDate}::date
      ${filtered ? sql`and d.room_id in (select id from rm)` : sql``}`);
  }
  if (live) {
    const roomIds = s.roomIds ? pgArray(s.roomIds) : null;
    parts.push(sql`select l.* from analytics_room_day_rows(${s.building ?? null}::uuid, ${roomIds}::uuid[],
      ${live[0]}::date, ${live[1]}::date, ${s.now.toISOString()}::timestamptz, ${pgArray(s.businessDays)}::int[],
      ${s.businessStart}::varchar, ${s.businessEnd}::varchar) l
      where l.day <= ${s.endDate}::date`);
  }
  return sql`rd as (${sql.join(parts, sql` union all `)})`;
}

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
  return sql`with ${roomsInScope(s)}, ${windows(s)}, ${roomDays(s)},
  available as (select tz, sum(extract(epoch from we - ws)) as s from win group by tz),
  agg as (
    select room_id, sum(booked_s) as booked_s, sum(used_s) as used_s, sum(counted) as counted, sum(resolved) as resolved,
      sum(no_shows) as no_shows, sum(no_show_scheduled_s) as no_show_scheduled_s, sum(checked_in) as checked_in,
      sum(attendees) as attendees, sum(capacity_ratio_sum) as capacity_ratio_sum, sum(oversized) as oversized,
      sum(undersized) as undersized, sum(recovered_s) as recovered_s
    from rd group by room_id
  )
  select rm.id as room_id, rm.name as room_name, rm.building_name, rm.capacity,
    coalesce(a.s, 0)::float8 as available_s, coalesce(g.booked_s, 0)::float8 as booked_s, coalesce(g.used_s, 0)::float8 as used_s,
    coalesce(g.counted, 0)::int as counted, coalesce(g.resolved, 0)::int as resolved, coalesce(g.no_shows, 0)::int as no_shows,
    coalesce(g.no_show_scheduled_s, 0)::float8 as no_show_scheduled_s, coalesce(g.checked_in, 0)::int as checked_in,
    coalesce(g.attendees, 0)::float8 as attendees, coalesce(g.capacity_ratio_sum, 0)::float8 as capacity_ratio_sum,
    coalesce(g.oversized, 0)::int as oversized, coalesce(g.undersized, 0)::int as undersized,
    coalesce(g.recovered_s, 0)::float8 as recovered_s
  from rm
  left join available a on a.tz = rm.tz
  left join agg g on g.room_id = rm.id
  order by rm.building_name, rm.name, rm.id`;
}

/** One row per room in scope (every room, zeros where it had no bookings), ordered by building and name. */
export async function selectRoomStats(db: Executor, s: Scope): Promise<RoomStatsRow[]> {
  const rows = await run<RoomStatsRow>(db, roomStatsSql(s));
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
 * Business time by local hour, the denominators of the heatmap: each business window cut into 15-minute pieces aligned
 * on UTC (every zone's offset and its changes are multiples of 15 minutes), each in the local hour it falls in, so on
 * the night clocks go back both 02:00–03:00 count in hour 2, as the used time does (migration 0008).
 */
function slots(): SQL {
  return sql`slot as (
    select w.tz, w.rooms, w.day, extract(isodow from w.day)::int as dow,
      extract(hour from p.ss at time zone w.tz)::int as hour, p.ss, p.se
    from win w
    cross join lateral generate_series(date_bin('15 minutes', w.ws, timestamptz '2000-01-01 00:00+00'), w.we, interval '15 minutes') g
    cross join lateral (select greatest(g, w.ws) as ss, least(g + interval '15 minutes', w.we) as se) p
    where p.ss < p.se
  )`;
}

/**
 * Used seconds (`kind` = "used") and available seconds (`kind` = "available", rooms of the zone × slot length), a
 * null key not being part of the grouping: with `by` = "room", used seconds by (room, hour) only (peak hours); with
 * `by` = "weekday", both by (weekday, hour), (hour) and (weekday) (the heatmap and the usage profile).
 */
export interface HourlyRow {
  kind: "used" | "available";
  room_id: string | null;
  dow: number | null;
  hour: number | null;
  s: number;
}

/**
 * `hours` must be the business hours of the scope's calendar (`businessHours`): element i of `used_hour_s` is the
 * hour `hours[i - 1]`.
 */
export async function selectHourly(db: Executor, s: Scope, hours: number[], by: "room" | "weekday"): Promise<HourlyRow[]> {
  const sums = sql.join(hours.map((_, i) => sql`sum(rd.used_hour_s[${sql.raw(String(i + 1))}])`), sql`, `);
  const first = hours[0] ?? 0;
  if (by === "room") {
    const rows = await run<HourlyRow>(
      db,
      sql`with ${roomsInScope(s)}, ${roomDays(s)},
      used as (select rd.room_id, array[${sums}]::float8[] as hs from rd group by rd.room_id)
      select 'used' as kind, u.room_id, null::int as dow, ${first} + h.i::int - 1 as hour, h.s
      from used u cross join lateral unnest(u.hs) with ordinality as h(s, i)`,
    );
    return rows.map(numeric);
  }
  const rows = await run<HourlyRow>(
    db,
    sql`with ${roomsInScope(s)}, ${windows(s)}, ${roomDays(s)}, ${slots()},
    used as (
      select extract(isodow from rd.day)::int as dow, array[${sums}]::float8[] as hs
      from rd group by grouping sets ((extract(isodow from rd.day)::int), ())
    )
    select 'used' as kind, null::uuid as room_id, u.dow, ${first} + h.i::int - 1 as hour, h.s
    from used u cross join lateral unnest(u.hs) with ordinality as h(s, i)
    union all
    select 'used' as kind, null::uuid, u.dow, null::int, (select sum(x) from unnest(u.hs) x)
    from used u where u.dow is not null
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
    sql`with ${roomsInScope(s)}, ${windows(s)}, ${roomDays(s)},
    days as (select g::date as day from generate_series(${s.startDate}::date, ${s.endDate}::date, interval '1 day') g),
    available as (select day, sum(rooms * extract(epoch from we - ws)) as s from win group by day),
    -- Minutes count on the date they fall on; the counts sit on the start date's row.
    agg as (
      select day, sum(booked_s) as booked_s, sum(used_s) as used_s, sum(counted) as counted,
        sum(resolved) as resolved, sum(no_shows) as no_shows
      from rd group by day
    )
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(a.s, 0)::float8 as available_s,
      coalesce(g.booked_s, 0)::float8 as booked_s, coalesce(g.used_s, 0)::float8 as used_s,
      coalesce(g.counted, 0)::int as counted, coalesce(g.resolved, 0)::int as resolved, coalesce(g.no_shows, 0)::int as no_shows
    from days
    left join available a on a.day = days.day
    left join agg g on g.day = days.day
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
  const { rolled, live } = split(s);
  const parts: SQL[] = [];
  if (rolled) {
    const filtered = s.building !== undefined || s.roomIds !== undefined;
    parts.push(sql`select d.department, d.resolved, d.no_shows from analytics_room_day_departments d
      where d.start_day between ${rolled[0]}::date and ${rolled[1]}::date
      ${filtered ? sql`and d.room_id in (select id from rm)` : sql``}`);
  }
  if (live) {
    const roomIds = s.roomIds ? pgArray(s.roomIds) : null;
    parts.push(sql`select l.department, l.resolved, l.no_shows
      from analytics_room_day_department_rows(${s.building ?? null}::uuid, ${roomIds}::uuid[], ${live[0]}::date, ${live[1]}::date) l`);
  }
  const rows = await run<DepartmentRow>(
    db,
    sql`with ${roomsInScope(s)}, dep as (${sql.join(parts, sql` union all `)})
    select department, sum(resolved)::int as resolved, sum(no_shows)::int as no_shows
    from dep group by 1 order by 1`,
  );
  return rows.map(numeric);
}

/** The distinct seat counts of the rooms in scope, smallest first (the sizes right-sizing advice may suggest). */
export async function selectCapacities(db: Executor, s: Scope): Promise<number[]> {
  const rows = await selectRows<{ capacity: number }>(
    db,
    sql`with ${roomsInScope(s)} select distinct capacity from rm order by capacity`,
  );
  return rows.map((r) => Number(r.capacity));
}

/**
 * CTEs `rm` and `bk` (counted bookings B of the rooms in scope: start in P in the room's zone, not cancelled), for the
 * figures that need single bookings (the capacity scatter and right-sizing).
 */
function base(s: Scope): SQL {
  return sql`${roomsInScope(s)},
  bk as materialized (
    select b.id, b.room_id, b.attendee_count, b.checked_in_at is not null as checked_in
    from bookings b join rm on rm.id = b.room_id
    where b.start_time >= rm.p_start and b.start_time < rm.p_end and b.status <> 'cancelled'
      -- The same bounds in every zone (UTC−12 … UTC+14), which the start-time index can use: without them the
      -- planner read all 1,000,000 bookings of the benchmark for a 30-day capacity page (340 ms).
      and b.start_time >= ((${s.startDate}::date - 1)::timestamp at time zone 'UTC')
      and b.start_time < ((${s.endDate}::date + 2)::timestamp at time zone 'UTC')
  )`;
}

/**
 * The capacity scatter and right-sizing: distinct (room, attendees) pairs of the checked-in bookings with how many had
 * them (a scatter that stays small), each with its room's meetings, median attendees (as `percentile_cont(0.5)`) and
 * 80th percentile (as `percentile_disc(0.8)`), worked out from that histogram so the bookings are read once.
 */
export interface CapacityPointRow {
  room_id: string;
  room_name: string;
  capacity: number;
  attendees: number;
  bookings: number;
  meetings: number;
  median_attendees: number;
  p80_attendees: number;
}

export async function selectCapacityPoints(db: Executor, s: Scope): Promise<CapacityPointRow[]> {
  const rows = await run<CapacityPointRow>(
    db,
    sql`with ${base(s)},
    pts as (select bk.room_id, bk.attendee_count as attendees, count(*)::int as bookings from bk where bk.checked_in group by 1, 2),
    -- c = meetings of the room with at most this many attendees; value k (0-based, sorted) = least attendees with c > k.
    cum as (
      select p.*, sum(p.bookings) over (partition by p.room_id order by p.attendees) as c,
        sum(p.bookings) over (partition by p.room_id) as total
      from pts p
    ),
    sizing as (
      select room_id, max(total)::int as meetings,
        min(attendees) filter (where c > floor(0.5 * (total - 1))) as lo,
        min(attendees) filter (where c > ceil(0.5 * (total - 1))) as hi,
        0.5 * (max(total) - 1) - floor(0.5 * (max(total) - 1)) as frac,
        min(attendees) filter (where c >= 0.8 * total) as p80
      from cum group by room_id
    )
    select rm.id as room_id, rm.name as room_name, rm.capacity, cum.attendees, cum.bookings, sz.meetings,
      (sz.lo + sz.frac * (sz.hi - sz.lo))::float8 as median_attendees, sz.p80::int as p80_attendees
    from cum join rm on rm.id = cum.room_id join sizing sz on sz.room_id = cum.room_id
    order by rm.name, rm.id, cum.attendees`,
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

/** The rollup's watermark and the business calendar it was computed with (migration 0008); null before any roll-up. */
export interface RollupStateRow {
  rolled_through: string | null;
  business_days: number[];
  business_start: string;
  business_end: string;
}

export async function selectRollupState(db: Executor): Promise<RollupStateRow | null> {
  const [row] = await selectRows<RollupStateRow>(
    db,
    sql`select to_char(rolled_through, 'YYYY-MM-DD') as rolled_through, business_days, business_start, business_end
        from analytics_rollup_state where id = 1`,
  );
  return row ?? null;
}

/**
 * Rolls the rollup forward to start date `target` (the database keeps it at least two days before today in UTC−12),
 * or rebuilds it when it was made for another business calendar. Returns what it did.
 */
export async function rollForward(db: Executor, target: string): Promise<"rebuilt" | "rolled" | "current"> {
  const [row] = await run<{ result: "rebuilt" | "rolled" | "current" }>(db, sql`select analytics_roll_forward(${target}::date) as result`);
  return row.result;
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
