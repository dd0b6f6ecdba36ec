"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { PairingCode, PairingStatus } from "@/lib/panel/schemas";
import { readDevice, saveDevice } from "./device-token";
import { countdown } from "./format";

// `/panel` (UI.md): an unpaired tablet shows a large 6-digit code and its countdown and waits for an administrator
// to enter it (CONTRACT §4 pairing), then keeps the device token and goes to its room. A paired tablet goes
// straight to its room.

const POLL_MS = 2_000;

type Phase =
  | { kind: "starting" }
  | { kind: "showing"; code: PairingCode; offsetMs: number }
  | { kind: "waiting"; message: string; until: number };

/** The pairing screen's client. */
export function PairingScreen() {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "starting" });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const paired = readDevice();
    if (paired) {
      router.replace(`/panel/${paired.roomId}`);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (fn: () => void, ms: number) => {
      if (!stopped) timer = setTimeout(fn, ms);
    };

    const requestCode = async () => {
      try {
        const res = await fetch("/api/panel/pairing", { method: "POST", cache: "no-store" });
        const body = (await res.json()) as { data?: PairingCode; message?: string };
        if (res.status === 201 && body.data) {
          // The server's Date header corrects this tablet's clock for the countdown.
          // (It has whole seconds: half a second is added for the fraction it leaves out.)
          const serverNow = Date.parse(res.headers.get("date") ?? "") + 500;
          const offsetMs = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
          if (!stopped) setPhase({ kind: "showing", code: body.data, offsetMs });
          later(() => poll(body.data!), POLL_MS);
          return;
        }
        const retryAfter = Number(res.headers.get("retry-after") ?? "30");
        if (!stopped) setPhase({ kind: "waiting", message: body.message ?? "Cannot get a pairing code.", until: Date.now() + retryAfter * 1000 });
        later(requestCode, retryAfter * 1000);
      } catch {
        if (!stopped) setPhase({ kind: "waiting", message: "Cannot reach the server.", until: Date.now() + 5_000 });
        later(requestCode, 5_000);
      }
    };

    const poll = async (code: PairingCode) => {
      try {
        const res = await fetch(`/api/panel/pairing/${code.code}?secret=${encodeURIComponent(code.pollSecret)}`, { cache: "no-store" });
        if (res.status === 404) return void requestCode();
        const body = (await res.json()) as { data?: PairingStatus };
        const status = body.data;
        if (status?.status === "paired" && status.deviceToken && status.roomId) {
          saveDevice({ token: status.deviceToken, roomId: status.roomId });
          stopped = true;
          router.replace(`/panel/${status.roomId}`);
          return;
        }
        if (status?.status === "expired" || status?.status === "paired") return void requestCode();
      } catch {
        // the server is away: keep polling this code
      }
      later(() => poll(code), POLL_MS);
    };

    void requestCode();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [router]);

  return (
    <div className="fixed inset-0 flex h-dvh w-screen flex-col items-center justify-center gap-10 overflow-hidden bg-slate-900 p-10 text-center text-white">
      <KeyRound aria-hidden className="size-20 text-indigo-300" />
      <h1 className="text-5xl font-bold">Pair this tablet</h1>
      {phase.kind === "showing" && (
        <>
          <p className="font-mono text-[8rem] leading-none font-bold tracking-[0.2em] tabular-nums lg:text-[10rem]" data-testid="pairing-code" aria-label={`Pairing code ${phase.code.code.split("").join(" ")}`}>
            {phase.code.code}
          </p>
          <p className="max-w-3xl text-3xl text-slate-200">Ask an administrator to enter this code under Admin → Devices and choose this room.</p>
          <p className="text-2xl text-slate-300 tabular-nums" data-testid="pairing-countdown">
            Expires in {countdown(Date.parse(phase.code.expiresAt), now + phase.offsetMs)} — a new code appears by itself
          </p>
        </>
      )}
      {phase.kind === "starting" && <p className="text-3xl text-slate-300" role="status">Getting a code…</p>}
      {phase.kind === "waiting" && (
        <p className="text-3xl text-amber-200" role="alert">
          {phase.message} Trying again in {countdown(phase.until, now)}.
        </p>
      )}
    </div>
  );
}
