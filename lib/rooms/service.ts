import type { AnyColumn, SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, sqlState, type Executor } from "@/db/client";
import type { Principal } from "@/lib/auth/principal";
import { overdueNoShowsWaiting, releaseOverdueNoShows } from "@/lib/lifecycle/service";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { notifyRoomChanged } from "@/lib/realtime/service";
import { getSettings } from "@/lib/settings/service";
import { localTimeOn, parseInstant, parseLocalDate } from "@/lib/time";
import * as q from "./queries";
import type {
  Building,
  CreateBuildingInput,
  CreateRoomInput,
  ListRoomsQuery,
  Room,
  UpdateBuildingInput,
  UpdateRoomInput,
} from "./schemas";

/** What other domains need to know about a room: its name, building, time zone and whether it is in service. */
export interface RoomContext {
  id: string;
  name: string;
  floor: number;
  capacity: number;
  maintenance: boolean;
  buildingId: string;
  buildingName: string;
  timezone: string;
}

/** The room with its building's time zone; 404 when it does not exist. Pass a transaction to read inside it. */
export async function getRoomContext(roomId: string, db?: Executor): Promise<RoomContext> {
  const room = await q.findRoomContext(db ?? (await getDb()), roomId);
  if (!room) throw new NotFound("Room not found");
  return room;
}

/**
 * The room (404 first) with its overdue no-shows released (DOMAIN §2: a read of a room's state releases them
 * first). Whether any is waiting is asked in the room's own statement, so a room with none costs one statement.
 */
export async function getRoomContextReleased(roomId: string): Promise<RoomContext> {
  const { room, value: releaseDue } = await getRoomContextWith(roomId, overdueNoShowsWaiting);
  if (releaseDue) await releaseOverdueNoShows(roomId);
  return room;
}

/**
 * The room (404 first) and, in the same statement, the value of another domain's `expression` about it (given the
 * room's id column; pass the same function each time: the statement is built once per function).
 */
export async function getRoomContextWith<T>(roomId: string, expression: (roomId: AnyColumn) => SQL<T>, db?: Executor): Promise<{ room: RoomContext; value: T }> {
  const row = await q.findRoomContextWith(db ?? (await getDb()), roomId, expression);
  if (!row) throw new NotFound("Room not found");
  const { value, ...room } = row;
  return { room, value };
}

type RoomStatus = Room["status"];
/** A room of the directory: the API's Room without its status, and what the floor map and status need. */
interface DirectoryRoom {
  room: Omit<Room, "status">;
  maintenance: boolean;
  /** The building's time zone (reads local availability windows). */
  timezone: string;
  map: { x: number | null; y: number | null; width: number | null; height: number | null };
  /** The API's Room for each status, made once and frozen: lists hand out the same objects every time. */
  asRoom: Record<RoomStatus, Readonly<Room> | undefined>;
}

/**
 * The room directory as last read, kept while its version (q.selectDirectory) is unchanged. Statuses are
 * never cached: each read computes them from the bookings at that moment (CONTRACT §2, "computed at request
 * time"), so a list costs one small query instead of re-reading and re-parsing every room.
 */
let directoryCache: { version: string; rooms: DirectoryRoom[] } | undefined;

/** The rooms (in the order of CONTRACT 2.1) and what their status depends on now. */
interface RoomsNow {
  rooms: DirectoryRoom[];
  held: q.HeldRooms;
}

/** Two statements, the second only when the directory changed since it was last read. */
async function roomsNow(db: Executor): Promise<RoomsNow> {
  const live = await q.selectLiveState(db);
  let rooms = directoryCache && live.version !== null && directoryCache.version === live.version ? directoryCache.rooms : undefined;
  if (!rooms) {
    const directory = await q.selectDirectory(db);
    rooms = directory.rooms.map(toDirectoryRoom);
    if (directory.version !== null) directoryCache = { version: directory.version, rooms };
  }
  return { rooms, held: live.held };
}

function toDirectoryRoom(r: q.DirectoryRow): DirectoryRoom {
  return {
    room: {
      id: r.id,
      name: r.name,
      building: r.building,
      buildingId: r.building_id,
      floor: r.floor,
      capacity: r.capacity,
      amenities: Object.freeze(r.amenities) as Room["amenities"],
      imageUrl: r.image_url,
    },
    maintenance: r.maintenance,
    timezone: r.timezone,
    map: { x: r.map_x, y: r.map_y, width: r.map_width, height: r.map_height },
    asRoom: { available: undefined, occupied: undefined, reserved: undefined, maintenance: undefined },
  };
}

