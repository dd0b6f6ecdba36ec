import { z } from "zod";
import { date, isBoundedDate } from "@/lib/input";

/** CONTRACT §5: the longest period (inclusive days) an analytics query may span. */
export const MAX_RANGE_DAYS = 366;

function dayNumber(d: string): number {
  return Date.parse(`${d}T00:00:00Z`) / 86_400_000;
}

const periodShape = {
  startDate: date.meta({ description: "First local date of the period (YYYY-MM-DD, each room's building's zone); V1 spelling `start_date`." }),
  endDate: date.meta({ description: "Last local date, inclusive; at most 366 days from startDate; V1 spelling `end_date`." }),
  building: z.uuid({ error: "must be the id of a building" }).optional().meta({ description: "Only the rooms of this building." }),
};

/** CONTRACT §5: start ≤ end and at most 366 days, reported on `endDate`. */
function checkRange(q: { startDate: string; endDate: string }, ctx: { addIssue: (issue: { code: "custom"; message: string; path: string[] }) => void }) {
  if (!isBoundedDate(q.startDate) || !isBoundedDate(q.endDate)) return;
  if (q.endDate < q.startDate) ctx.addIssue({ code: "custom", message: "must not be before startDate", path: ["endDate"] });
  else if (dayNumber(q.endDate) - dayNumber(q.startDate) + 1 > MAX_RANGE_DAYS) {
    ctx.addIssue({ code: "custom", message: `the period may span at most ${MAX_RANGE_DAYS} days`, path: ["endDate"] });
  }
}

/**
 * CONTRACT §5 query: `startDate`/`endDate` (or `start_date`/`end_date`), local dates, inclusive, start ≤ end,
 * at most 366 days; optional `building` (uuid) restricts every figure to that building's rooms.
 */
export const analyticsQuery = z.object(periodShape).strict().superRefine((q, ctx) => checkRange(q, ctx));
/** A validated analytics period: local dates `startDate … endDate` inclusive, optional building id. */
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** The trend metrics of CONTRACT §5 ext `trends?metric=`. */
export const TREND_METRICS = ["utilization", "booked", "ghosting", "bookings"] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const trendsQuery = z
  .object({
    ...periodShape,
    metric: z.enum(TREND_METRICS, { error: "must be utilization, booked, ghosting or bookings" }).meta({ description: "Which daily series." }),
  })
  .strict()
  .superRefine((q, ctx) => checkRange(q, ctx));
/** Trends query: the period plus the metric. */
export type TrendsQuery = z.infer<typeof trendsQuery>;

export const compareQuery = z
  .object({
    ...periodShape,
    roomIds: z
      .string({ error: "is required (comma-separated room ids)" })
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.uuid({ error: "must be room ids" }))
          .min(1, "must name at least one room")
          .max(50, "at most 50 rooms"),
      )
      .meta({ description: "Comma-separated room ids (1–50), answered in this order." }),
  })
  .strict()
  .superRefine((q, ctx) => checkRange(q, ctx));
/** Compare query: the period plus 1–50 room ids. */
export type CompareQuery = z.infer<typeof compareQuery>;

export const exportQuery = z
  .object({ ...periodShape, format: z.enum(["csv", "pdf"], { error: "must be csv or pdf" }).meta({ description: "csv: one row per booking; pdf: the report." }) })
  .strict()
  .superRefine((q, ctx) => checkRange(q, ctx));
/** Export query: the period plus `format` = csv | pdf. */
export type ExportQuery = z.infer<typeof exportQuery>;

// ── outputs (CONTRACT §5; figures per DOMAIN §4, rates in % and hours rounded to one decimal) ─────────────

const pct = (what: string) => z.number().meta({ description: `${what}, in %, one decimal.` });
const changeType = z.enum(["positive", "negative", "neutral"]);
export type ChangeType = z.infer<typeof changeType>;

