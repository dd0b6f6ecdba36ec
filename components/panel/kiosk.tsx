"use client";

import { AlertTriangle, CalendarClock, CalendarPlus, CheckCircle2, CircleStop, Clock3, DoorOpen, Plus, Users, Wrench, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { IssueReport, Meeting, RoomState } from "@/lib/panel/schemas";
import { panelAction } from "./api";
import { deriveView, type KioskView } from "./derive";
import { forgetDevice, readDevice, saveDevice, useStoredDevice } from "./device-token";
import { clock, countdown, day, minutesInWords } from "./format";
import { ISSUE_CATEGORY_LABELS, ReportIssue } from "./report-issue";
import { useRoomEvents, useServerNow, useWakeLock, type Refusal } from "./use-room-events";

// The kiosk of UI.md: one full screen, no scrolling, readable from three metres; live from the event stream.

const STATUS_LOOK: Record<RoomState["status"], { word: string; panel: string; button: string; ghost: string }> = {
  available: { word: "Available", panel: "bg-emerald-700 text-white", button: "bg-white text-emerald-800 hover:bg-emerald-50", ghost: "border-white/70 text-white hover:bg-white/10" },
  upcoming: { word: "Upcoming", panel: "bg-amber-400 text-slate-950", button: "bg-slate-950 text-amber-300 hover:bg-slate-800", ghost: "border-slate-950/70 text-slate-950 hover:bg-black/10" },
  occupied: { word: "Occupied", panel: "bg-red-700 text-white", button: "bg-white text-red-800 hover:bg-red-50", ghost: "border-white/70 text-white hover:bg-white/10" },
  offline: { word: "Out of service", panel: "bg-slate-600 text-white", button: "bg-white text-slate-800 hover:bg-slate-100", ghost: "border-white/70 text-white hover:bg-white/10" },
};

type Overlay = null | "book-now" | "report" | "confirm-end" | "confirm-release";
interface Notice {
  tone: "ok" | "error";
  text: string;
}

/** The kiosk page's client: `/panel/[roomId]` for a paired tablet (device token) or a signed-in user (cookie). */
export function Kiosk({ roomId, timeZone }: { roomId: string; timeZone: string }) {
  const router = useRouter();
  // undefined while not yet read (server render), null for a signed-in user's browser without a device token.
  const device = useStoredDevice();
  const elsewhere = device && device.roomId !== roomId ? device.roomId : null;
  useEffect(() => {
    // A tablet shows its own room: a link to another room takes it back to its own.
    if (elsewhere) router.replace(`/panel/${elsewhere}`);
  }, [elsewhere, router]);
  const token = device === undefined || elsewhere ? undefined : (device?.token ?? null);

  const onRefused = useCallback(
    (why: Refusal) => {
      if (readDevice()) {
        // Revoked (401), moved while away (403) or its room is gone (404): back to pairing.
        forgetDevice();
        router.replace("/panel");
      } else {
        router.replace(why === 401 ? `/login?next=${encodeURIComponent(`/panel/${roomId}`)}` : "/panel");
      }
    },
    [router, roomId],
  );
  useWakeLock();

  if (token === undefined) return <Shell>{null}</Shell>;
  return <LiveKiosk roomId={roomId} timeZone={timeZone} token={token} onRefused={onRefused} />;
}

function LiveKiosk({ roomId, timeZone, token, onRefused }: { roomId: string; timeZone: string; token: string | null; onRefused: (why: Refusal) => void }) {
  const router = useRouter();
  const { state, offsetMs, connection } = useRoomEvents(roomId, token, onRefused);
  const now = useServerNow(offsetMs);

  // A tablet moved to another room receives that room's state once before its stream closes: follow it.
  const movedTo = state && state.room.id !== roomId ? state.room.id : null;
  useEffect(() => {
    if (!movedTo) return;
    if (token) saveDevice({ token, roomId: movedTo });
    router.replace(`/panel/${movedTo}`);
  }, [movedTo, token, router]);

  if (!state || movedTo) {
    return (
      <Shell>
        <div className="flex h-full items-center justify-center bg-slate-900 text-3xl text-slate-300" role="status">
          {connection === "offline" ? "Cannot reach the server — retrying…" : "Connecting…"}
        </div>
      </Shell>
    );
  }
  return <RoomScreen state={state} now={now} offline={connection === "offline"} token={token} timeZone={timeZone} />;
}

function Shell({ children }: { children: React.ReactNode }) {
  return <div className="fixed inset-0 h-dvh w-screen overflow-hidden bg-slate-900 select-none">{children}</div>;
}

function RoomScreen({ state, now, offline, token, timeZone }: { state: RoomState; now: number; offline: boolean; token: string | null; timeZone: string }) {
  const view = deriveView(state, now);
  const look = STATUS_LOOK[view.status];
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.tone === "ok" ? 6_000 : 10_000);
    return () => clearTimeout(timer);
  }, [notice]);
  // A screen that no longer applies (the meeting ended, someone booked the room) closes its overlay.
  const overlayStillApplies =
    overlay === null ||
    overlay === "report" ||
    (overlay === "book-now" && view.bookable.length > 0) ||
    (overlay === "confirm-end" && view.screen === "in-progress") ||
    (overlay === "confirm-release" && view.screen === "check-in");
  const shownOverlay = overlayStillApplies ? overlay : null;

  async function run<T>(path: string, body: unknown, success: (data: T, message?: string) => string) {
    setBusy(true);
    const result = await panelAction<T>(path, token, body);
    setBusy(false);
    if (result.ok) {
      setOverlay(null);
      setNotice({ tone: "ok", text: success(result.data, result.message) });
    } else {
      setNotice({ tone: "error", text: result.message });
    }
    return result.ok;
  }

  const meetingPath = (m: Meeting, action: string) => `/api/panel/meetings/${m.id}/${action}`;
  const actions = {
    checkIn: (m: Meeting) => run(meetingPath(m, "checkin"), undefined, () => `Checked in — enjoy “${m.title}”`),
    release: (m: Meeting) => run<{ freedMinutes: number }>(meetingPath(m, "release"), undefined, (d) => `Released — the room is free for ${minutesInWords(d.freedMinutes)} more`),
    end: (m: Meeting) => run<{ freedMinutes: number }>(meetingPath(m, "end"), undefined, (d) => `Meeting ended — ${minutesInWords(d.freedMinutes)} given back`),
    extend: (m: Meeting, minutes: number) => run<Meeting>(meetingPath(m, "extend"), { minutes }, (d) => `Extended until ${clock(d.endTime, timeZone)}`),
    bookNow: (minutes: number) =>
      run<Meeting>(`/api/panel/rooms/${state.room.id}/book-now`, { durationMinutes: minutes }, (d) => `Booked until ${clock(d.endTime, timeZone)}`),
    report: (category: string, description: string) =>
      run<IssueReport>(`/api/panel/rooms/${state.room.id}/issues`, { category, description }, (d) => `Thank you — “${ISSUE_CATEGORY_LABELS[d.category]}” reported`),
  };

  return (
    <Shell>
      <div className="grid h-full w-full landscape:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] portrait:grid-cols-[minmax(0,1fr)] portrait:grid-rows-[minmax(0,3fr)_minmax(0,2fr)]">
        <main className={`relative flex min-h-0 flex-col p-8 lg:p-10 ${look.panel}`} data-testid="kiosk-main" data-status={view.status}>
          {offline && (
            <div role="alert" data-testid="offline-banner" className="-mx-8 -mt-8 mb-6 flex items-center justify-center gap-3 bg-slate-950 px-6 py-3 text-2xl font-semibold text-white lg:-mx-10 lg:-mt-10">
              <AlertTriangle aria-hidden className="size-7 text-amber-300" /> Offline — showing the last known state
            </div>
          )}
          <Header state={state} now={now} timeZone={timeZone} />
          <div className="flex min-h-0 flex-1 flex-col justify-center gap-6">
            <p className="text-[4.5rem] leading-none font-extrabold tracking-tight lg:text-[6rem]" data-testid="kiosk-status">
              {look.word}
            </p>
            <Details view={view} now={now} timeZone={timeZone} />
          </div>
          {/* The notice sits just above the action bar, whatever its height (one row or two): never over a button. */}
          <div className="relative">
            <ActionBar view={view} look={look} busy={busy || offline} actions={actions} openOverlay={setOverlay} />
            {notice && (
              <p
                role={notice.tone === "error" ? "alert" : "status"}
                data-testid="kiosk-notice"
                className={`absolute inset-x-0 bottom-full z-10 mb-4 rounded-2xl px-6 py-4 text-2xl font-semibold shadow-xl ${notice.tone === "error" ? "bg-white text-red-800 ring-4 ring-red-300" : "bg-slate-950 text-white"}`}
              >
                {notice.text}
              </p>
            )}
          </div>
        </main>
        <Agenda view={view} now={now} timeZone={timeZone} />
      </div>
      {shownOverlay && (
        <OverlayPanel
          title={overlayTitle(shownOverlay)}
          onClose={() => setOverlay(null)}
        >
          {shownOverlay === "book-now" && (
            <div className="grid grid-cols-3 gap-4" data-testid="book-now-options">
              {view.bookable.map((minutes) => (
                <BigButton key={minutes} disabled={busy || offline} className="bg-emerald-700 text-white hover:bg-emerald-800" onClick={() => actions.bookNow(minutes)}>
                  {minutesInWords(minutes)}
                </BigButton>
              ))}
              <p className="col-span-3 text-xl text-slate-600">
                {view.next ? `Free until ${clock(view.next.startTime, timeZone)}: only what fits before the next meeting is offered.` : "Free for the rest of the day."}
              </p>
            </div>
          )}
          {shownOverlay === "report" && <ReportIssue busy={busy || offline} onSubmit={actions.report} />}
          {(shownOverlay === "confirm-end" || shownOverlay === "confirm-release") && view.meeting && (
            <div className="space-y-6">
              <p className="text-2xl text-slate-700">
                {shownOverlay === "confirm-end"
                  ? `End “${view.meeting.title}” now and give the room back?`
                  : `Release the room? “${view.meeting.title}” will be marked as a no-show and its organizer told.`}
              </p>
              <div className="grid grid-cols-2 gap-4">
                <BigButton className="border-2 border-slate-300 bg-white text-slate-800 hover:bg-slate-100" onClick={() => setOverlay(null)}>
                  Cancel
                </BigButton>
                <BigButton
                  disabled={busy || offline}
                  className="bg-red-700 text-white hover:bg-red-800"
                  onClick={() => (shownOverlay === "confirm-end" ? actions.end(view.meeting!) : actions.release(view.meeting!))}
                >
                  {shownOverlay === "confirm-end" ? "End meeting" : "Release room"}
                </BigButton>
              </div>
            </div>
          )}
        </OverlayPanel>
      )}
    </Shell>
  );
}

