import crypto from "node:crypto";
import { getDb, sqlState, type Executor } from "@/db/client";
import type { Principal, UserPrincipal } from "@/lib/auth/principal";
import { hashDeviceToken, newDeviceToken } from "@/lib/auth/resolve";
import { Conflict, NotFound, RateLimited } from "@/lib/errors";
import * as lifecycle from "@/lib/lifecycle/service";
import { notifyDeviceChanged } from "@/lib/realtime/service";
import { getRoomContext } from "@/lib/rooms/service";
import * as q from "./queries";
import type {
  Device,
  IssueReport,
  ListIssuesQuery,
  Meeting,
  PairDeviceInput,
  PairingCode,
  PairingStatus,
  ReportIssueInput,
  RoomState,
  UpdateDeviceInput,
} from "./schemas";

import { assertPanelAccess, computeRoomState, toMeeting } from "./state";

export { openRoomEvents, roomEventsStats } from "./live";
export { assertPanelAccess, computeRoomState, type RoomStateSnapshot, type StoredRoomState } from "./state";

const MINUTE = 60_000;

/**
 * CONTRACT 4.1: the state of room `roomId` for a door tablet of that room or any signed-in user, after releasing
 * the room's overdue no-shows. Throws Forbidden (another room's tablet), NotFound (unknown room).
 */
export async function getRoomState(principal: Principal, roomId: string): Promise<RoomState> {
  assertPanelAccess(principal, roomId);
  const snapshot = await computeRoomState(roomId);
  if (!snapshot) throw new NotFound("Room not found");
  return { ...snapshot.value, serverTime: new Date().toISOString() };
}

// ── meeting actions (CONTRACT 4.2, 4.3 and ext), through the lifecycle ─────

/**
 * CONTRACT 4.2: checks in meeting `meetingId` (the room's tablet, or organizer, attendee, admin). Throws as
 * `lifecycle.checkIn`: NotFound, Forbidden, Conflict (already, not confirmed, window not open or closed).
 */
export async function checkInMeeting(principal: Principal, meetingId: string): Promise<{ checkedIn: true; checkedInAt: string }> {
  return lifecycle.checkIn(principal, meetingId);
}

/** CONTRACT 4.3: ends meeting `meetingId` now → `{ freedMinutes }` (whole minutes to its scheduled end). 409 as 3.5. */
export async function endPanelMeeting(principal: Principal, meetingId: string): Promise<{ freedMinutes: number }> {
  const { freedMinutes } = await lifecycle.endMeeting(principal, meetingId);
  return { freedMinutes };
}

async function meetingById(db: Executor, id: string): Promise<Meeting> {
  const row = await q.findMeetingRow(db, id);
  if (!row) throw new NotFound("Meeting not found");
  return toMeeting(row);
}

/**
 * ext panel extend: lengthens running meeting `meetingId` by `minutes` (15–120, steps of 15) → the `Meeting`
 * afterwards. Throws NotFound, Forbidden, Conflict (not running, or it would overlap the next booking).
 */
export async function extendPanelMeeting(principal: Principal, meetingId: string, minutes: number): Promise<Meeting> {
  await lifecycle.extendMeeting(principal, meetingId, minutes);
  return meetingById(await getDb(), meetingId);
}

/**
 * ext release ("nobody is coming"): inside the check-in window, before check-in, meeting `meetingId` becomes a
 * no-show ended now → `{ freedMinutes }`. Throws NotFound, Forbidden, Conflict (DOMAIN §2).
 */
export async function releasePanelMeeting(principal: Principal, meetingId: string): Promise<{ freedMinutes: number }> {
  return lifecycle.releaseMeeting(principal, meetingId);
}

/**
 * ext book-now: a walk-in meeting of room `roomId` from now for `durationMinutes` ({15, 30, 45, 60, 90, 120}),
 * already checked in, organized by "Walk-in" → the new `Meeting`. The room's tablet or any signed-in user.
 * Throws Forbidden (another room's tablet), NotFound (room), Invalid (outside the configured limits),
 * Conflict (out of service, or not free for that long).
 */
export async function bookNow(principal: Principal, roomId: string, durationMinutes: number): Promise<Meeting> {
  assertPanelAccess(principal, roomId);
  const id = await lifecycle.bookNow(roomId, durationMinutes);
  return meetingById(await getDb(), id);
}

// ── issue reports ───────────────────────────────────────────────────────────