/** DOMAIN §3: maintenance, else occupied by a current booking, else reserved within 15 minutes, else available. */
function statusOf(r: DirectoryRoom, now: RoomsNow): RoomStatus {
  if (r.maintenance) return "maintenance";
  return now.held[r.room.id] ?? "available";
}

async function roomNow(db: Executor, roomId: string): Promise<Room> {
  const now = await roomsNow(db);
  const found = now.rooms.find((r) => r.room.id === roomId);
  if (!found) throw new NotFound("Room not found");
  return toRoom(found, statusOf(found, now));
}

/**
 * The API's Room, fields in the order of CONTRACT §2. Frozen, so the envelope serialises each one once
 * (lib/http/envelope.ts) and a caller cannot change the directory's copy by accident.
 */
function toRoom(entry: DirectoryRoom, status: RoomStatus): Room {
  const r = entry.room;
  return (entry.asRoom[status] ??= Object.freeze({
    id: r.id,
    name: r.name,
    building: r.building,
    buildingId: r.buildingId,
    floor: r.floor,
    capacity: r.capacity,
    amenities: r.amenities,
    status,
    imageUrl: r.imageUrl,
  }));
}

function assertPerson(principal: Principal, what = "list rooms") {
  if (principal.kind === "device") throw new Forbidden(`A door tablet cannot ${what}`);
}

function assertCanSee(principal: Principal, roomId: string) {
  if (principal.kind === "device" && principal.roomId !== roomId) {
    throw new Forbidden("A door tablet may only see its own room");
  }
}

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * The availability window of CONTRACT 2.1 as instants (issue 10 point 2): both bounds with an offset, or both
 * local, read in each building's own zone. Every range is checked after conversion: 400 naming the field for
 * mixed kinds, a local time that does not exist in a building's zone, or an end not after the start.
 */
function availabilityWindow(rooms: DirectoryRoom[], fromText: string, toText: string): NonNullable<q.RoomFilters["available"]> {
  const fromHasOffset = HAS_OFFSET.test(fromText);
  if (fromHasOffset !== HAS_OFFSET.test(toText)) {
    throw Invalid.field("availableTo", "give both bounds with an offset (instants) or both without (local times)");
  }
  const convert = (zone: string) => {
    const from = parseInstant(fromText, zone);
    if (!from) throw Invalid.field("availableFrom", `is not a real time in ${zone} (a daylight-saving gap)`);
    const to = parseInstant(toText, zone);
    if (!to) throw Invalid.field("availableTo", `is not a real time in ${zone} (a daylight-saving gap)`);
    if (to <= from) throw Invalid.field("availableTo", "must be after availableFrom");
    return { from: from.toISOString(), to: to.toISOString() };
  };
  if (fromHasOffset) return convert("UTC");
  const byBuilding: Record<string, { from: string; to: string }> = {};
  for (const { room, timezone } of rooms) byBuilding[room.buildingId] ??= convert(timezone);
  return { byBuilding };
}

/** CONTRACT 2.1. */
export async function listRooms(principal: Principal, query: ListRoomsQuery): Promise<Room[]> {
  assertPerson(principal);
  const db = await getDb();
  const window = query.availableFrom && query.availableTo ? { from: query.availableFrom, to: query.availableTo } : undefined;
  // A local window is read in each building's zone, known from the directory: then the two statements run in turn.
  const early = window && !HAS_OFFSET.test(window.from) ? await roomsNow(db) : undefined;
  const available = window ? availabilityWindow(early?.rooms ?? [], window.from, window.to) : undefined;
  const filters: q.RoomFilters = {
    search: query.search || undefined,
    building: query.building,
    floor: query.floor,
    minCapacity: query.minCapacity,
    amenities: query.amenities?.length ? query.amenities : undefined,
    available,
  };
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const [now, matching] = await Promise.all([early ?? roomsNow(db), filtered ? q.selectMatchingRoomIds(db, filters) : undefined]);
  const selected = matching && new Set(matching);
  const listed: Room[] = [];
  for (const entry of now.rooms) {
    if (selected && !selected.has(entry.room.id)) continue;
    const status = statusOf(entry, now);
    if (!query.status || status === query.status) listed.push(toRoom(entry, status));
  }
  return listed;
}

/** CONTRACT 2.2; reading a room also releases its overdue no-shows (DOMAIN §2). */
export async function getRoom(principal: Principal, roomId: string): Promise<Room> {
  assertCanSee(principal, roomId);
  await releaseOverdueNoShows(roomId);
  return roomNow(await getDb(), roomId);
}

