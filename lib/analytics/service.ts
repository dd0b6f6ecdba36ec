import { DateTime } from "luxon";
import { getDb } from "@/db/client";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { getBuilding } from "@/lib/rooms/service";
import { getSettings } from "@/lib/settings/service";
import { csvStream, renderPdf } from "./export";
import * as q from "./queries";
import type {
  AnalyticsQuery,
  CapacityPoint,
  ChangeType,
  CompareQuery,
  DepartmentGhosting,
  ExportQuery,
  HeatmapCell,
  Kpi,
  RoomCapacity,
  RoomComparison,
  RoomGhosting,
  RoomUtilization,
  TrendMetric,
  TrendPoint,
  UsageProfile,
} from "./schemas";

/** English weekday names by ISO number (1 = Monday). */
export const WEEKDAYS = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** DOMAIN §4: rates and hours round to one decimal (half away from zero, immune to binary float noise). */
export function round1(x: number): number {
  const scaled = Math.abs(x) * 10;
  const rounded = Math.round(Number(scaled.toPrecision(12))) / 10;
  return x < 0 ? -rounded : rounded;
}

/** Rate in % of `part` over `whole`; 0 when `whole` is 0 (DOMAIN §4: division by zero gives 0 for rates). */
function rate(part: number, whole: number): number {
  return whole > 0 ? round1((part / whole) * 100) : 0;
}

/**
 * The local hours business time touches: 08:00–18:00 → 8…17; 08:30–17:15 → 8…17. The heatmap's and peak hours'
 * buckets (DOMAIN §4).
 */
export function businessHours(start: string, end: string): number[] {
  const [sh] = start.split(":").map(Number);
  const [eh, em] = end.split(":").map(Number);
  const last = em > 0 ? eh : eh - 1;
  return Array.from({ length: Math.max(0, last - sh + 1) }, (_, i) => sh + i);
}

/**
 * Two days before `now`'s date in UTC−12, the westernmost zone (`YYYY-MM-DD`): every booking starting on or before it
 * in any zone has ended by `now` (a booking lasts at most 1,440 minutes), so the rollup may hold it (migration 0008).
 */
function rollupBound(now: Date): string {
  return DateTime.fromJSDate(now, { zone: "Etc/GMT+12" }).minus({ days: 2 }).toFormat("yyyy-MM-dd");
}

/**
 * The last start date the analytics may read from the rollup (migration 0008) for a query at `now`: the rollup's
 * watermark, if it was computed with the current business calendar, and never later than two days before `now`'s
 * date in UTC−12 (so every booking of those dates ended before `now`, even for a `now` in the past). Null = live only.
 */
export function effectiveRolledThrough(
  state: q.RollupStateRow | null,
  calendar: { businessDays: number[]; businessStart: string; businessEnd: string },
  now: Date,
): string | null {
  if (!state?.rolled_through) return null;
  const same =
    state.business_days.join(",") === calendar.businessDays.join(",") &&
    state.business_start === calendar.businessStart &&
    state.business_end === calendar.businessEnd;
  if (!same) return null;
  const bound = rollupBound(now);
  return state.rolled_through < bound ? state.rolled_through : bound;
}

/** Admin only (CONTRACT §5); turns the query into the SQL scope with the business calendar of the settings. */
async function scopeFor(principal: Principal, query: AnalyticsQuery, now: Date, roomIds?: string[]): Promise<q.Scope> {
  if (!isAdmin(principal)) throw new Forbidden("Analytics are for administrators only");
  const db = await getDb();
  const [settings, state] = await Promise.all([
    getSettings(),
    q.selectRollupState(db),
    query.building ? getBuilding(principal, query.building) : null,
  ]);
  return {
    startDate: query.startDate,
    endDate: query.endDate,
    now,
    businessDays: settings.businessDays,
    businessStart: settings.businessStart,
    businessEnd: settings.businessEnd,
    building: query.building,
    roomIds,
    rolledThrough: effectiveRolledThrough(state, settings, now),
  };
}

/**
 * Moves the analytics rollup forward to two days before `now`'s date in UTC−12, or rebuilds it after a change of
 * the business calendar (migration 0008). Run by the sweep; safe to run from several processes at once (the state
 * row is locked). Returns what it did.
 */
export async function rollUpAnalytics(now = new Date()): Promise<"rebuilt" | "rolled" | "current"> {
  return q.rollForward(await getDb(), rollupBound(now));
}