function toIssue(r: q.IssueRecord): IssueReport {
  return {
    id: r.id,
    roomId: r.roomId,
    roomName: r.roomName,
    category: r.category,
    description: r.description,
    status: r.status,
    reportedBy: r.reportedBy,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}

async function issueById(db: Executor, id: string): Promise<IssueReport> {
  const [row] = await q.selectIssues(db, q.issueWithId(id));
  if (!row) throw new NotFound("Issue report not found");
  return toIssue(row);
}

/**
 * ext POST /api/panel/rooms/{roomId}/issues: a problem reported at room `roomId` by its tablet (reportedBy = the
 * device's name) or a signed-in user (their name) → the new `IssueReport`, status open. Throws Forbidden (another
 * room's tablet), NotFound (room).
 */
export async function reportIssue(principal: Principal, roomId: string, input: ReportIssueInput): Promise<IssueReport> {
  assertPanelAccess(principal, roomId);
  const db = await getDb();
  await getRoomContext(roomId, db);
  const id = await q.insertIssue(db, {
    roomId,
    category: input.category,
    description: input.description,
    deviceId: principal.kind === "device" ? principal.deviceId : null,
    reportedById: principal.kind === "user" ? principal.userId : null,
  });
  return issueById(db, id);
}

/** ext GET /api/issues (admins): issue reports, newest first, optionally of one `status` and/or room. */
export async function listIssueReports(query: ListIssuesQuery = {}): Promise<IssueReport[]> {
  const rows = await q.selectIssues(await getDb(), q.issueFilter(query.status, query.roomId));
  return rows.map(toIssue);
}

/**
 * ext PATCH /api/issues/{id} (admins): resolves (resolvedAt = now, kept when already resolved) or reopens
 * (resolvedAt = null) issue `id` → the `IssueReport`. Throws NotFound.
 */
export async function setIssueStatus(admin: UserPrincipal, id: string, status: "open" | "resolved"): Promise<IssueReport> {
  const db = await getDb();
  if (!(await q.setIssueStatus(db, id, status, admin.userId))) throw new NotFound("Issue report not found");
  return issueById(db, id);
}

// ── pairing and devices ─────────────────────────────────────────────────────

/** CONTRACT §4 pairing: a code lives 10 minutes. */
export const PAIRING_CODE_TTL_MINUTES = 10;
/** Codes one client address may create per window (CONTRACT §4: rate-limited per client address). */
export const PAIRING_CODES_PER_ADDRESS = 20;
export const PAIRING_WINDOW_MINUTES = 10;
const CODE_ATTEMPTS = 8;

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** A device's token hash until the tablet collects its token: never the hash of any token (not 64 hex digits). */
function placeholderHash(codeId: string): string {
  return `pending:${codeId}`;
}

function toDevice(r: q.DeviceRecord): Device {
  return {
    id: r.id,
    name: r.name,
    roomId: r.roomId,
    roomName: r.roomName,
    pairedAt: r.pairedAt.toISOString(),
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    online: r.online,
  };
}

/**
 * ext POST /api/panel/pairing (no auth): a new 6-digit code, unique among unexpired codes (an expired code is
 * freed before it is handed out again), valid 10 minutes, with the poll secret that alone may collect the device
 * token (only its hash is stored). At most PAIRING_CODES_PER_ADDRESS codes per `clientAddress` within
 * PAIRING_WINDOW_MINUTES, counted in the database so that it holds across instances. Throws RateLimited (429
 * with the seconds until a code may be created again).
 */
export async function createPairingCode(clientAddress: string): Promise<PairingCode> {
  const db = await getDb();
  const pollSecret = crypto.randomBytes(32).toString("base64url");
  for (let attempt = 1; ; attempt++) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
    try {
      return await db.transaction(async (tx) => {
        const windowStart = new Date(Date.now() - PAIRING_WINDOW_MINUTES * MINUTE);
        const recent = await q.lockAndCountRecentCodes(tx, clientAddress, windowStart);
        if (recent.count >= PAIRING_CODES_PER_ADDRESS) {
          const reopensAt = (recent.oldest?.getTime() ?? Date.now()) + PAIRING_WINDOW_MINUTES * MINUTE;
          throw new RateLimited("Too many pairing codes from this address. Try again later.", Math.max(1, Math.ceil((reopensAt - Date.now()) / 1000)));
        }
        await q.deleteExpiredCodes(tx, code);
        const expiresAt = new Date(Date.now() + PAIRING_CODE_TTL_MINUTES * MINUTE);
        await q.insertCode(tx, { code, pollSecretHash: sha256(pollSecret), expiresAt, clientAddress });
        return { code, expiresAt: expiresAt.toISOString(), pollSecret };
      });
    } catch (err) {
      // The code is in use by an unexpired code (or was taken concurrently): draw another.
      if (sqlState(err) === "23505" && attempt < CODE_ATTEMPTS) continue;
      throw err;
    }
  }
}

