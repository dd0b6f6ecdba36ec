import type { Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { ALL_ROOMS, createRoomFeed, onRealtimeEvents, type RoomFeed } from "@/lib/realtime/service";
import { getDb } from "@/db/client";
import * as q from "./queries";
import { assertPanelAccess, computeRoomState, type RoomStateSnapshot, type StoredRoomState } from "./state";

// CONTRACT 4.4: the room's state pushed as server-sent events. One feed per process computes each watched room's
// state once per burst of changes (lib/realtime) and hands it to every stream of that room.

/** The keep-alive comment period: proxies close idle connections after 30–60 s; CONTRACT 4.4 asks for ≤ 20 s. */
export const PING_INTERVAL_MS = 15_000;
/** How often devices with open streams are marked as seen (CONTRACT §4: lastSeenAt written at most once a minute). */
const TOUCH_INTERVAL_MS = 60_000;
const RETRY_MS = 3_000;

interface Stream {
  roomId: string;
  deviceId: string | null;
  push: (state: StoredRoomState) => void;
  close: () => void;
}

interface Live {
  feed: RoomFeed<StoredRoomState>;
  closingOnShutdown?: boolean;
  listening?: Promise<unknown>;
  deviceStreams: Map<string, Set<Stream>>;
  touchTimer?: NodeJS.Timeout;
}

const globalForLive = globalThis as unknown as { __circleTimePanelLive?: Live };
const live: Live = (globalForLive.__circleTimePanelLive ??= {
  feed: createRoomFeed<StoredRoomState>(computeRoomState, PING_INTERVAL_MS),
  deviceStreams: new Map<string, Set<Stream>>(),
});

/**
 * On SIGTERM (a deploy, a scale-down) the open streams end at once, so that Next's graceful shutdown is not held up
 * by them and the tablets reconnect — through the load balancer, to another instance — within `retry`.
 */
function closeStreamsOnShutdown() {
  // Only inside the Next.js server, which handles these signals itself (tests and scripts keep the default).
  if (live.closingOnShutdown || !process.env.NEXT_RUNTIME) return;
  live.closingOnShutdown = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      live.feed.closeAll();
      // Nobody else handles it: let the signal do what it does by default.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Joins this process's LISTEN session once (DOMAIN §6): room changes feed the states, device changes the streams. */
function ensureListening(): Promise<unknown> {
  live.listening ??= onRealtimeEvents({
    roomChanged: (roomId) => (roomId === ALL_ROOMS ? live.feed.refreshAll(false) : live.feed.changed(roomId)),
    deviceChanged: (deviceId) => void recheckDevice(deviceId),
    reconnected: () => live.feed.refreshAll(true),
  }).catch((err) => {
    live.listening = undefined;
    throw err;
  });
  return live.listening;
}

/** A revoked tablet's streams close; a moved tablet's streams get the new room's state, then close. */
async function recheckDevice(deviceId: string) {
  const streams = live.deviceStreams.get(deviceId);
  if (!streams?.size) return;
  try {
    const row = await q.findDeviceBinding(await getDb(), deviceId);
    const binding = row && !row.revokedAt ? { roomId: row.roomId } : null;
    for (const stream of [...streams]) {
      if (binding?.roomId === stream.roomId) continue;
      if (binding) {
        const moved = await computeRoomState(binding.roomId);
        if (moved) stream.push(moved.value);
      }
      stream.close();
    }
  } catch (err) {
    console.error(`[realtime] re-checking device ${deviceId} failed`, err);
  }
}

function trackDevice(stream: Stream): () => void {
  if (!stream.deviceId) return () => {};
  const id = stream.deviceId;
  let set = live.deviceStreams.get(id);
  if (!set) live.deviceStreams.set(id, (set = new Set()));
  set.add(stream);
  live.touchTimer ??= setInterval(() => {
    getDb()
      .then((db) => q.touchDevices(db, [...live.deviceStreams.keys()]))
      .catch((err) => console.error("[realtime] touching devices failed", err));
  }, TOUCH_INTERVAL_MS);
  live.touchTimer.unref();
  return () => {
    set.delete(stream);
    if (set.size === 0) live.deviceStreams.delete(id);
    if (live.deviceStreams.size === 0 && live.touchTimer) {
      clearInterval(live.touchTimer);
      live.touchTimer = undefined;
    }
  };
}

const encoder = new TextEncoder();
const RETRY_FIELD = encoder.encode(`retry: ${RETRY_MS}\n\n`);
const PING = encoder.encode(": ping\n\n");

/** The `id` the client last saw (`Last-Event-ID` header, as EventSource sends it on reconnection), or 0. */
function lastEventId(req: Request): number {
  const text = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId") ?? "";
  const n = Number.parseInt(text, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * CONTRACT 4.4 `GET /api/panel/rooms/{roomId}/events`: a `text/event-stream` that sends `retry: 3000`, then the
 * room's current state at once, then one `room_state` event per change of it (committed writes from any instance
 * via LISTEN, and moments that change it by themselves), each with an increasing `id` (continuing after a
 * `Last-Event-ID`), and `: ping` every 15 s. A reconnection is answered with the current state. Everything is
 * released when the client goes away. Throws before the stream starts: Forbidden (another room's tablet),
 * NotFound (unknown room).
 */
export async function openRoomEvents(principal: Principal, roomId: string, req: Request): Promise<Response> {
  assertPanelAccess(principal, roomId);
  await ensureListening();
  closeStreamsOnShutdown();
  // 404 before the stream: the first state is computed here (or taken from the feed when the room is watched).
  const first = await firstState(roomId);
  let nextId = lastEventId(req) + 1;
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (chunk: Uint8Array) => {
        if (!open) return;
        try {
          controller.enqueue(chunk);
        } catch {
          close();
        }
      };
      const stream: Stream = {
        roomId,
        deviceId: principal.kind === "device" ? principal.deviceId : null,
        push: (state) => {
          const data = JSON.stringify({ type: "room_state_update", data: { ...state, serverTime: new Date().toISOString() } });
          send(encoder.encode(`id: ${nextId++}\nevent: room_state\ndata: ${data}\n\n`));
        },
        close: () => close(),
      };
      send(RETRY_FIELD);
      stream.push(first.value);
      const unsubscribe = live.feed.subscribe(roomId, { push: stream.push, close: stream.close, ping: () => send(PING) }, first.key);
      const untrack = trackDevice(stream);
      const onAbort = () => close();
      req.signal.addEventListener("abort", onAbort);
      function close() {
        if (!open) return;
        open = false;
        unsubscribe();
        untrack();
        req.signal.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = close;
      if (req.signal.aborted) close();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

/**
 * The state to send first: computed now so that an unknown room is a 404 before any byte of the stream. The feed
 * then delivers it to the new stream only if it has changed since.
 */
async function firstState(roomId: string): Promise<RoomStateSnapshot> {
  const snapshot = await computeRoomState(roomId);
  if (!snapshot) throw new NotFound("Room not found");
  return snapshot;
}

/** Rooms and open streams of this process (benchmark, tests). */
export function roomEventsStats(): { rooms: number; streams: number } {
  const { rooms, subscribers } = live.feed.size();
  return { rooms, streams: subscribers };
}
