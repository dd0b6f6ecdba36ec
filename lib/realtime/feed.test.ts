import { afterEach, describe, expect, it, vi } from "vitest";
import { createRoomFeed, type FeedSnapshot } from "./feed";

// The per-process fan-out of DOMAIN §6 on its own: one computation per burst, pushes only of changes, the
// keep-alive, recomputation at the announced moment, and nothing left behind. The loader is the test's own
// (a counter), which is all the feed knows of room states.

afterEach(() => vi.useRealTimers());

function counterLoader(delayMs = 20) {
  const calls: string[] = [];
  let version = 0;
  const load = async (roomId: string): Promise<FeedSnapshot<number> | null> => {
    calls.push(roomId);
    const value = version;
    await new Promise((r) => setTimeout(r, delayMs));
    return { value, key: String(value), nextChangeAt: null };
  };
  return { load, calls, bump: () => version++ };
}

describe("createRoomFeed", () => {
  it("computes a room once for many subscribers and once more for a burst of changes, however long the burst", async () => {
    const loader = counterLoader();
    const feed = createRoomFeed(loader.load, 60_000);
    const received: number[][] = Array.from({ length: 100 }, () => []);
    const stops = received.map((list) => feed.subscribe("r1", { push: (v) => list.push(v), close: () => {} }));
    await vi.waitFor(() => expect(received.every((l) => l.length === 1)).toBe(true));
    expect(loader.calls).toHaveLength(1);

    loader.bump();
    for (let i = 0; i < 50; i++) feed.changed("r1");
    await vi.waitFor(() => expect(received.every((l) => l.length === 2)).toBe(true));
    // The first change started a computation; the 49 during it made exactly one more.
    expect(loader.calls).toHaveLength(3);
    expect(received[0]).toEqual([0, 1]);

    // A change that changes nothing pushes nothing.
    feed.changed("r1");
    await vi.waitFor(() => expect(loader.calls).toHaveLength(4));
    await new Promise((r) => setTimeout(r, 50));
    expect(received[0]).toEqual([0, 1]);

    for (const stop of stops) stop();
    expect(feed.size()).toEqual({ rooms: 0, subscribers: 0 });
    feed.changed("r1");
    expect(loader.calls).toHaveLength(4);
  });

  it("a late subscriber gets the cached value without a computation; a subscriber with the same key gets nothing new", async () => {
    const loader = counterLoader();
    const feed = createRoomFeed(loader.load, 60_000);
    const first: number[] = [];
    feed.subscribe("r1", { push: (v) => first.push(v), close: () => {} });
    await vi.waitFor(() => expect(first).toEqual([0]));
    const late: number[] = [];
    feed.subscribe("r1", { push: (v) => late.push(v), close: () => {} });
    expect(late).toEqual([0]);
    const known: number[] = [];
    feed.subscribe("r1", { push: (v) => known.push(v), close: () => {} }, "0");
    expect(known).toEqual([]);
    expect(loader.calls).toHaveLength(1);
  });

  it("refreshAll(force) pushes to everyone even when nothing changed; a room gone closes its subscribers", async () => {
    let gone = false;
    const feed = createRoomFeed<number>(async () => (gone ? null : { value: 1, key: "1", nextChangeAt: null }), 60_000);
    const got: number[] = [];
    let closed = false;
    const stop = feed.subscribe("r1", { push: (v) => got.push(v), close: () => (closed = true, stop()) });
    await vi.waitFor(() => expect(got).toEqual([1]));
    feed.refreshAll(true);
    await vi.waitFor(() => expect(got).toEqual([1, 1]));
    gone = true;
    feed.changed("r1");
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(feed.size()).toEqual({ rooms: 0, subscribers: 0 });
  });

  it("recomputes at the announced moment and pings every period, with one timer each, cleared at the end", async () => {
    vi.useFakeTimers();
    let t = 0;
    const feed = createRoomFeed<number>(async () => ({ value: t, key: String(t), nextChangeAt: Date.now() + 5_000 }), 15_000);
    const got: number[] = [];
    let pings = 0;
    const stop = feed.subscribe("r1", { push: (v) => got.push(v), close: () => {}, ping: () => pings++ });
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toEqual([0]);
    t = 1;
    await vi.advanceTimersByTimeAsync(5_100);
    expect(got).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pings).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
