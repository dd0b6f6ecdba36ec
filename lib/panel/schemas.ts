import { z } from "zod";
import { ISSUE_CATEGORIES } from "@/db/schema";
import { text } from "@/lib/input";

// CONTRACT §4: what enters and leaves the panel endpoints. Output schemas describe the answers (and feed the
// OpenAPI document); the TypeScript types below are inferred from them.

const isoInstant = z.string().describe("ISO 8601 instant in UTC");
const uuid = (what: string) => z.uuid({ error: `must be the id of ${what}` });

// ── inputs ──────────────────────────────────────────────────────────────────

/** ext book-now: `{ durationMinutes }` ∈ {15, 30, 45, 60, 90, 120}. */
export const BOOK_NOW_DURATIONS = [15, 30, 45, 60, 90, 120] as const;
export const bookNowInput = z.object({
  durationMinutes: z
    .number({ error: "must be a number" })
    .refine((m) => (BOOK_NOW_DURATIONS as readonly number[]).includes(m), `must be one of ${BOOK_NOW_DURATIONS.join(", ")}`),
});

/** ext panel extend: `{ minutes }`, 15–120 in steps of 15 (as CONTRACT §3 extend). */
export const panelExtendInput = z.object({
  minutes: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(15, "must be 15–120")
    .max(120, "must be 15–120")
    .refine((m) => m % 15 === 0, "must be a multiple of 15"),
});

/** ext issue report: a category and 1–1000 characters of description. */
export const reportIssueInput = z.object({
  category: z.enum(ISSUE_CATEGORIES, { error: `must be one of ${ISSUE_CATEGORIES.join(", ")}` }),
  // The shared free-text type (lib/input.ts, issue 10 point 1): no control characters, a visible character.
  description: text({ max: 1000, multiline: true }),
});

export const ISSUE_STATUSES = ["open", "resolved"] as const;

/** ext GET /api/issues query: optional `status` and `roomId`. */
export const listIssuesQuery = z.object({
  status: z.enum(ISSUE_STATUSES, { error: "must be open or resolved" }).optional(),
  roomId: uuid("a room").optional(),
});

/** ext PATCH /api/issues/{id}: resolve or reopen. */
export const setIssueStatusInput = z.object({
  status: z.enum(ISSUE_STATUSES, { error: "must be open or resolved" }),
});

/** ext pairing poll: `?secret=` (the pollSecret handed out with the code). */
export const pairingPollQuery = z.object({
  secret: z.string({ error: "is required" }).min(1, "is required").max(200, "is too long"),
});

/** A pairing code: six digits. */
export const pairingCode = z.string({ error: "is required" }).regex(/^\d{6}$/, "must be the 6-digit code the tablet shows");

const deviceName = text({ max: 120 });

/** ext POST /api/panel/devices: pair the tablet showing `code` to room `roomId`. */
export const pairDeviceInput = z.object({
  code: pairingCode,
  roomId: uuid("a room"),
  name: deviceName.optional(),
});

/** ext PATCH /api/panel/devices/{id}: rename and/or move. */
export const updateDeviceInput = z
  .object({ name: deviceName.optional(), roomId: uuid("a room").optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.roomId !== undefined, { message: "name or roomId is required" });

// ── outputs ─────────────────────────────────────────────────────────────────

/** CONTRACT §4 `Meeting`. */
export const meetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  organizer: z.string().describe("organizer's name"),
  organizerEmail: z.string(),
  startTime: isoInstant,
  endTime: isoInstant,
  attendeeCount: z.number().int(),
  checkedIn: z.boolean(),
  checkedInAt: isoInstant.nullable(),
}).meta({ id: "Meeting", description: "A booking as the door tablet shows it (CONTRACT §4)." });

/** CONTRACT §4 `RoomState` (statuses of DOMAIN §3). */
export const roomStateSchema = z.object({
  room: z.object({ id: z.string(), name: z.string(), building: z.string(), floor: z.number().int(), capacity: z.number().int() }),
  status: z.enum(["available", "occupied", "upcoming", "offline"]),
  currentMeeting: meetingSchema.nullable(),
  nextMeeting: meetingSchema.nullable(),
  upcomingMeetings: z.array(meetingSchema),
  lastUpdated: isoInstant,
  serverTime: isoInstant,
  checkIn: z.object({ opensAt: isoInstant, closesAt: isoInstant }).nullable(),
  settings: z.object({ checkinWindowMinutes: z.number().int(), autoReleaseMinutes: z.number().int() }),
}).meta({ id: "RoomState", description: "A room's state for its door tablet (CONTRACT 4.1, statuses of DOMAIN §3)." });

/** CONTRACT §4 `IssueReport`. */
export const issueReportSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  category: z.enum(ISSUE_CATEGORIES),
  description: z.string(),
  status: z.enum(ISSUE_STATUSES),
  reportedBy: z.string().describe("device name or user name"),
  createdAt: isoInstant,
  resolvedAt: isoInstant.nullable(),
}).meta({ id: "IssueReport", description: "A problem reported at a room's door (CONTRACT §4)." });

/** CONTRACT §4 `Device` (a paired tablet; `online` = seen within the last 3 minutes). */
export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  pairedAt: isoInstant,
  lastSeenAt: isoInstant.nullable(),
  online: z.boolean(),
}).meta({ id: "Device", description: "A paired door tablet; `online` = seen within the last 3 minutes (CONTRACT §4)." });

/** ext POST /api/panel/pairing answer. */
export const pairingCodeSchema = z
  .object({ code: z.string(), expiresAt: isoInstant, pollSecret: z.string() })
  .meta({ id: "PairingCode", description: "A 6-digit code for an unpaired tablet, valid 10 minutes, and the secret to poll it with." });

/** ext GET /api/panel/pairing/{code} answer (the device token only once). */
export const pairingStatusSchema = z.object({
  status: z.enum(["pending", "paired", "expired"]),
  roomId: z.string().optional(),
  deviceToken: z.string().optional(),
}).meta({ id: "PairingStatus", description: "`deviceToken` comes once, on the first poll after an admin paired the code." });

/** ext meeting actions' answers. */
export const checkInResultSchema = z.object({ checkedIn: z.literal(true), checkedInAt: isoInstant });
export const freedResultSchema = z.object({ freedMinutes: z.number().int().describe("whole minutes given back") });
export const revokedResultSchema = z.object({ revoked: z.literal(true) });

export type Meeting = z.infer<typeof meetingSchema>;
export type RoomState = z.infer<typeof roomStateSchema>;
export type IssueReport = z.infer<typeof issueReportSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type PairingCode = z.infer<typeof pairingCodeSchema>;
export type PairingStatus = z.infer<typeof pairingStatusSchema>;
export type ReportIssueInput = z.infer<typeof reportIssueInput>;
export type ListIssuesQuery = z.infer<typeof listIssuesQuery>;
export type PairDeviceInput = z.infer<typeof pairDeviceInput>;
export type UpdateDeviceInput = z.infer<typeof updateDeviceInput>;