function overlayTitle(overlay: Exclude<Overlay, null>): string {
  return { "book-now": "Book this room now", report: "Report an issue", "confirm-end": "End the meeting early?", "confirm-release": "Nobody is coming?" }[overlay];
}

function Header({ state, now, timeZone }: { state: RoomState; now: number; timeZone: string }) {
  return (
    <header className="flex items-start justify-between gap-6">
      <div className="min-w-0">
        <h1 className="truncate text-5xl font-bold" data-testid="kiosk-room-name">
          {state.room.name}
        </h1>
        <p className="mt-2 flex items-center gap-4 text-2xl opacity-90">
          <span className="truncate">
            {state.room.building} · Floor {state.room.floor}
          </span>
          <span className="flex items-center gap-1.5">
            <Users aria-hidden className="size-6" /> {state.room.capacity}
          </span>
        </p>
      </div>
      <div className="text-right">
        <p className="text-5xl font-bold tabular-nums" data-testid="kiosk-clock">
          {clock(now, timeZone)}
        </p>
        <p className="text-xl opacity-90">{day(now, timeZone)}</p>
      </div>
    </header>
  );
}

function Details({ view, now, timeZone }: { view: KioskView; now: number; timeZone: string }) {
  const m = view.meeting;
  if (view.status === "offline") {
    return (
      <p className="flex items-center gap-3 text-3xl">
        <Wrench aria-hidden className="size-8" /> This room is not available for booking.
      </p>
    );
  }
  if (view.screen === "in-progress" && m) {
    return (
      <div className="space-y-2" data-testid="kiosk-meeting">
        <p className="truncate text-4xl font-bold">{m.title}</p>
        <p className="text-2xl opacity-90">
          {m.organizer} · {clock(m.startTime, timeZone)}–{clock(m.endTime, timeZone)}
        </p>
        <p className="flex items-center gap-2 text-3xl font-semibold tabular-nums">
          <Clock3 aria-hidden className="size-8" /> {minutesInWords(Math.ceil((Date.parse(m.endTime) - now) / 60_000))} left
        </p>
      </div>
    );
  }
  if (view.screen === "check-in" && m) {
    const started = Date.parse(m.startTime) <= now;
    return (
      <div className="space-y-2" data-testid="kiosk-meeting">
        <p className="truncate text-4xl font-bold">{m.title}</p>
        <p className="text-2xl opacity-90">
          {m.organizer} · {clock(m.startTime, timeZone)}–{clock(m.endTime, timeZone)}
        </p>
        <p className="text-3xl font-semibold tabular-nums" data-testid="kiosk-release-countdown">
          {started ? "Check in within " : `Starts in ${countdown(Date.parse(m.startTime), now)} · check in within `}
          {countdown(view.releaseAt!, now)} or the room is released
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2" data-testid="kiosk-free">
      <p className="text-4xl font-semibold">
        {view.freeUntil === null ? "Free for the rest of the day" : `Free until ${clock(view.freeUntil, timeZone)}`}
      </p>
      {view.next && (
        <p className="truncate text-2xl opacity-90">
          Next: {view.next.title} · {view.next.organizer} · {clock(view.next.startTime, timeZone)}
        </p>
      )}
    </div>
  );
}

type Actions = {
  checkIn: (m: Meeting) => Promise<boolean>;
  extend: (m: Meeting, minutes: number) => Promise<boolean>;
};

function ActionBar({ view, look, busy, actions, openOverlay }: { view: KioskView; look: (typeof STATUS_LOOK)[keyof typeof STATUS_LOOK]; busy: boolean; actions: Actions; openOverlay: (o: Overlay) => void }) {
  const m = view.meeting;
  const report = (
    <BigButton className={`border-2 ${look.ghost}`} onClick={() => openOverlay("report")} aria-label="Report an issue">
      <Wrench aria-hidden className="size-7" /> <span>Report</span>
    </BigButton>
  );
  return (
    <div className="flex flex-wrap items-stretch gap-4">
      {view.screen === "check-in" && m && (
        <>
          <BigButton disabled={busy} className={look.button} onClick={() => actions.checkIn(m)}>
            <CheckCircle2 aria-hidden className="size-8" /> Check in
          </BigButton>
          <BigButton disabled={busy} className={`border-2 ${look.ghost}`} onClick={() => openOverlay("confirm-release")}>
            <DoorOpen aria-hidden className="size-7" /> Nobody is coming
          </BigButton>
        </>
      )}
      {view.screen === "in-progress" && m && (
        <>
          <BigButton disabled={busy} className={look.button} onClick={() => openOverlay("confirm-end")}>
            <CircleStop aria-hidden className="size-8" /> End early
          </BigButton>
          {view.extendable.map((minutes) => (
            <BigButton key={minutes} disabled={busy} className={`border-2 ${look.ghost}`} onClick={() => actions.extend(m, minutes)}>
              <Plus aria-hidden className="size-7" /> {minutes} min
            </BigButton>
          ))}
        </>
      )}
      {view.screen === "idle" && view.bookable.length > 0 && (
        <BigButton disabled={busy} className={look.button} onClick={() => openOverlay("book-now")}>
          <CalendarPlus aria-hidden className="size-8" /> Book now
        </BigButton>
      )}
      <div className="ml-auto flex">{report}</div>
    </div>
  );
}

function Agenda({ view, now, timeZone }: { view: KioskView; now: number; timeZone: string }) {
  const items = view.later.slice(0, 6);
  const hidden = view.later.length - items.length;
  return (
    <aside className="flex min-h-0 flex-col gap-4 bg-slate-900 p-8 text-white" aria-label="Later today">
      <h2 className="flex items-center gap-3 text-3xl font-bold">
        <CalendarClock aria-hidden className="size-8" /> Later today
      </h2>
      {items.length === 0 ? (
        <p className="text-2xl text-slate-300">No more meetings today.</p>
      ) : (
        <ol className="min-h-0 space-y-3 overflow-hidden" data-testid="kiosk-agenda">
          {items.map((m) => (
            <li key={m.id} className="rounded-2xl bg-slate-800 px-5 py-4">
              <p className="text-2xl font-semibold tabular-nums">
                {clock(m.startTime, timeZone)}–{clock(m.endTime, timeZone)}
                {Date.parse(m.startTime) - now <= 15 * 60_000 && <span className="ml-3 rounded-full bg-amber-400 px-3 py-0.5 text-lg text-slate-950">soon</span>}
              </p>
              <p className="truncate text-xl text-slate-200">
                {m.title} · {m.organizer}
              </p>
            </li>
          ))}
          {hidden > 0 && <li className="text-xl text-slate-300">+ {hidden} more</li>}
        </ol>
      )}
    </aside>
  );
}

/** A touch target of at least 64 px (UI.md). */
function BigButton({ className = "", children, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      {...props}
      className={`flex min-h-20 min-w-20 items-center justify-center gap-3 rounded-2xl px-7 text-2xl font-bold transition focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-sky-400 disabled:opacity-60 ${className}`}
    >
      {children}
    </button>
  );
}

function OverlayPanel({ title, onClose, children }: { title: string; onClose: () => void; children: React.ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-30 flex items-center justify-center bg-slate-950/70 p-8" role="dialog" aria-modal="true" aria-label={title}>
      <div className="w-full max-w-3xl rounded-3xl bg-white p-8 text-slate-900 shadow-2xl">
        <div className="mb-6 flex items-center justify-between gap-4">
          <h2 className="text-4xl font-bold">{title}</h2>
          <button type="button" onClick={onClose} autoFocus aria-label="Close" className="flex size-16 items-center justify-center rounded-2xl hover:bg-slate-100 focus-visible:outline-4 focus-visible:outline-sky-400">
            <X aria-hidden className="size-9" />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
