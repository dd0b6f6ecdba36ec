import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/openapi/operation";
import {
  analyticsQuery,
  compareQuery,
  departmentGhosting,
  exportQuery,
  heatmapCell,
  kpi,
  roomCapacity,
  roomComparison,
  roomGhosting,
  roomUtilization,
  trendPoint,
  trendsQuery,
} from "./schemas";

const PERIOD =
  "The period is `startDate`…`endDate` (or V1's `start_date`/`end_date`), local dates inclusive in each room's building's zone, " +
  "at most 366 days; `building` keeps one building's rooms. Only business days and hours (settings) up to now count (DOMAIN §4).";
const TAGS = ["Analytics"];
const NOT_FOUND = { 404: "No building with that id." };

/** CONTRACT §5: the analytics endpoints (administrators only); formulas in DOMAIN §4. */
export const analyticsPaths: ZodOpenApiPathsObject = {
  "/api/analytics/kpi": {
    get: operation({
      id: "getAnalyticsKpis",
      summary: "Key figures with their change against the previous period",
      description: `Seven cards in this order: Total Rooms, Avg Utilization, Ghosting Rate, Total Bookings, Booked Utilization, Wasted Hours, Recovered Hours. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "The KPI cards.", data: z.array(kpi) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/utilization": {
    get: operation({
      id: "getAnalyticsUtilization",
      summary: "Booked and used share of business time, per room",
      description: `Every room, zeros where unused. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "One row per room, by building and name.", data: z.array(roomUtilization) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/ghosting": {
    get: operation({
      id: "getAnalyticsGhosting",
      summary: "No-shows among resolved bookings, per room",
      description: PERIOD,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "One row per room.", data: z.array(roomGhosting) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/ghosting/departments": {
    get: operation({
      id: "getAnalyticsDepartmentGhosting",
      summary: "Ghosting per organizer department",
      description: `Over resolved bookings; no department is "Unknown"; sorted by name. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "One row per department.", data: z.array(departmentGhosting) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/capacity": {
    get: operation({
      id: "getAnalyticsCapacity",
      summary: "Attendees against seats, per room",
      description: `Over checked-in bookings. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "One row per room.", data: z.array(roomCapacity) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/heatmap": {
    get: operation({
      id: "getAnalyticsHeatmap",
      summary: "Used share per business weekday and local hour",
      description: PERIOD,
      tags: TAGS,
      auth: "admin",
      query: analyticsQuery,
      success: { description: "One cell per business weekday × business hour.", data: z.array(heatmapCell) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/trends": {
    get: operation({
      id: "getAnalyticsTrends",
      summary: "One figure per date of the period",
      description: `utilization and booked: null on non-business or future dates; ghosting: null when no resolved booking started that day; bookings: a count. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: trendsQuery,
      success: { description: "One point per local date.", data: z.array(trendPoint) },
      errors: NOT_FOUND,
    }),
  },
  "/api/analytics/rooms/compare": {
    get: operation({
      id: "compareAnalyticsRooms",
      summary: "Side-by-side figures of chosen rooms",
      description: PERIOD,
      tags: TAGS,
      auth: "admin",
      query: compareQuery,
      success: { description: "One row per room, in the order asked.", data: z.array(roomComparison) },
      errors: { 404: "No such room (in that building), or no such building." },
    }),
  },
  "/api/analytics/export": {
    get: operation({
      id: "exportAnalytics",
      summary: "Download the bookings (CSV) or the report (PDF)",
      description:
        "CSV (RFC 4180, UTF-8, CRLF, streamed): one row per booking of any status starting in the period, columns " +
        "`Booking ID, Room, Building, Title, Organizer, Department, Start, End, Ended At, Status, Checked In, Attendees` (times UTC). " +
        `PDF: the KPIs, a booked-vs-used trend, the most booked rooms and the per-room tables, with the period and building in the title. ${PERIOD}`,
      tags: TAGS,
      auth: "admin",
      query: exportQuery,
      success: {
        description: "An attachment (`Content-Disposition: attachment; filename=…`).",
        content: {
          "text/csv": { schema: z.string().meta({ example: "Booking ID,Room,Building,Title,…\r\n" }) },
          "application/pdf": { schema: z.string().meta({ format: "binary" }) },
        },
      },
      errors: NOT_FOUND,
    }),
  },
};
