import { z } from "zod";
import { date as boundedDate, isBoundedDate } from "@/lib/input";

/** CONTRACT §5: the longest period (inclusive days) an analytics query may span. */
export const MAX_RANGE_DAYS = 366;

// The shared bounded local date (lib/input.ts, issue 10 point 2).
const date = boundedDate;

function dayNumber(d: string): number {
  return Date.parse(`${d}T00:00:00Z`) / 86_400_000;
}

/**
 * CONTRACT §5 query: `startDate`/`endDate` (or `start_date`/`end_date`), local dates, inclusive, start ≤ end,
 * at most 366 days; optional `building` (uuid) restricts every figure to that building's rooms.
 */
export const analyticsQuery = z
  .object({
    startDate: date,
    endDate: date,
    building: z.uuid({ error: "must be the id of a building" }).optional(),
  })
  .superRefine((q, ctx) => {
    if (!isBoundedDate(q.startDate) || !isBoundedDate(q.endDate)) return;
    if (q.endDate < q.startDate) ctx.addIssue({ code: "custom", message: "must not be before startDate", path: ["endDate"] });
    else if (dayNumber(q.endDate) - dayNumber(q.startDate) + 1 > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", message: `the period may span at most ${MAX_RANGE_DAYS} days`, path: ["endDate"] });
    }
  });
/** A validated analytics period: local dates `startDate … endDate` inclusive, optional building id. */
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** The trend metrics of CONTRACT §5 ext `trends?metric=`. */
export const TREND_METRICS = ["utilization", "booked", "ghosting", "bookings"] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const trendsQuery = analyticsQuery.and(
  z.object({ metric: z.enum(TREND_METRICS, { error: "must be utilization, booked, ghosting or bookings" }) }),
);
/** Trends query: the period plus the metric. */
export type TrendsQuery = z.infer<typeof trendsQuery>;

export const compareQuery = analyticsQuery.and(
  z.object({
    roomIds: z
      .string({ error: "is required (comma-separated room ids)" })
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.uuid({ error: "must be room ids" }))
          .min(1, "must name at least one room")
          .max(50, "at most 50 rooms"),
      ),
  }),
);
/** Compare query: the period plus 1–50 room ids. */
export type CompareQuery = z.infer<typeof compareQuery>;

export const exportQuery = analyticsQuery.and(z.object({ format: z.enum(["csv", "pdf"], { error: "must be csv or pdf" }) }));
/** Export query: the period plus `format` = csv | pdf. */
export type ExportQuery = z.infer<typeof exportQuery>;

// ── outputs (CONTRACT §5) ─────────────────────────────────────────────────────

export type ChangeType = "positive" | "negative" | "neutral";

/** One KPI card: `value` rounded to one decimal, `change` in % against the previous equally long period or null. */
export interface Kpi {
  label: string;
  value: number;
  change: number | null;
  changeType: ChangeType;
  unit: string;
}

/** CONTRACT 5.2, per room; rates in % and hours, one decimal; `peakHours` local `"HH:00"`, most used first. */
export interface RoomUtilization {
  roomId: string;
  roomName: string;
  buildingName: string;
  utilizationRate: number;
  bookedRate: number;
  totalBookings: number;
  totalHoursBooked: number;
  totalHoursUsed: number;
  peakHours: string[];
}

/** CONTRACT 5.3, per room: ghosting over resolved bookings; wasted minutes = mean scheduled length of the no-shows. */
export interface RoomGhosting {
  roomId: string;
  roomName: string;
  buildingName: string;
  ghostingRate: number;
  totalNoShows: number;
  totalBookings: number;
  averageWastedMinutes: number;
}

/** CONTRACT 5.4, per room, over its checked-in bookings. */
export interface RoomCapacity {
  roomId: string;
  roomName: string;
  buildingName: string;
  roomCapacity: number;
  averageAttendees: number;
  capacityUtilization: number;
  oversizedBookings: number;
  undersizedBookings: number;
  rightSizedBookings: number;
}

/** ext heatmap cell: used % of a business weekday × local hour. */
export interface HeatmapCell {
  day: string;
  hour: number;
  value: number;
}

/** ext trend point: one per local date of the period; null where DOMAIN §4 says so. */
export interface TrendPoint {
  date: string;
  value: number | null;
}

/** ext rooms/compare row. */
export interface RoomComparison {
  roomId: string;
  roomName: string;
  utilization: number;
  ghosting: number;
  capacity: number;
  bookings: number;
}

/** ext ghosting/departments row. */
export interface DepartmentGhosting {
  department: string;
  ghostingRate: number;
  totalNoShows: number;
  totalBookings: number;
}

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
