/**
 * A live value per room, shared by every subscriber of that room in this process (DOMAIN §6): computed once per
 * burst of changes however many subscribers watch, pushed to those whose last value differs, recomputed on time
 * when it changes by itself (`nextChangeAt`), forgotten when the last subscriber leaves. It knows nothing of
 * what the value is: lib/panel feeds it room states.
 */

/** One computation of a room's value. `key` compares values (equal keys: nothing to push). */
export interface FeedSnapshot<T> {
  value: T;
  key: string;
  /** When the value will change without any write (epoch ms), or null. */
  nextChangeAt: number | null;
}

/** A receiver of one room's values (an open event stream). */
export interface FeedSubscriber<T> {
  push: (value: T) => void;
  /** Called when the room is gone (the loader answered null): the subscriber should end. */
  close: () => void;
  /** Every `pingMs` while subscribed (the stream's keep-alive comment). */
  ping?: () => void;
}

interface Entry<T> {
  subscribers: Map<FeedSubscriber<T>, string | undefined>;
  last?: FeedSnapshot<T>;
  computing: boolean;
  again: boolean;
  force: boolean;
  timer?: NodeJS.Timeout;
}

/** The longest a room's value waits before it is recomputed anyway (a safety net against a missed moment). */
const MAX_WAIT_MS = 60 * 60_000;
/** Recompute a little after the moment, so that the moment has surely passed on the database's clock too. */
const MOMENT_SLACK_MS = 25;
const RETRY_MS = 1_000;

export interface RoomFeed<T> {
  /**
   * Adds a subscriber; it receives the room's value at once (cached when nothing changed since) and every change.
   * `seenKey`: the key of a value the subscriber already has (it is not sent again).
   */
  subscribe(roomId: string, subscriber: FeedSubscriber<T>, seenKey?: string): () => void;
  /** A committed change of `roomId`: recompute (once for a burst) and push where it differs. */
  changed(roomId: string): void;
  /**
   * Recompute every watched room; with `force`, push to every subscriber whether it changed or not (after a
   * LISTEN reconnect, when changes may have been missed).
   */
  refreshAll(force: boolean): void;
  /** Closes every subscriber (the server is shutting down: the clients reconnect to another instance). */
  closeAll(): void;
  /** Number of rooms and subscribers watched (tests, benchmark). */
  size(): { rooms: number; subscribers: number };
}

/**
 * Makes a feed over `load(roomId)` (null: the room no longer exists). `pingMs` is the keep-alive period of
 * subscribers (one timer for the whole feed, not one per subscriber).
 */
export function createRoomFeed<T>(load: (roomId: string) => Promise<FeedSnapshot<T> | null>, pingMs: number): RoomFeed<T> {
  const rooms = new Map<string, Entry<T>>();
  let subscriberCount = 0;
  let pingTimer: NodeJS.Timeout | undefined;

  function deliver(entry: Entry<T>, snapshot: FeedSnapshot<T>, force: boolean) {
    for (const [subscriber, seen] of entry.subscribers) {
      if (!force && seen === snapshot.key) continue;
      entry.subscribers.set(subscriber, snapshot.key);
      try {
        subscriber.push(snapshot.value);
      } catch (err) {
        console.error("[realtime] a subscriber failed to take a value", err);
      }
    }
  }

  function schedule(roomId: string, entry: Entry<T>, at: number | null) {
    clearTimeout(entry.timer);
    const wait = Math.min(MAX_WAIT_MS, at === null ? MAX_WAIT_MS : Math.max(0, at - Date.now()) + MOMENT_SLACK_MS);
    entry.timer = setTimeout(() => refresh(roomId), wait);
    entry.timer.unref();
  }

  async function refresh(roomId: string, force = false) {
    const entry = rooms.get(roomId);
    if (!entry) return;
    entry.force ||= force;
    if (entry.computing) {
      entry.again = true;
      return;
    }
    entry.computing = true;
    try {
      do {
        entry.again = false;
        const forced = entry.force;
        entry.force = false;
        let snapshot: FeedSnapshot<T> | null;
        try {
          snapshot = await load(roomId);
        } catch (err) {
          console.error(`[realtime] computing the state of room ${roomId} failed; retrying`, err);
          schedule(roomId, entry, Date.now() + RETRY_MS);
          return;
        }
        if (rooms.get(roomId) !== entry) return;
        if (snapshot === null) {
          for (const subscriber of [...entry.subscribers.keys()]) subscriber.close();
          return;
        }
        entry.last = snapshot;
        deliver(entry, snapshot, forced);
        schedule(roomId, entry, snapshot.nextChangeAt);
      } while (entry.again);
    } finally {
      entry.computing = false;
    }
  }

  function startPings() {
    if (pingTimer) return;
    pingTimer = setInterval(() => {
      for (const entry of rooms.values()) for (const subscriber of entry.subscribers.keys()) subscriber.ping?.();
    }, pingMs);
    pingTimer.unref();
  }

  return {
    subscribe(roomId, subscriber, seenKey) {
      let entry = rooms.get(roomId);
      if (!entry) {
        entry = { subscribers: new Map(), computing: false, again: false, force: false };
        rooms.set(roomId, entry);
      }
      entry.subscribers.set(subscriber, seenKey);
      subscriberCount++;
      startPings();
      // A value computed with no change since is current: hand it over. Otherwise the computation under way (or
      // a new one) delivers it.
      // A subscriber that brings a value of its own (computed just now) is only sent what differs from a fresh
      // computation: the cached one may be older than its own.
      if (!entry.computing) {
        if (entry.last && (seenKey === undefined || entry.last.key === seenKey)) deliver(entry, entry.last, false);
        else void refresh(roomId);
      }
      const joined = entry;
      return () => {
        if (!joined.subscribers.delete(subscriber)) return;
        subscriberCount--;
        if (joined.subscribers.size === 0 && rooms.get(roomId) === joined) {
          clearTimeout(joined.timer);
          rooms.delete(roomId);
        }
        if (subscriberCount === 0 && pingTimer) {
          clearInterval(pingTimer);
          pingTimer = undefined;
        }
      };
    },
    changed(roomId) {
      if (rooms.has(roomId)) void refresh(roomId);
    },
    refreshAll(force) {
      for (const roomId of rooms.keys()) void refresh(roomId, force);
    },
    closeAll() {
      for (const entry of [...rooms.values()]) for (const subscriber of [...entry.subscribers.keys()]) subscriber.close();
    },
    size() {
      return { rooms: rooms.size, subscribers: subscriberCount };
    },
  };
}
