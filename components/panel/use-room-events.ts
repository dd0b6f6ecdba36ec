"use client";

import { useEffect, useRef, useState } from "react";
import type { RoomState } from "@/lib/panel/schemas";
import { authHeaders } from "./device-token";

/** The event stream's condition: connecting at first, live while events arrive, offline while it cannot connect. */
export type Connection = "connecting" | "live" | "offline";

/** Why the server refused the kiosk (it then leaves the page): 401 revoked or unpaired, 403 not this room, 404 gone. */
export type Refusal = 401 | 403 | 404;

const MAX_RETRY_MS = 30_000;

/**
 * Subscribes to `GET /api/panel/rooms/{roomId}/events` (CONTRACT 4.4) — never polls. Keeps the last state and
 * the offset of the server's clock (serverTime − local time). EventSource reconnects by itself after a network
 * error (`retry: 3000`); when the server refuses the stream outright, one state request tells why: 401/403/404
 * call `onRefused`, anything else (a proxy's 502, the server starting) retries with a growing pause.
 */
export function useRoomEvents(roomId: string, token: string | null, onRefused: (why: Refusal) => void) {
  const [state, setState] = useState<RoomState | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const [connection, setConnection] = useState<Connection>("connecting");
  const refused = useRef(onRefused);
  useEffect(() => {
    refused.current = onRefused;
  }, [onRefused]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      const url = `/api/panel/rooms/${roomId}/events${token ? `?token=${encodeURIComponent(token)}` : ""}`;
      source = new EventSource(url);
      source.addEventListener("room_state", (event) => {
        const message = JSON.parse((event as MessageEvent<string>).data) as { data: RoomState };
        failures = 0;
        setState(message.data);
        setOffsetMs(Date.parse(message.data.serverTime) - Date.now());
        setConnection("live");
      });
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          // A network error: the browser is already reconnecting by itself.
          setConnection("offline");
          return;
        }
        source.close();
        void diagnose();
      };
    };

    const diagnose = async () => {
      setConnection("offline");
      try {
        const res = await fetch(`/api/panel/rooms/${roomId}/state`, { headers: authHeaders(token), cache: "no-store" });
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          if (!stopped) refused.current(res.status);
          return;
        }
      } catch {
        // unreachable: retry below
      }
      retryTimer = setTimeout(connect, Math.min(MAX_RETRY_MS, 1_000 * 2 ** failures++));
    };

    connect();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
    };
  }, [roomId, token]);

  return { state, offsetMs, connection };
}

/** The current time on the server's clock, ticking every second (`offsetMs` from `useRoomEvents`). */
export function useServerNow(offsetMs: number): number {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return tick + offsetMs;
}

/** Keeps the screen on while the page is shown (Screen Wake Lock API), asking again when it becomes visible. */
export function useWakeLock(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let active = true;
    const request = async () => {
      if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
      try {
        const granted = await navigator.wakeLock.request("screen");
        if (active) lock = granted;
        else void granted.release();
      } catch {
        // refused (battery saver, no user gesture yet): the tablet's own settings keep it on
      }
    };
    void request();
    document.addEventListener("visibilitychange", request);
    return () => {
      active = false;
      document.removeEventListener("visibilitychange", request);
      void lock?.release();
    };
  }, []);
}
