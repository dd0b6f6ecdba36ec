import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { jsonValue, selectRows, type Executor } from "@/db/client";
import { bookings, devices, issueReports, pairingCodes, rooms, users } from "@/db/schema";

// ── room state (CONTRACT 4.1): one statement ────────────────────────────────

/** A booking as the room state reads it; instants as epoch milliseconds. */
export interface StateMeetingRow {
  id: string;
  title: string;
  organizer: string;
  organizerEmail: string;
  start: number;
  end: number;
  attendeeCount: number;
  checkedInAt: number | null;
}

export interface RoomStateRow {
  id: string;
  name: string;
  building: string;
  floor: number;
  capacity: number;
  maintenance: boolean;
  timezone: string;
  checkin_window_minutes: number;
  auto_release_minutes: number;
  /** End of the room's local day at `now` (epoch ms). */
  day_end: number;
  /** Some booking of the room waits to be released as a no-show (DOMAIN §2). */
  overdue: boolean;
  /** Active bookings not over at `now` that start before the end of its local day, by start. */
  meetings: StateMeetingRow[];
}

/**
 * Everything the state of room `roomId` at `now` needs, in one round trip: the room, its building, the two
 * settings, the active bookings of the rest of its local day (the current one included), and whether an overdue
 * no-show waits. Undefined for an unknown room.
 */
export async function selectRoomState(db: Executor, roomId: string, now: Date): Promise<RoomStateRow | undefined> {
  const t = now.toISOString();
  const [row] = await selectRows<RoomStateRow & { meetings: unknown; day_end: number | string }>(
    db,
    sql`with r as (
          select r.id, r.name, r.floor, r.capacity, r.maintenance, b.name as building, b.timezone,
                 s.checkin_window_minutes, s.auto_release_minutes,
                 (date_trunc('day', ${t}::timestamptz at time zone b.timezone) + interval '1 day') at time zone b.timezone as day_end
          from rooms r join buildings b on b.id = r.building_id cross join org_settings s
          where r.id = ${roomId} and s.id = 1)
        select r.id, r.name, r.building, r.floor, r.capacity, r.maintenance, r.timezone,
               r.checkin_window_minutes, r.auto_release_minutes,
               (extract(epoch from r.day_end) * 1000)::float8 as day_end,
               exists (select 1 from bookings x
                       where x.room_id = r.id and x.status = 'confirmed' and x.checked_in_at is null
                         and x.start_time <= ${t}::timestamptz - make_interval(mins => r.auto_release_minutes)) as overdue,
               coalesce((
                 select json_agg(json_build_object(
                          'id', bk.id, 'title', bk.title, 'organizer', u.name, 'organizerEmail', u.email,
                          'start', (extract(epoch from bk.start_time) * 1000)::float8,
                          'end', (extract(epoch from bk.end_time) * 1000)::float8,
                          'attendeeCount', bk.attendee_count,
                          'checkedInAt', (extract(epoch from bk.checked_in_at) * 1000)::float8)
                        order by bk.start_time, bk.id)
                 from bookings bk join users u on u.id = bk.organizer_id
                 where bk.room_id = r.id and bk.status in ('confirmed', 'pending')
                   and bk.end_time > ${t}::timestamptz and bk.start_time < r.day_end), '[]'::json) as meetings
        from r`,
  );
  if (!row) return undefined;
  return { ...row, day_end: Number(row.day_end), meetings: jsonValue<StateMeetingRow[]>(row.meetings) };
}

/** One booking as a panel `Meeting` row (any status). */
export async function findMeetingRow(db: Executor, id: string): Promise<StateMeetingRow | undefined> {
  const [row] = await db
    .select({
      id: bookings.id,
      title: bookings.title,
      organizer: users.name,
      organizerEmail: users.email,
      startTime: bookings.startTime,
      endTime: bookings.endTime,
      attendeeCount: bookings.attendeeCount,
      checkedInAt: bookings.checkedInAt,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.organizerId))
    .where(eq(bookings.id, id))
    .limit(1);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    organizer: row.organizer,
    organizerEmail: row.organizerEmail,
    start: row.startTime.getTime(),
    end: row.endTime.getTime(),
    attendeeCount: row.attendeeCount,
    checkedInAt: row.checkedInAt?.getTime() ?? null,
  };
}

// ── devices ─────────────────────────────────────────────────────────────────

const deviceColumns = {
  id: devices.id,
  name: devices.name,
  roomId: devices.roomId,
  roomName: rooms.name,
  pairedAt: devices.pairedAt,
  lastSeenAt: devices.lastSeenAt,
  online: sql<boolean>`coalesce(${devices.lastSeenAt} > now() - interval '3 minutes', false)`,
};

export type DeviceRecord = Awaited<ReturnType<typeof selectDevices>>[number];

/** Paired (not revoked) devices with their room, by room name then device name. */
export async function selectDevices(db: Executor, where?: SQL) {
  return db
    .select(deviceColumns)
    .from(devices)
    .innerJoin(rooms, eq(rooms.id, devices.roomId))
    .where(and(isNull(devices.revokedAt), where))
    .orderBy(rooms.name, devices.name, devices.id);
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRecord | undefined> {
  const [row] = await selectDevices(db, eq(devices.id, id));
  return row;
}

/** Whether a device is still paired, and to which room (the event stream re-checks after a device event). */
export async function findDeviceBinding(db: Executor, id: string) {
  const [row] = await db.select({ roomId: devices.roomId, revokedAt: devices.revokedAt }).from(devices).where(eq(devices.id, id)).limit(1);
  return row;
}

export async function insertDevice(db: Executor, values: { roomId: string; name: string; tokenHash: string }): Promise<string> {
  const [row] = await db.insert(devices).values(values).returning({ id: devices.id });
  return row.id;
}

/** Renames or moves a paired device; false when there is none (unknown or revoked). */
export async function updateDevice(db: Executor, id: string, patch: { name?: string; roomId?: string }): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set(patch)
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
    .returning({ id: devices.id });
  return rows.length > 0;
}

