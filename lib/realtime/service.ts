import { sql } from "drizzle-orm";
import { getHandle, type Executor, type Listener } from "@/db/client";

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
  listener?: Promise<Listener>;
  listening: number;
}

// One LISTEN session per server process, shared by every module layer (kept on globalThis like the database).
const globalForRealtime = globalThis as unknown as { __circleTimeRealtime?: Hub };
const hub = (globalForRealtime.__circleTimeRealtime ??= { handlers: new Set(), listening: 0 });

function dispatch(channel: string, payload: string) {
  for (const h of hub.handlers) {
    if (channel === ROOM_EVENTS_CHANNEL) h.roomChanged?.(payload);
    else if (channel === DEVICE_EVENTS_CHANNEL) h.deviceChanged?.(payload);
  }
}

/**
 * Subscribes `handlers` to this process's LISTEN session on both channels (DOMAIN §6), opening the session on
 * first use: on PostgreSQL a connection of its own (DATABASE_LISTEN_URL, default DATABASE_URL) that reconnects by
 * itself, on the embedded database PGlite's own `listen`. Resolves once listening; returns the unsubscribe.
 */
export async function onRealtimeEvents(handlers: RealtimeHandlers): Promise<() => void> {
  hub.handlers.add(handlers);
  hub.listener ??= getHandle().then((h) =>
    h.listen([ROOM_EVENTS_CHANNEL, DEVICE_EVENTS_CHANNEL], {
      onNotify: dispatch,
      onListening: () => {
        // The first time is the start; every later one is a reconnection after a drop.
        if (hub.listening++ === 0) return;
        console.info("[realtime] LISTEN connection re-established; refreshing every open stream");
        for (const h of hub.handlers) h.reconnected?.();
      },
    }),
  );
  try {
    await hub.listener;
  } catch (err) {
    hub.listener = undefined;
    hub.handlers.delete(handlers);
    throw err;
  }
  return () => hub.handlers.delete(handlers);
}

/** Ends this process's LISTEN session (tests, shutdown); the next subscriber opens a new one. */
export async function stopRealtime(): Promise<void> {
  const listener = hub.listener;
  hub.listener = undefined;
  hub.listening = 0;
  if (listener) await (await listener).close();
}
