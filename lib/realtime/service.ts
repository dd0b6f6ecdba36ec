import { sql, type SQL } from "drizzle-orm";
import { listen, type Executor } from "@/db/client";

export { createRoomFeed, type RoomFeed, type FeedSubscriber, type FeedSnapshot } from "./feed";

/** DOMAIN §6: the channel that carries a room id whenever that room's bookings or settings changed. */
export const ROOM_EVENTS_CHANNEL = "room_events";
/** The channel that carries a device id whenever that door tablet was revoked, renamed or moved. */
export const DEVICE_EVENTS_CHANNEL = "device_events";

/**
 * DOMAIN §6: announces that a room's bookings or settings changed. Called inside the transaction that makes
 * the change, so PostgreSQL delivers it only on commit, to every server instance listening.
 */
export async function notifyRoomChanged(tx: Executor, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${roomId})`);
}

/**
 * `notifyRoomChanged` as an expression for a statement that writes the change itself (e.g. a scalar subquery
 * over the insert's CTE): the announcement leaves with the same round trip and, as ever, only on commit.
 */
export function roomChangedExpression(roomId: string): SQL {
  return sql`pg_notify(${ROOM_EVENTS_CHANNEL}, ${roomId})`;
}

/** The payload of `ROOM_EVENTS_CHANNEL` that means every room (a change of the organisation settings). */
export const ALL_ROOMS = "*";

/** DOMAIN §6 for a change that concerns every room's state (the organisation settings), on commit. */
export async function notifyAllRoomsChanged(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${ALL_ROOMS})`);
}

/** Announces, on commit, that door tablet `deviceId` was revoked or moved: every instance re-checks its streams. */
export async function notifyDeviceChanged(tx: Executor, deviceId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${DEVICE_EVENTS_CHANNEL}, ${deviceId})`);
}

/** What a part of this process wants to hear from the LISTEN session. */
export interface RealtimeHandlers {
  /** A committed change of room `roomId` (from any instance); `ALL_ROOMS` for every room. */
  roomChanged?: (roomId: string) => void;
  /** A committed change of device `deviceId` (revoked, moved, renamed). */
  deviceChanged?: (deviceId: string) => void;
  /** LISTEN started again after its connection dropped: changes in between were missed. */
  reconnected?: () => void;
}

interface Hub {
  handlers: Set<RealtimeHandlers>;
  /** Resolves to the functions that stop this process's listening on both channels. */
  listening?: Promise<(() => Promise<void>)[]>;
  started: boolean;
}

// One subscription per channel per process, on the process's one LISTEN session (db/client.ts), shared by every
// module layer (kept on globalThis like the database).
const globalForRealtime = globalThis as unknown as { __circleTimeRealtime?: Hub };
const hub = (globalForRealtime.__circleTimeRealtime ??= { handlers: new Set(), started: false });

function dispatch(channel: string, payload: string) {
  for (const h of hub.handlers) {
    if (channel === ROOM_EVENTS_CHANNEL) h.roomChanged?.(payload);
    else if (channel === DEVICE_EVENTS_CHANNEL) h.deviceChanged?.(payload);
  }
}

/**
 * Subscribes `handlers` to this process's LISTEN session on both channels (DOMAIN §6), joining it on first use:
 * on PostgreSQL a connection of its own (DATABASE_LISTEN_URL, default DATABASE_URL) that reconnects by itself, on
 * the embedded database PGlite's own `listen`. Resolves once listening; returns the unsubscribe.
 */
export async function onRealtimeEvents(handlers: RealtimeHandlers): Promise<() => void> {
  hub.handlers.add(handlers);
  hub.listening ??= Promise.all([
    listen(ROOM_EVENTS_CHANNEL, (payload) => dispatch(ROOM_EVENTS_CHANNEL, payload), () => {
      // The first time is the start; every later one is a reconnection after a drop.
      if (!hub.started) {
        hub.started = true;
        return;
      }
      console.info("[realtime] LISTEN connection re-established; refreshing every open stream");
      for (const h of hub.handlers) h.reconnected?.();
    }),
    listen(DEVICE_EVENTS_CHANNEL, (payload) => dispatch(DEVICE_EVENTS_CHANNEL, payload)),
  ]);
  try {
    await hub.listening;
  } catch (err) {
    hub.listening = undefined;
    hub.handlers.delete(handlers);
    throw err;
  }
  return () => hub.handlers.delete(handlers);
}

/** Stops this process's listening on the realtime channels (tests, shutdown); the next subscriber starts again. */
export async function stopRealtime(): Promise<void> {
  const listening = hub.listening;
  hub.listening = undefined;
  hub.started = false;
  if (listening) await Promise.all((await listening).map((stop) => stop().catch(() => {})));
}