/** Revokes a paired device now; false when there is none (unknown or already revoked). */
export async function revokeDevice(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
    .returning({ id: devices.id });
  return rows.length > 0;
}

/** Marks devices with an open event stream as seen, skipping those seen within the last minute. */
export async function touchDevices(db: Executor, ids: string[]) {
  if (ids.length === 0) return;
  await db.execute(
    sql`update devices set last_seen_at = now()
        where id = any(${`{${ids.join(",")}}`}::uuid[]) and revoked_at is null
          and (last_seen_at is null or last_seen_at < now() - interval '1 minute')`,
  );
}

// ── pairing codes ───────────────────────────────────────────────────────────

/** How many codes `address` created since `since`, after waiting for (and holding) the address's lock. */
export async function lockAndCountRecentCodes(db: Executor, address: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`pairing:${address}`}))`);
  const [row] = await selectRows<{ count: number | string; oldest: Date | string | null }>(
    db,
    sql`select count(*) as count, min(created_at) as oldest from pairing_codes
        where client_address = ${address} and created_at > ${since.toISOString()}::timestamptz`,
  );
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null };
}

/** Frees `code` if it has expired (a code is unique among unexpired codes), and forgets codes a day past expiry. */
export async function deleteExpiredCodes(db: Executor, code: string) {
  await db.execute(
    sql`delete from pairing_codes where (code = ${code} and expires_at <= now()) or expires_at < now() - interval '1 day'`,
  );
}

export async function insertCode(db: Executor, values: { code: string; pollSecretHash: string; expiresAt: Date; clientAddress: string }) {
  await db.insert(pairingCodes).values(values);
}

export async function findCode(db: Executor, code: string) {
  const [row] = await db
    .select({
      id: pairingCodes.id,
      pollSecretHash: pairingCodes.pollSecretHash,
      expiresAt: pairingCodes.expiresAt,
      deviceId: pairingCodes.deviceId,
      deviceRoomId: devices.roomId,
      deviceTokenHash: devices.tokenHash,
      deviceRevokedAt: devices.revokedAt,
    })
    .from(pairingCodes)
    .leftJoin(devices, eq(devices.id, pairingCodes.deviceId))
    .where(eq(pairingCodes.code, code))
    .limit(1);
  return row;
}

/** Binds an unexpired, unpaired code to a device, locking it; false when the code is not (or no longer) pairable. */
export async function claimCode(db: Executor, code: string): Promise<string | undefined> {
  const [row] = await selectRows<{ id: string }>(
    db,
    sql`select id from pairing_codes where code = ${code} and device_id is null and expires_at > now() for update`,
  );
  return row?.id;
}

export async function attachDevice(db: Executor, codeId: string, deviceId: string) {
  await db.update(pairingCodes).set({ deviceId }).where(eq(pairingCodes.id, codeId));
}

/**
 * Replaces a device's placeholder token hash by the real one, once: false when it was already collected.
 * The conditional UPDATE makes the hand-out happen exactly once however many polls race.
 */
export async function collectToken(db: Executor, deviceId: string, placeholder: string, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set({ tokenHash, lastSeenAt: sql`now()` })
    .where(and(eq(devices.id, deviceId), eq(devices.tokenHash, placeholder), isNull(devices.revokedAt)))
    .returning({ id: devices.id });
  return rows.length > 0;
}

// ── issue reports ───────────────────────────────────────────────────────────

const issueColumns = {
  id: issueReports.id,
  roomId: issueReports.roomId,
  roomName: rooms.name,
  category: issueReports.category,
  description: issueReports.description,
  status: issueReports.status,
  reportedBy: sql<string>`coalesce(
    (select d.name from devices d where d.id = ${issueReports.deviceId}),
    (select u.name from users u where u.id = ${issueReports.reportedById}),
    'Unknown')`,
  createdAt: issueReports.createdAt,
  resolvedAt: issueReports.resolvedAt,
};

export type IssueRecord = Awaited<ReturnType<typeof selectIssues>>[number];

/** Issue reports, newest first. */
export async function selectIssues(db: Executor, where?: SQL) {
  return db
    .select(issueColumns)
    .from(issueReports)
    .innerJoin(rooms, eq(rooms.id, issueReports.roomId))
    .where(where)
    .orderBy(desc(issueReports.createdAt), desc(issueReports.id));
}

export function issueWithId(id: string): SQL {
  return eq(issueReports.id, id);
}

export function issueFilter(status?: "open" | "resolved", roomId?: string): SQL | undefined {
  return and(status ? eq(issueReports.status, status) : undefined, roomId ? eq(issueReports.roomId, roomId) : undefined);
}

export async function insertIssue(db: Executor, values: typeof issueReports.$inferInsert): Promise<string> {
  const [row] = await db.insert(issueReports).values(values).returning({ id: issueReports.id });
  return row.id;
}

/** Sets an issue's status (resolvedAt/By when resolved, cleared when reopened); false for an unknown issue. */
export async function setIssueStatus(db: Executor, id: string, status: "open" | "resolved", byUserId: string): Promise<boolean> {
  const rows = await db
    .update(issueReports)
    .set(
      status === "resolved"
        ? { status, resolvedAt: sql`coalesce(${issueReports.resolvedAt}, now())`, resolvedById: byUserId }
        : { status, resolvedAt: null, resolvedById: null },
    )
    .where(eq(issueReports.id, id))
    .returning({ id: issueReports.id });
  return rows.length > 0;
}