/** The equally long period just before `scope`'s (DOMAIN §4 `change`). */
export function previousPeriod(startDate: string, endDate: string): { startDate: string; endDate: string } {
  const start = DateTime.fromISO(startDate, { zone: "UTC" });
  const days = DateTime.fromISO(endDate, { zone: "UTC" }).diff(start, "days").days + 1;
  return {
    startDate: start.minus({ days }).toFormat("yyyy-MM-dd"),
    endDate: start.minus({ days: 1 }).toFormat("yyyy-MM-dd"),
  };
}

type Direction = "up" | "down" | "none";

function kpi(label: string, unit: string, current: number, previous: number | null, good: Direction): Kpi {
  const value = round1(current);
  const change = previous === null || previous === 0 ? null : round1(((current - previous) / previous) * 100);
  let changeType: ChangeType = "neutral";
  if (change !== null && change !== 0 && good !== "none") {
    changeType = (change > 0) === (good === "up") ? "positive" : "negative";
  }
  return { label, value, change, changeType, unit };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/**
 * CONTRACT 5.1 / DOMAIN §4 KPIs over all rooms in scope, in the contract's order, each with its change against the
 * equally long period before. Throws Forbidden (not admin), NotFound (unknown building).
 */
export async function getKpis(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<Kpi[]> {
  const scope = await scopeFor(principal, query, now);
  const db = await getDb();
  const [cur, prev] = await Promise.all([
    q.selectTotals(db, scope),
    q.selectTotals(db, { ...scope, ...previousPeriod(query.startDate, query.endDate) }),
  ]);
  return kpisFrom(cur, prev);
}

/** The KPIs of DOMAIN §4 from the totals of the period and of the equally long period before. */
function kpisFrom(cur: q.TotalsRow, prev: q.TotalsRow): Kpi[] {
  return [
    kpi("Total Rooms", "rooms", cur.rooms, null, "none"),
    kpi("Avg Utilization", "%", ratio(cur.used_s, cur.available_s), ratio(prev.used_s, prev.available_s), "up"),
    kpi("Ghosting Rate", "%", ratio(cur.no_shows, cur.resolved), ratio(prev.no_shows, prev.resolved), "down"),
    kpi("Total Bookings", "bookings", cur.counted, prev.counted, "up"),
    kpi("Booked Utilization", "%", ratio(cur.booked_s, cur.available_s), ratio(prev.booked_s, prev.available_s), "up"),
    kpi("Wasted Hours", "h", cur.no_show_scheduled_s / 3600, prev.no_show_scheduled_s / 3600, "down"),
    kpi("Recovered Hours", "h", cur.recovered_s / 3600, prev.recovered_s / 3600, "up"),
  ];
}

/** `"HH:00"` of up to 3 local hours with the most used seconds, most first, ties to the earlier hour, zeros left out. */
function peakHoursByRoom(rows: q.HourlyRow[]): Map<string, string[]> {
  const byRoom = new Map<string, { hour: number; s: number }[]>();
  for (const r of rows) {
    if (r.kind !== "used" || r.room_id === null || r.hour === null || r.s <= 0) continue;
    const list = byRoom.get(r.room_id) ?? [];
    list.push({ hour: r.hour, s: r.s });
    byRoom.set(r.room_id, list);
  }
  const peaks = new Map<string, string[]>();
  for (const [room, list] of byRoom) {
    list.sort((a, b) => b.s - a.s || a.hour - b.hour);
    peaks.set(room, list.slice(0, 3).map((x) => `${String(x.hour).padStart(2, "0")}:00`));
  }
  return peaks;
}

/**
 * CONTRACT 5.2 / DOMAIN §4: every room in scope (zeros where unused) with used and booked rates over its available
 * business minutes up to now, counted bookings, hours and peak hours. Throws Forbidden, NotFound (building).
 */
export async function getUtilization(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<RoomUtilization[]> {
  const scope = await scopeFor(principal, query, now);
  const db = await getDb();
  const [rows, hourly] = await Promise.all([
    q.selectRoomStats(db, scope),
    q.selectHourly(db, scope, businessHours(scope.businessStart, scope.businessEnd), "room"),
  ]);
  return utilizationFrom(rows, hourly);
}

/** Per-room utilization of DOMAIN §4 from the room stats and the hourly used seconds (peak hours). */
function utilizationFrom(rows: q.RoomStatsRow[], hourly: q.HourlyRow[]): RoomUtilization[] {
  const peaks = peakHoursByRoom(hourly);
  return rows.map((r) => ({
    roomId: r.room_id,
    roomName: r.room_name,
    buildingName: r.building_name,
    utilizationRate: rate(r.used_s, r.available_s),
    bookedRate: rate(r.booked_s, r.available_s),
    totalBookings: r.counted,
    totalHoursBooked: round1(r.booked_s / 3600),
    totalHoursUsed: round1(r.used_s / 3600),
    peakHours: peaks.get(r.room_id) ?? [],
  }));
}

function toGhosting(r: q.RoomStatsRow): RoomGhosting {
  return {
    roomId: r.room_id,
    roomName: r.room_name,
    buildingName: r.building_name,
    ghostingRate: rate(r.no_shows, r.resolved),
    totalNoShows: r.no_shows,
    totalBookings: r.resolved,
    averageWastedMinutes: r.no_shows > 0 ? round1(r.no_show_scheduled_s / 60 / r.no_shows) : 0,
  };
}

/** CONTRACT 5.3 / DOMAIN §4: per room, no-shows over resolved bookings and the mean scheduled minutes of a no-show. */
export async function getGhosting(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<RoomGhosting[]> {
  const scope = await scopeFor(principal, query, now);
  return (await q.selectRoomStats(await getDb(), scope)).map(toGhosting);
}

function toCapacity(r: q.RoomStatsRow): RoomCapacity {
  return {
    roomId: r.room_id,
    roomName: r.room_name,
    buildingName: r.building_name,
    roomCapacity: r.capacity,
    averageAttendees: r.checked_in > 0 ? round1(r.attendees / r.checked_in) : 0,
    capacityUtilization: r.checked_in > 0 ? round1((r.capacity_ratio_sum / r.checked_in) * 100) : 0,
    oversizedBookings: r.oversized,
    undersizedBookings: r.undersized,
    rightSizedBookings: r.checked_in - r.oversized - r.undersized,
  };
}

/** CONTRACT 5.4 / DOMAIN §4: per room, attendees against seats over its checked-in bookings. */
export async function getCapacity(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<RoomCapacity[]> {
  const scope = await scopeFor(principal, query, now);
  return (await q.selectRoomStats(await getDb(), scope)).map(toCapacity);
}

/**
 * ext heatmap / DOMAIN §4: for each business weekday × business hour, used minutes over the business minutes of
 * that hour on those dates up to now, across all rooms in scope (= rooms × 60 × dates for whole hours already past).
 */
export async function getHeatmap(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<HeatmapCell[]> {
  const scope = await scopeFor(principal, query, now);
  const hours = businessHours(scope.businessStart, scope.businessEnd);
  const rows = await q.selectHourly(await getDb(), scope, hours, "weekday");
  const used = new Map<string, number>();
  const available = new Map<string, number>();
  for (const r of rows) {
    if (r.room_id !== null || r.dow === null || r.hour === null) continue;
    (r.kind === "used" ? used : available).set(`${r.dow}:${r.hour}`, r.s);
  }
  return scope.businessDays.flatMap((dow) =>
    hours.map((hour) => ({
      day: WEEKDAYS[dow],
      hour,
      value: rate(used.get(`${dow}:${hour}`) ?? 0, available.get(`${dow}:${hour}`) ?? 0),
    })),
  );
}

/** Utilization by local hour of day and by business weekday over the period (the utilization page). */
export async function getUsageProfile(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<UsageProfile> {
  const scope = await scopeFor(principal, query, now);
  const hours = businessHours(scope.businessStart, scope.businessEnd);
  const rows = await q.selectHourly(await getDb(), scope, hours, "weekday");
  const pick = (kind: q.HourlyRow["kind"], key: (r: q.HourlyRow) => number | null) => {
    const m = new Map<number, number>();
    for (const r of rows) {
      const k = key(r);
      if (r.kind === kind && r.room_id === null && k !== null) m.set(k, r.s);
    }
    return m;
  };
  const hourOnly = (r: q.HourlyRow) => (r.dow === null ? r.hour : null);
  const dowOnly = (r: q.HourlyRow) => (r.hour === null ? r.dow : null);
  const [usedH, availH, usedD, availD] = [pick("used", hourOnly), pick("available", hourOnly), pick("used", dowOnly), pick("available", dowOnly)];
  return {
    byHour: hours.map((hour) => ({ hour, utilization: rate(usedH.get(hour) ?? 0, availH.get(hour) ?? 0) })),
    byWeekday: scope.businessDays.map((dow) => ({ day: WEEKDAYS[dow], utilization: rate(usedD.get(dow) ?? 0, availD.get(dow) ?? 0) })),
  };
}

/**
 * ext trends / DOMAIN §4: one point per local date of the period. `utilization`/`booked` are null where the date has no
 * business minutes up to now (non-business or future dates); `ghosting` null when no resolved booking started then.
 */
export async function getTrends(
  principal: Principal,
  query: AnalyticsQuery & { metric: TrendMetric },
  now = new Date(),
): Promise<TrendPoint[]> {
  const scope = await scopeFor(principal, query, now);
  return trendFrom(await q.selectDaily(await getDb(), scope), query.metric);
}

/** One trend of DOMAIN §4 from the daily figures. */
function trendFrom(rows: q.DailyRow[], metric: TrendMetric): TrendPoint[] {
  return rows.map((d) => {
    switch (metric) {
      case "utilization":
        return { date: d.day, value: d.available_s > 0 ? rate(d.used_s, d.available_s) : null };
      case "booked":
        return { date: d.day, value: d.available_s > 0 ? rate(d.booked_s, d.available_s) : null };
      case "ghosting":
        return { date: d.day, value: d.resolved > 0 ? rate(d.no_shows, d.resolved) : null };
      case "bookings":
        return { date: d.day, value: d.counted };
    }
  });
}

/** ext rooms/compare: utilization, ghosting and capacity rates and counted bookings of the named rooms. NotFound if one is unknown. */
export async function compareRooms(principal: Principal, query: CompareQuery, now = new Date()): Promise<RoomComparison[]> {
  const ids = [...new Set(query.roomIds)];
  const scope = await scopeFor(principal, query, now, ids);
  const rows = await q.selectRoomStats(await getDb(), scope);
  if (rows.length !== ids.length) throw new NotFound(query.building ? "Room not found in that building" : "Room not found");
  const byId = new Map(rows.map((r) => [r.room_id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      roomId: r.room_id,
      roomName: r.room_name,
      utilization: rate(r.used_s, r.available_s),
      ghosting: rate(r.no_shows, r.resolved),
      capacity: toCapacity(r).capacityUtilization,
      bookings: r.counted,
    };
  });
}

/** ext ghosting/departments / DOMAIN §4: ghosting over resolved bookings per organizer department, by name. */
export async function getDepartmentGhosting(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<DepartmentGhosting[]> {
  const scope = await scopeFor(principal, query, now);
  const rows = await q.selectDepartments(await getDb(), scope);
  return rows.map((r) => ({
    department: r.department,
    ghostingRate: rate(r.no_shows, r.resolved),
    totalNoShows: r.no_shows,
    totalBookings: r.resolved,
  }));
}

/** Right-sizing advice for one room, from its checked-in meetings (UI.md capacity page). */
export interface RightSizingAdvice {
  roomId: string;
  roomName: string;
  roomCapacity: number;
  meetings: number;
  medianAttendees: number;
  /** Smaller seat count that would hold most meetings, and the share (%) of meetings that would fit it; null = none. */
  suggestedSeats: number | null;
  fitShare: number;
  /** Share (%) of meetings with more people than seats. */
  overShare: number;
  text: string;
}

/**
 * The capacity page's data: one scatter point per (room, attendee count) with its number of meetings, and advice per
 * room with at least 5 checked-in meetings: a smaller existing room size when half its seats or more sit empty at the
 * median meeting, or a warning when more than 20 % of meetings had more people than seats.
 */
export async function getCapacityInsights(
  principal: Principal,
  query: AnalyticsQuery,
  now = new Date(),
): Promise<{ points: (CapacityPoint & { bookings: number })[]; advice: RightSizingAdvice[] }> {
  const scope = await scopeFor(principal, query, now);
  const db = await getDb();
  const [points, capacities] = await Promise.all([q.selectCapacityPoints(db, scope), q.selectCapacities(db, scope)]);
  // The per-room figures repeat on each of the room's points: one row per room, in the points' (name) order.
  const byRoom = new Map<string, q.CapacityPointRow[]>();
  for (const p of points) {
    const own = byRoom.get(p.room_id);
    if (own) own.push(p);
    else byRoom.set(p.room_id, [p]);
  }
  const sizes = capacities;
  const advice: RightSizingAdvice[] = [];
  for (const own of byRoom.values()) {
    const r = own[0];
    if (r.meetings < 5) continue;
    const share = (pred: (attendees: number) => boolean) =>
      round1((own.reduce((n, p) => n + (pred(p.attendees) ? p.bookings : 0), 0) / r.meetings) * 100);
    const overShare = share((a) => a > r.capacity);
    const suggested = sizes.find((s) => s < r.capacity && s >= r.p80_attendees) ?? null;
    const base = { roomId: r.room_id, roomName: r.room_name, roomCapacity: r.capacity, meetings: r.meetings, medianAttendees: round1(r.median_attendees), overShare };
    if (suggested !== null && r.median_attendees <= r.capacity / 2) {
      const fitShare = share((a) => a <= suggested);
      advice.push({
        ...base,
        suggestedSeats: suggested,
        fitShare,
        text: `${r.room_name}: ${r.capacity} seats, median meeting ${round1(r.median_attendees)} people — ${fitShare} % of its meetings would fit a ${suggested}-seat room.`,
      });
    } else if (overShare > 20) {
      advice.push({
        ...base,
        suggestedSeats: null,
        fitShare: 0,
        text: `${r.room_name}: ${r.capacity} seats, but ${overShare} % of its meetings had more people than seats — move them to a larger room.`,
      });
    }
  }
  return {
    points: points.map((p) => ({ roomName: p.room_name, roomCapacity: p.capacity, attendees: p.attendees, bookings: p.bookings })),
    advice,
  };
}

/** The validated period, for exports: same checks (admin, building) as every analytics call. */
export async function exportScope(principal: Principal, query: AnalyticsQuery, now = new Date()): Promise<q.Scope> {
  return scopeFor(principal, query, now);
}

/** A name as a file-name part: accents dropped ("Zürich" → "zurich"), other runs of non-alphanumerics → "-". */
export function fileNamePart(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "building";
}

/** A downloadable file: its bytes (or a stream of them), content type and file name. */
export interface ExportFile {
  body: ReadableStream<Uint8Array> | Uint8Array;
  contentType: string;
  filename: string;
}

/**
 * CONTRACT §5 export: `csv` = one row per booking starting in the period (streamed, see export.ts), `pdf` = the report
 * of the KPIs, charts and per-room tables with the period and building in its title. Throws Forbidden, NotFound.
 */
export async function exportReport(principal: Principal, query: ExportQuery, now = new Date()): Promise<ExportFile> {
  const scope = await scopeFor(principal, query, now);
  const building = query.building ? (await getBuilding(principal, query.building)).name : "All buildings";
  const slug = `${query.startDate}_${query.endDate}${query.building ? `_${fileNamePart(building)}` : ""}`;
  if (query.format === "csv") {
    return { body: csvStream(await getDb(), scope), contentType: "text/csv; charset=utf-8", filename: `circle-time-bookings_${slug}.csv` };
  }
  // Each query once: the per-room tables share the room stats, the two trends the daily figures.
  const db = await getDb();
  const [cur, prev, stats, hourly, daily] = await Promise.all([
    q.selectTotals(db, scope),
    q.selectTotals(db, { ...scope, ...previousPeriod(query.startDate, query.endDate) }),
    q.selectRoomStats(db, scope),
    q.selectHourly(db, scope, businessHours(scope.businessStart, scope.businessEnd), "room"),
    q.selectDaily(db, scope),
  ]);
  const kpis = kpisFrom(cur, prev);
  const utilization = utilizationFrom(stats, hourly);
  const ghosting = stats.map(toGhosting);
  const capacity = stats.map(toCapacity);
  const usedTrend = trendFrom(daily, "utilization");
  const bookedTrend = trendFrom(daily, "booked");
  const pdf = await renderPdf({
    title: `Room usage ${query.startDate} to ${query.endDate} · ${building}`,
    subtitle: `Circle Time analytics, business hours only, generated ${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    kpis,
    utilization,
    ghosting,
    capacity,
    usedTrend,
    bookedTrend,
  });
  return { body: new Uint8Array(pdf), contentType: "application/pdf", filename: `circle-time-report_${slug}.pdf` };
}
