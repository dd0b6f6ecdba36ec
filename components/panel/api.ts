"use client";

import { authHeaders } from "./device-token";

/** The outcome of a panel action: its data, or the API's message in words (UI.md: a failed action says why). */
export type ActionResult<T> = { ok: true; data: T; message?: string } | { ok: false; status: number; message: string };

/** Calls a panel endpoint with the device token (or the session cookie) and reads the envelope of CONTRACT §0. */
export async function panelAction<T>(path: string, token: string | null, body?: unknown): Promise<ActionResult<T>> {
  try {
    const res = await fetch(path, {
      method: "POST",
      headers: { ...authHeaders(token), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const envelope = (await res.json().catch(() => null)) as { success?: boolean; data?: T; message?: string } | null;
    if (res.ok && envelope?.success) return { ok: true, data: envelope.data as T, message: envelope.message };
    return { ok: false, status: res.status, message: envelope?.message ?? `The server answered ${res.status}` };
  } catch {
    return { ok: false, status: 0, message: "No connection to the server. Try again in a moment." };
  }
}