/**
 * ext GET /api/panel/pairing/{code}?secret=: `pending` until an admin pairs the code, `expired` after 10 minutes
 * unpaired (or when its device was revoked), `paired` with `roomId` — and, on the first poll after pairing only,
 * `deviceToken` (made then; only its hash is kept). Throws NotFound for an unknown code or a wrong secret.
 */
export async function pollPairing(code: string, secret: string): Promise<PairingStatus> {
  if (!/^\d{6}$/.test(code)) throw new NotFound("Unknown pairing code");
  const db = await getDb();
  const row = await q.findCode(db, code);
  const secretHash = sha256(secret);
  if (!row || !crypto.timingSafeEqual(Buffer.from(row.pollSecretHash), Buffer.from(secretHash))) {
    throw new NotFound("Unknown pairing code");
  }
  if (!row.deviceId) return { status: row.expiresAt.getTime() > Date.now() ? "pending" : "expired" };
  if (row.deviceRevokedAt || !row.deviceRoomId) return { status: "expired" };
  if (row.deviceTokenHash !== placeholderHash(row.id)) return { status: "paired", roomId: row.deviceRoomId };
  const token = newDeviceToken();
  const collected = await q.collectToken(db, row.deviceId, placeholderHash(row.id), hashDeviceToken(token));
  return collected ? { status: "paired", roomId: row.deviceRoomId, deviceToken: token } : { status: "paired", roomId: row.deviceRoomId };
}

/**
 * ext POST /api/panel/devices (admins): pairs the tablet showing `code` to room `roomId` under `name` (default
 * "<room> tablet") → the new `Device`. Throws NotFound (room; or no pending unexpired code), Conflict (the code is
 * already paired).
 */
export async function pairDevice(input: PairDeviceInput): Promise<Device> {
  const db = await getDb();
  const room = await getRoomContext(input.roomId, db);
  const id = await db.transaction(async (tx) => {
    const codeId = await q.claimCode(tx, input.code);
    if (!codeId) {
      const existing = await q.findCode(tx, input.code);
      if (existing?.deviceId && existing.expiresAt.getTime() > Date.now()) throw new Conflict("This code is already paired");
      throw new NotFound(`No pending pairing code ${input.code} (codes expire after ${PAIRING_CODE_TTL_MINUTES} minutes)`);
    }
    const deviceId = await q.insertDevice(tx, { roomId: room.id, name: input.name ?? `${room.name} tablet`, tokenHash: placeholderHash(codeId) });
    await q.attachDevice(tx, codeId, deviceId);
    return deviceId;
  });
  return deviceById(db, id);
}

async function deviceById(db: Executor, id: string): Promise<Device> {
  const row = await q.findDevice(db, id);
  if (!row) throw new NotFound("Device not found");
  return toDevice(row);
}

/**
 * ext GET /api/panel/devices (admins): paired, unrevoked tablets with their room, `lastSeenAt` (last request or
 * open event stream, written at most once a minute) and `online` (seen within 3 minutes).
 */
export async function listDevices(): Promise<Device[]> {
  return (await q.selectDevices(await getDb())).map(toDevice);
}

/**
 * ext PATCH /api/panel/devices/{id} (admins): renames and/or moves tablet `id` to another room → the `Device`.
 * A move is announced (realtime): the tablet's open event stream gets its new room's state and is closed, and its
 * token works for the new room only. Throws NotFound (device or room).
 */
export async function renameOrMoveDevice(id: string, patch: UpdateDeviceInput): Promise<Device> {
  const db = await getDb();
  if (patch.roomId) await getRoomContext(patch.roomId, db);
  await db.transaction(async (tx) => {
    if (!(await q.updateDevice(tx, id, patch))) throw new NotFound("Device not found");
    if (patch.roomId) await notifyDeviceChanged(tx, id);
  });
  return deviceById(db, id);
}

/**
 * ext DELETE /api/panel/devices/{id} (admins): revokes tablet `id` at once → `{ revoked: true }`. Its next call
 * gets 401 and its open event stream (on any instance) is closed, which sends the kiosk back to pairing.
 * Throws NotFound (unknown or already revoked).
 */
export async function revokeDevice(id: string): Promise<{ revoked: true }> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (!(await q.revokeDevice(tx, id))) throw new NotFound("Device not found");
    await notifyDeviceChanged(tx, id);
  });
  return { revoked: true };
}
