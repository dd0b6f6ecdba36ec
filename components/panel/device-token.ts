"use client";

import { useSyncExternalStore } from "react";

// The paired tablet's device token and room, kept in the browser (never shown). CONTRACT §4 pairing.

const KEY = "circle-time.panel-device";

/** What a paired tablet remembers. */
export interface StoredDevice {
  token: string;
  roomId: string;
}

/** The stored device token and room, or null on an unpaired tablet (or when storage is unavailable). */
export function readDevice(): StoredDevice | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "null") as StoredDevice | null;
    return parsed && typeof parsed.token === "string" && typeof parsed.roomId === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** Remembers the device token and its room. */
export function saveDevice(device: StoredDevice): void {
  localStorage.setItem(KEY, JSON.stringify(device));
}

/** Forgets the device (revoked, or its room is gone): the tablet goes back to pairing. */
export function forgetDevice(): void {
  localStorage.removeItem(KEY);
}

/** Headers for a panel API call: the device token when there is one, else the browser's session cookie is used. */
export function authHeaders(token: string | null | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/**
 * The stored device in a component: undefined while rendering on the server (not known yet), then the device or
 * null.
 */
export function useStoredDevice(): StoredDevice | null | undefined {
  const raw = useSyncExternalStore(
    subscribe,
    () => {
      try {
        return localStorage.getItem(KEY) ?? "";
      } catch {
        return "";
      }
    },
    () => null,
  );
  if (raw === null) return undefined;
  return raw === "" ? null : readDevice();
}