const SLOT_MINUTES = 30;

/** ext availability: the business-hours day cut into 30-minute slots, each free or not. */
export async function getAvailability(principal: Principal, roomId: string, date: string) {
  assertCanSee(principal, roomId);
  const db = await getDb();
  const room = await getRoomContext(roomId, db);
  const settings = await getSettings(db);
  const day = parseLocalDate(date, room.timezone);
  if (!settings.businessDays.includes(day.weekday)) return [];
  const open = localTimeOn(date, settings.businessStart, room.timezone);
  const close = localTimeOn(date, settings.businessEnd, room.timezone);
  const held = (await q.selectHoldingIntervals(db, roomId, open, close)).map((b) => ({
    start: new Date(b.start_time).getTime(),
    end: new Date(b.end_time).getTime(),
  }));
  const slots: { startTime: string; endTime: string; free: boolean }[] = [];
  // Step in local wall-clock time so that a DST change inside business hours still gives real instants.
  for (let t = DateTime.fromJSDate(open, { zone: room.timezone }); t.toJSDate() < close; t = t.plus({ minutes: SLOT_MINUTES })) {
    const start = t.toJSDate().getTime();
    const end = Math.min(t.plus({ minutes: SLOT_MINUTES }).toJSDate().getTime(), close.getTime());
    if (end <= start) continue;
    const free = room.maintenance ? false : !held.some((b) => b.start < end && b.end > start);
    slots.push({ startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), free });
  }
  return slots;
}

// ── administration ──────────────────────────────────────────────────────────

async function assertFloorInBuilding(db: Executor, buildingId: string, floor: number | undefined) {
  const [building] = await q.selectBuildings(db, buildingId);
  if (!building) throw Invalid.field("buildingId", "no such building");
  if (floor !== undefined && floor > building.floors) {
    throw Invalid.field("floor", `the building has floors up to ${building.floors}`);
  }
}

function translateUnique(err: unknown, message: string): never {
  if (sqlState(err) === "23505") throw new Conflict(message);
  throw err;
}

export async function createRoom(input: CreateRoomInput): Promise<Room> {
  const db = await getDb();
  await assertFloorInBuilding(db, input.buildingId, input.floor);
  const id = await db
    .transaction(async (tx) => {
      const roomId = await q.insertRoom(tx, { ...input, imageUrl: input.imageUrl ?? null });
      await notifyRoomChanged(tx, roomId);
      return roomId;
    })
    .catch((err) => translateUnique(err, "A room with that name already exists in this building"));
  return roomNow(db, id);
}

export async function updateRoom(roomId: string, patch: UpdateRoomInput): Promise<Room> {
  const db = await getDb();
  const current = await getRoomContext(roomId, db);
  await assertFloorInBuilding(db, patch.buildingId ?? current.buildingId, patch.floor ?? current.floor);
  await db
    .transaction(async (tx) => {
      await q.updateRoom(tx, roomId, patch);
      await notifyRoomChanged(tx, roomId);
    })
    .catch((err) => translateUnique(err, "A room with that name already exists in this building"));
  return roomNow(db, roomId);
}

/** 409 while the room has active or future bookings; otherwise it goes, with its past bookings. */
export async function deleteRoom(roomId: string): Promise<{ deleted: true }> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await getRoomContext(roomId, tx);
    if (await q.hasActiveOrFutureBookings(tx, roomId)) {
      throw new Conflict("The room has active or upcoming bookings; cancel them or put the room in maintenance");
    }
    await q.deleteRoomWithHistory(tx, roomId);
    await notifyRoomChanged(tx, roomId);
  });
  return { deleted: true };
}

export async function listBuildings(principal: Principal): Promise<Building[]> {
  assertPerson(principal, "list buildings");
  return q.selectBuildings(await getDb());
}

export async function getBuilding(principal: Principal, id: string): Promise<Building> {
  assertPerson(principal, "read buildings");
  const [building] = await q.selectBuildings(await getDb(), id);
  if (!building) throw new NotFound("Building not found");
  return building;
}

export async function createBuilding(input: CreateBuildingInput): Promise<Building> {
  const db = await getDb();
  const id = await q
    .insertBuilding(db, { ...input, address: input.address ?? null })
    .catch((err) => translateUnique(err, "A building with that name already exists"));
  return (await q.selectBuildings(db, id))[0];
}