/** One KPI card: `value` rounded to one decimal, `change` in % against the previous equally long period or null. */
export const kpi = z
  .object({
    label: z.string(),
    value: z.number(),
    change: z.number().nullable().meta({ description: "(current − previous) / previous × 100 over the equally long period just before; null when previous is 0." }),
    changeType: changeType.meta({ description: "neutral when change is null or 0; positive when the move is good (utilization, bookings, recovered up; ghosting, wasted down)." }),
    unit: z.string(),
  })
  .meta({ id: "Kpi", example: { label: "Avg Utilization", value: 16.4, change: 12.5, changeType: "positive", unit: "%" } });
export type Kpi = z.infer<typeof kpi>;

const roomRef = { roomId: z.uuid(), roomName: z.string(), buildingName: z.string() };

/** CONTRACT 5.2, per room; rates in % and hours, one decimal; `peakHours` local `"HH:00"`, most used first. */
export const roomUtilization = z
  .object({
    ...roomRef,
    utilizationRate: pct("Used minutes / available business minutes"),
    bookedRate: pct("Booked minutes / available business minutes"),
    totalBookings: z.int().meta({ description: "Bookings starting in the period, not cancelled." }),
    totalHoursBooked: z.number(),
    totalHoursUsed: z.number(),
    peakHours: z.array(z.string()).meta({ description: "Up to 3 local hours (HH:00) with the most used minutes." }),
  })
  .meta({ id: "RoomUtilization" });
export type RoomUtilization = z.infer<typeof roomUtilization>;

/** CONTRACT 5.3, per room: ghosting over resolved bookings; wasted minutes = mean scheduled length of the no-shows. */
export const roomGhosting = z
  .object({
    ...roomRef,
    ghostingRate: pct("No-shows / resolved bookings"),
    totalNoShows: z.int(),
    totalBookings: z.int().meta({ description: "Resolved bookings: completed, no-show or checked in." }),
    averageWastedMinutes: z.number(),
  })
  .meta({ id: "RoomGhosting" });
export type RoomGhosting = z.infer<typeof roomGhosting>;

/** CONTRACT 5.4, per room, over its checked-in bookings. */
export const roomCapacity = z
  .object({
    ...roomRef,
    roomCapacity: z.int(),
    averageAttendees: z.number(),
    capacityUtilization: pct("Mean of attendees / seats"),
    oversizedBookings: z.int().meta({ description: "Attendees below half the seats." }),
    undersizedBookings: z.int().meta({ description: "More attendees than seats." }),
    rightSizedBookings: z.int(),
  })
  .meta({ id: "RoomCapacity" });
export type RoomCapacity = z.infer<typeof roomCapacity>;

/** ext heatmap cell: used % of a business weekday × local hour. */
export const heatmapCell = z.object({ day: z.string().meta({ example: "Monday" }), hour: z.int().meta({ description: "Local hour: 9 = 09:00–10:00." }), value: z.number() });
export type HeatmapCell = z.infer<typeof heatmapCell>;

/** ext trend point: one per local date of the period; null where DOMAIN §4 says so. */
export const trendPoint = z.object({ date: z.string(), value: z.number().nullable() });
export type TrendPoint = z.infer<typeof trendPoint>;

/** ext rooms/compare row. */
export const roomComparison = z.object({
  roomId: z.uuid(),
  roomName: z.string(),
  utilization: z.number(),
  ghosting: z.number(),
  capacity: z.number(),
  bookings: z.int(),
});
export type RoomComparison = z.infer<typeof roomComparison>;

/** ext ghosting/departments row. */
export const departmentGhosting = z.object({ department: z.string(), ghostingRate: z.number(), totalNoShows: z.int(), totalBookings: z.int() });
export type DepartmentGhosting = z.infer<typeof departmentGhosting>;

/** Used minutes by local hour of day and by weekday over the period (the utilization page's two small charts). */
export interface UsageProfile {
  byHour: { hour: number; utilization: number }[];
  byWeekday: { day: string; utilization: number }[];
}

/** One checked-in booking's attendees against its room's seats (the capacity scatter). */
export interface CapacityPoint {
  roomName: string;
  roomCapacity: number;
  attendees: number;
}
