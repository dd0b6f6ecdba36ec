import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation, uuidParams } from "@/lib/openapi/operation";
import {
  bookNowInput,
  checkInResultSchema,
  deviceSchema,
  freedResultSchema,
  issueReportSchema,
  listIssuesQuery,
  meetingSchema,
  pairDeviceInput,
  pairingCode,
  pairingCodeSchema,
  pairingPollQuery,
  pairingStatusSchema,
  panelExtendInput,
  reportIssueInput,
  revokedResultSchema,
  roomStateSchema,
  setIssueStatusInput,
  updateDeviceInput,
} from "./schemas";

const ROOM_ID = "3f6c1a8e-2b7d-4c59-9e0a-5d8b7f1c2a34";
const TABLET = "The room's door tablet (device token) or any signed-in user; a tablet of another room gets 403.";

/** CONTRACT §4: the paths of the panel domain (door tablets, pairing, devices, issue reports). */
export const panelPaths: ZodOpenApiPathsObject = {
  "/api/panel/rooms/{roomId}/state": {
    get: operation({
      id: "getRoomState",
      summary: "A room's state for its door tablet",
      description: "Releases the room's overdue no-shows first (DOMAIN §2). `serverTime` lets the tablet correct its clock.",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("roomId"),
      success: { description: "The state now.", data: roomStateSchema },
      errors: { 403: TABLET },
    }),
  },
  "/api/panel/rooms/{roomId}/events": {
    get: operation({
      id: "streamRoomEvents",
      summary: "The room's state, pushed as server-sent events",
      description:
        "`text/event-stream`: `retry: 3000` first, then the state at once, then one event per change of it — any committed write " +
        "on any instance, and moments that change it by themselves (a meeting starts or ends, a check-in window opens or closes, " +
        "a meeting comes within 15 minutes) — each as `id: <n>` (increasing, continuing after `Last-Event-ID`), `event: room_state`, " +
        "`data: {\"type\":\"room_state_update\",\"data\":RoomState}`; a `: ping` comment every 15 s. EventSource cannot send headers: " +
        "the token may come as `?token=`. Unknown room → 404 and bad token → 401, before the stream starts.",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("roomId"),
      query: z.object({ token: z.string().optional().meta({ description: "A device or access token, for EventSource." }) }),
      success: {
        description: "The event stream (never ends on its own; revoking the tablet closes it).",
        content: { "text/event-stream": { schema: z.string().meta({ example: 'retry: 3000\n\nid: 1\nevent: room_state\ndata: {"type":"room_state_update","data":{…}}\n\n: ping\n\n' }) } },
      },
      errors: { 403: TABLET },
    }),
  },
  "/api/panel/rooms/{roomId}/book-now": {
    post: operation({
      id: "bookNow",
      summary: "Book the room from now (walk-in)",
      description: "Starts now, already checked in, organizer \"Walk-in\", one attendee. Only durations that fit before the next meeting succeed.",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("roomId"),
      body: bookNowInput,
      bodyExample: { durationMinutes: 30 },
      success: { status: 201, description: "The new meeting.", data: meetingSchema },
      errors: { 403: TABLET, 409: "The room is out of service or not free for that long (the message says when the next meeting starts)." },
    }),
  },
  "/api/panel/rooms/{roomId}/issues": {
    post: operation({
      id: "reportIssue",
      summary: "Report a problem with the room",
      tags: ["Panel", "Issues"],
      auth: "user-or-device",
      path: uuidParams("roomId"),
      body: reportIssueInput,
      bodyExample: { category: "equipment", description: "The projector flickers" },
      success: { status: 201, description: "The report, open.", data: issueReportSchema },
      errors: { 403: TABLET },
    }),
  },
  "/api/panel/meetings/{meetingId}/checkin": {
    post: operation({
      id: "panelCheckIn",
      summary: "Check in at the door",
      description: "Inside the check-in window of DOMAIN §2.",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("meetingId"),
      success: { description: "Checked in.", data: checkInResultSchema, message: "Checked in successfully", example: { checkedIn: true, checkedInAt: "2026-03-02T08:58:12.000Z" } },
      errors: { 403: "A tablet of another room, or a user who is not organizer, attendee or admin.", 409: "Already checked in, not confirmed, or outside the check-in window (the message says when it opens or that it closed)." },
    }),
  },
  "/api/panel/meetings/{meetingId}/end": {
    post: operation({
      id: "panelEndMeeting",
      summary: "End the meeting now",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("meetingId"),
      success: { description: "Ended; the minutes given back.", data: freedResultSchema, message: "Meeting ended", example: { freedMinutes: 25 } },
      errors: { 403: "A tablet of another room, or a user who is not organizer, attendee or admin.", 409: "Not checked in, or already over." },
    }),
  },
  "/api/panel/meetings/{meetingId}/extend": {
    post: operation({
      id: "panelExtendMeeting",
      summary: "Extend the running meeting",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("meetingId"),
      body: panelExtendInput,
      bodyExample: { minutes: 15 },
      success: { description: "The meeting with its new end.", data: meetingSchema },
      errors: { 403: "A tablet of another room, or a user who is not organizer, attendee or admin.", 409: "Not running, or the extension would overlap the next booking." },
    }),
  },
  "/api/panel/meetings/{meetingId}/release": {
    post: operation({
      id: "panelReleaseMeeting",
      summary: "Nobody is coming: release the booking",
      description: "In the check-in window, before check-in: the booking becomes a no-show ended now and its organizer is told.",
      tags: ["Panel"],
      auth: "user-or-device",
      path: uuidParams("meetingId"),
      success: { description: "Released; the minutes given back (from now, or from the start when it is still ahead).", data: freedResultSchema },
      errors: { 403: "A tablet of another room, or a user who is not organizer, attendee or admin.", 409: "Checked in, not confirmed, or outside the check-in window." },
    }),
  },
  "/api/panel/pairing": {
    post: operation({
      id: "createPairingCode",
      summary: "A pairing code for an unpaired tablet",
      description: "Codes are unique among unexpired codes and live 10 minutes. At most 20 per client address in 10 minutes.",
      tags: ["Pairing"],
      auth: "public",
      success: { status: 201, description: "The code and the secret to poll it with.", data: pairingCodeSchema },
      errors: { 429: "Too many codes from this address." },
    }),
  },
  "/api/panel/pairing/{code}": {
    get: operation({
      id: "pollPairingCode",
      summary: "Poll a pairing code",
      description: "`pending` until an admin pairs it, `expired` after 10 minutes, `paired` with `roomId` — and the device token on the first poll after pairing only.",
      tags: ["Pairing"],
      auth: "public",
      path: z.object({ code: pairingCode }),
      query: pairingPollQuery,
      success: { description: "The code's status.", data: pairingStatusSchema },
      errors: { 404: "Unknown code, or a wrong secret." },
    }),
  },
  "/api/panel/devices": {
    get: operation({
      id: "listDevices",
      summary: "Paired tablets",
      tags: ["Devices"],
      auth: "admin",
      success: { description: "Every paired, unrevoked tablet with its room, last seen and online.", data: z.array(deviceSchema) },
    }),
    post: operation({
      id: "pairDevice",
      summary: "Pair the tablet showing a code to a room",
      tags: ["Devices"],
      auth: "admin",
      body: pairDeviceInput,
      bodyExample: { code: "482913", roomId: ROOM_ID, name: "Aurora door" },
      success: { status: 201, description: "The new device.", data: deviceSchema },
      errors: { 404: "No such room, or no pending unexpired code.", 409: "The code is already paired." },
    }),
  },
  "/api/panel/devices/{id}": {
    patch: operation({
      id: "updateDevice",
      summary: "Rename or move a tablet",
      description: "A moved tablet's open event stream gets its new room's state and is closed; its token then works for the new room only.",
      tags: ["Devices"],
      auth: "admin",
      path: uuidParams("id"),
      body: updateDeviceInput,
      success: { description: "The device.", data: deviceSchema },
    }),
    delete: operation({
      id: "revokeDevice",
      summary: "Revoke a tablet",
      description: "At once: its next call gets 401 and its open event stream (on any instance) is closed, which sends it back to pairing.",
      tags: ["Devices"],
      auth: "admin",
      path: uuidParams("id"),
      success: { description: "Revoked.", data: revokedResultSchema },
    }),
  },
  "/api/issues": {
    get: operation({
      id: "listIssueReports",
      summary: "Issue reports from the panels",
      description: "Newest first.",
      tags: ["Issues"],
      auth: "admin",
      query: listIssuesQuery,
      success: { description: "The reports.", data: z.array(issueReportSchema) },
    }),
  },
  "/api/issues/{id}": {
    patch: operation({
      id: "setIssueStatus",
      summary: "Resolve or reopen an issue report",
      tags: ["Issues"],
      auth: "admin",
      path: uuidParams("id"),
      body: setIssueStatusInput,
      bodyExample: { status: "resolved" },
      success: { description: "The report.", data: issueReportSchema },
    }),
  },
};