export async function updateBuilding(id: string, patch: UpdateBuildingInput): Promise<Building> {
  const db = await getDb();
  await db
    .transaction(async (tx) => {
      const [existing] = await q.selectBuildings(tx, id);
      if (!existing) throw new NotFound("Building not found");
      if (patch.floors !== undefined && (await q.countRoomsInBuilding(tx, id, patch.floors)) > 0) {
        throw Invalid.field("floors", "rooms exist above that floor");
      }
      await q.updateBuilding(tx, id, patch);
      // A new time zone changes every room's local day; a new name shows on every door tablet of the building.
      if (patch.timezone || patch.name) for (const room of await q.roomIdsInBuilding(tx, id)) await notifyRoomChanged(tx, room.id);
    })
    .catch((err) => translateUnique(err, "A building with that name already exists"));
  return (await q.selectBuildings(db, id))[0];
}

export async function deleteBuilding(id: string): Promise<{ deleted: true }> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [existing] = await q.selectBuildings(tx, id);
    if (!existing) throw new NotFound("Building not found");
    if ((await q.countRoomsInBuilding(tx, id)) > 0) throw new Conflict("The building still has rooms; delete or move them first");
    await q.deleteBuilding(tx, id);
  });
  return { deleted: true };
}

// ── floor map ───────────────────────────────────────────────────────────────

const MAP_WIDTH = 1000;
const GAP = 20;

/** ext floor map: drawn positions where an admin set them, otherwise rooms laid out as a grid by name. */
export async function getFloorPlan(principal: Principal, buildingId: string, floorText: string) {
  assertPerson(principal, "read floor maps");
  if (!/^-?\d{1,3}$/.test(floorText)) throw Invalid.field("floor", "must be a whole number");
  const floor = Number(floorText);
  const db = await getDb();
  const [building] = await q.selectBuildings(db, buildingId);
  if (!building) throw new NotFound("Building not found");
  if (floor < -10 || floor > building.floors) throw new NotFound(`${building.name} has no floor ${floor}`);
  const now = await roomsNow(db);
  const rows = now.rooms.filter((r) => r.room.buildingId === buildingId && r.room.floor === floor);
  let x = GAP;
  let y = GAP;
  let rowHeight = 0;
  const placed = rows.map((entry) => {
    const { room, map } = entry;
    const width = map.width ?? Math.min(320, 120 + room.capacity * 10);
    const height = map.height ?? (room.capacity > 10 ? 160 : 110);
    const drawn = map.x !== null && map.y !== null;
    if (!drawn && x + width + GAP > MAP_WIDTH) {
      x = GAP;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    const position = drawn ? { x: map.x!, y: map.y! } : { x, y };
    if (!drawn) {
      x += width + GAP;
      rowHeight = Math.max(rowHeight, height);
    }
    return { roomId: room.id, name: room.name, ...position, width, height, status: statusOf(entry, now) };
  });
  const height = Math.max(200, ...placed.map((p) => p.y + p.height + GAP));
  const width = Math.max(MAP_WIDTH, ...placed.map((p) => p.x + p.width + GAP));
  return { buildingId, floorNumber: floor, width, height, rooms: placed };
}

// ── finding a free room and a free time ─────────────────────────────────────

/** When a room is next free, from now: `freeFrom` (now when it is free now) and `freeUntil` (null: free all day). */
export interface FreeTime {
  freeFrom: string;
  freeUntil: string | null;
}

const MINUTE = 60_000;
const FREE_TIME_HORIZON_MS = 24 * 60 * MINUTE;

/**
 * For the rooms list: for each room of `roomIds`, the first moment from `now` not held by an active booking
 * (back-to-back bookings chained; a room in maintenance is left out) and the start of the booking after it,
 * looking 24 hours ahead. One query for all the rooms (`holds` rule of DOMAIN §2 / §3).
 */
export async function nextFreeTimes(principal: Principal, roomIds: string[], now = new Date()): Promise<Record<string, FreeTime>> {
  assertPerson(principal);
  const result: Record<string, FreeTime> = {};
  if (roomIds.length === 0) return result;
  const horizon = new Date(now.getTime() + FREE_TIME_HORIZON_MS);
  const rows = await q.selectHoldingIntervalsOfRooms(await getDb(), roomIds, now, horizon);
  const byRoom = new Map<string, { start: number; end: number }[]>();
  for (const r of rows) {
    const list = byRoom.get(r.room_id) ?? [];
    list.push({ start: new Date(r.start_time).getTime(), end: new Date(r.end_time).getTime() });
    byRoom.set(r.room_id, list);
  }
  for (const id of roomIds) {
    let free = now.getTime();
    let until: number | null = null;
    for (const b of byRoom.get(id) ?? []) {
      if (b.start <= free) free = Math.max(free, b.end);
      else {
        until = b.start;
        break;
      }
    }
    result[id] = { freeFrom: new Date(free).toISOString(), freeUntil: until === null ? null : new Date(until).toISOString() };
  }
  return result;
}

/** A free interval of a room offered on a conflict. */
export interface FreeSlot {
  startTime: string;
  endTime: string;
}

const SLOT_STEP_MINUTES = 15;

/**
 * On a conflict (UI.md `/rooms/[roomId]`): up to `limit` free intervals of the same length as [start, end) in the
 * same room, nearest to the requested start first, inside business hours and business days (DOMAIN §1) of the
 * room's local days, starting on a quarter hour, not in the past, from 12 hours before to 36 hours after the
 * requested start. One query for the room's bookings over that window. A room in maintenance has none.
 */
export async function nearestFreeSlots(
  principal: Principal,
  roomId: string,
  start: Date,
  end: Date,
  opts: { limit?: number; now?: Date } = {},
): Promise<FreeSlot[]> {
  assertCanSee(principal, roomId);
  const limit = opts.limit ?? 4;
  const now = opts.now ?? new Date();
  const duration = end.getTime() - start.getTime();
  if (duration <= 0) throw Invalid.field("endTime", "must be after startTime");
  const db = await getDb();
  const [room, settings] = await Promise.all([getRoomContext(roomId, db), getSettings(db)]);
  if (room.maintenance) return [];
  const from = new Date(Math.max(start.getTime() - 12 * 60 * MINUTE, now.getTime()));
  const to = new Date(start.getTime() + 36 * 60 * MINUTE);
  if (from >= to) return [];
  const held = (await q.selectHoldingIntervals(db, roomId, from, new Date(to.getTime() + duration))).map((b) => ({
    start: new Date(b.start_time).getTime(),
    end: new Date(b.end_time).getTime(),
  }));
  const step = SLOT_STEP_MINUTES * MINUTE;
  const candidates: { start: number; distance: number }[] = [];
  for (let t = Math.ceil(from.getTime() / step) * step; t <= to.getTime(); t += step) {
    const slotEnd = t + duration;
    if (t === start.getTime() || held.some((b) => b.start < slotEnd && b.end > t)) continue;
    const local = DateTime.fromMillis(t, { zone: room.timezone });
    const date = local.toFormat("yyyy-MM-dd");
    if (!settings.businessDays.includes(local.weekday)) continue;
    if (t < localTimeOn(date, settings.businessStart, room.timezone).getTime()) continue;
    if (slotEnd > localTimeOn(date, settings.businessEnd, room.timezone).getTime()) continue;
    candidates.push({ start: t, distance: Math.abs(t - start.getTime()) });
  }
  candidates.sort((a, b) => a.distance - b.distance || a.start - b.start);
  return candidates.slice(0, limit).map((c) => ({
    startTime: new Date(c.start).toISOString(),
    endTime: new Date(c.start + duration).toISOString(),
  }));
}

/** A room offered on a conflict: the API's Room without its live status. */
export type AlternativeRoom = Omit<Room, "status" | "imageUrl">;

/**
 * On a conflict (UI.md `/rooms/[roomId]`): up to `limit` other rooms in service that are free during [start, end)
 * and have a similar capacity — at least `attendees` seats (default: half the room's, rounded up) and at most twice
 * the room's capacity (or `attendees`, when larger) — the same building first, then the closest capacity and
 * floor. One query, whatever the number of rooms.
 */
export async function similarFreeRooms(
  principal: Principal,
  roomId: string,
  start: Date,
  end: Date,
  opts: { attendees?: number; limit?: number } = {},
): Promise<AlternativeRoom[]> {
  assertPerson(principal, "look for rooms");
  if (end <= start) throw Invalid.field("endTime", "must be after startTime");
  const db = await getDb();
  const room = await getRoomContext(roomId, db);
  const minCapacity = Math.max(opts.attendees ?? 1, Math.ceil(room.capacity / 2));
  const rows = await q.selectFreeRoomsLike(db, {
    roomId,
    buildingId: room.buildingId,
    floor: room.floor,
    capacity: room.capacity,
    minCapacity,
    maxCapacity: Math.max(room.capacity * 2, minCapacity),
    from: start,
    to: end,
    limit: opts.limit ?? 4,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    building: r.building,
    buildingId: r.building_id,
    floor: r.floor,
    capacity: r.capacity,
    amenities: r.amenities as AlternativeRoom["amenities"],
  }));
}
