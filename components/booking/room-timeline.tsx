"use client";

import { Plus } from "lucide-react";
import { useRef, useState } from "react";
import { formatDuration, formatRange, formatTime } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import dynamic from "next/dynamic";
import type { BookingDraft, FormRoom } from "./booking-form";

// The form (and its people picker) loads when a free time is chosen, not with the page.
const BookingForm = dynamic(() => import("./booking-form").then((m) => m.BookingForm), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading the form…</p>,
});

/** A booking as the timeline draws it. */
export interface TimelineBooking {
  id: string;
  title: string;
  organizer: string;
  startTime: string;
  endTime: string;
  checkedIn: boolean;
  mine: boolean;
}

const PX_PER_MINUTE = 1.1;
const SNAP = 15;
const MINUTE = 60_000;

/**
 * A room's day (UI.md): business hours in the building's time, bookings as blocks, free gaps as buttons.
 * Click a free gap (or press Enter on it) to book from its start or from where you clicked; drag over free time
 * to choose start and end. The form opens in a dialog with those times.
 */
export function RoomTimeline({
  room,
  date,
  open,
  close,
  now,
  bookings,
  bookable,
  minMinutes,
  userId,
}: {
  room: FormRoom;
  date: string;
  open: string;
  close: string;
  now: string;
  bookings: TimelineBooking[];
  bookable: boolean;
  minMinutes: number;
  userId: string;
}) {
  const openMs = new Date(open).getTime();
  const closeMs = new Date(close).getTime();
  const total = Math.round((closeMs - openMs) / MINUTE);
  const nowMin = Math.round((new Date(now).getTime() - openMs) / MINUTE);
  const blocks = bookings
    .map((b) => ({ ...b, from: Math.max(0, Math.round((new Date(b.startTime).getTime() - openMs) / MINUTE)), to: Math.min(total, Math.round((new Date(b.endTime).getTime() - openMs) / MINUTE)) }))
    .filter((b) => b.to > 0 && b.from < total);

  // Free gaps from now (rounded up to 5 minutes) on, long enough for the shortest booking.
  const firstFree = Math.max(0, Math.ceil(nowMin / 5) * 5);
  const gaps: { from: number; to: number }[] = [];
  let cursor = firstFree;
  for (const b of [...blocks].sort((a, b) => a.from - b.from)) {
    if (b.from > cursor) gaps.push({ from: cursor, to: b.from });
    cursor = Math.max(cursor, b.to);
  }
  if (cursor < total) gaps.push({ from: cursor, to: total });
  const usable = bookable ? gaps.filter((g) => g.to - g.from >= minMinutes) : [];

  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [drag, setDrag] = useState<{ gap: { from: number; to: number }; anchor: number; current: number } | null>(null);
  const column = useRef<HTMLDivElement>(null);

  const at = (minute: number) => new Date(openMs + minute * MINUTE);
  const hhmm = (minute: number) => formatTime(at(minute), room.zone);
  const openForm = (from: number, to: number) => setDraft({ date, start: hhmm(from), end: hhmm(to) });
  const minuteAt = (clientY: number) => {
    const rect = column.current!.getBoundingClientRect();
    return Math.max(0, Math.min(total, (clientY - rect.top) / PX_PER_MINUTE));
  };
  const snapDown = (m: number) => Math.floor(m / SNAP) * SNAP;

  const onPointerDown = (gap: { from: number; to: number }) => (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const m = Math.max(gap.from, snapDown(minuteAt(e.clientY)));
    setDrag({ gap, anchor: m, current: m });
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (!drag) return;
    setDrag({ ...drag, current: Math.max(drag.gap.from, Math.min(drag.gap.to, Math.round(minuteAt(e.clientY) / SNAP) * SNAP)) });
  };
  const onPointerUp = () => {
    if (!drag) return;
    const { gap, anchor, current } = drag;
    setDrag(null);
    let from = Math.min(anchor, current);
    let to = Math.max(anchor, current);
    // A click (no real drag): from where it was clicked, as long as there is room, up to an hour.
    if (to - from < SNAP) {
      from = Math.min(anchor, Math.max(gap.from, gap.to - minMinutes));
      to = Math.min(gap.to, from + Math.max(minMinutes, 60));
    }
    openForm(Math.max(gap.from, from), Math.min(gap.to, to));
  };

  const selection = drag && { from: Math.min(drag.anchor, drag.current), to: Math.max(drag.anchor, drag.current) };
  const hours: number[] = [];
  for (let m = 0; m <= total; m += 60) hours.push(m);

  return (
    <>
      <div className="flex" data-testid="timeline">
        <div className="relative w-14 shrink-0" style={{ height: total * PX_PER_MINUTE }} aria-hidden>
          {hours.map((m) => (
            <span key={m} className="absolute right-2 -translate-y-1/2 text-xs tabular-nums text-slate-600" style={{ top: m * PX_PER_MINUTE }}>
              {hhmm(m)}
            </span>
          ))}
        </div>
        <div
          ref={column}
          className="relative flex-1 touch-none select-none rounded-md border border-slate-200 bg-slate-50"
          style={{ height: total * PX_PER_MINUTE }}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          {hours.map((m) => (
            <div key={m} aria-hidden className="absolute inset-x-0 border-t border-slate-200" style={{ top: m * PX_PER_MINUTE }} />
          ))}
          {nowMin > 0 && nowMin < total && (
            <div aria-hidden className="absolute inset-x-0 z-20 border-t-2 border-red-600" style={{ top: nowMin * PX_PER_MINUTE }}>
              <span className="absolute -top-2.5 right-1 rounded bg-red-700 px-1 text-[10px] font-medium text-white">now</span>
            </div>
          )}
          <ol aria-label="The day in order" className="contents">
            {[...blocks.map((b) => ({ kind: "booking" as const, from: b.from, b })), ...usable.map((g) => ({ kind: "gap" as const, from: g.from, g }))]
              .sort((x, y) => x.from - y.from)
              .map((item) =>
                item.kind === "booking" ? (
                  <li
                    key={item.b.id}
                    className={cn(
                      "absolute inset-x-1 z-10 overflow-hidden rounded-md border-l-4 px-2 py-1 text-sm shadow-sm",
                      item.b.mine ? "border-indigo-600 bg-indigo-100 text-indigo-950" : "border-slate-500 bg-white text-slate-900 ring-1 ring-slate-200",
                    )}
                    style={{ top: item.b.from * PX_PER_MINUTE + 1, height: Math.max(18, (item.b.to - item.b.from) * PX_PER_MINUTE - 2) }}
                    data-testid="timeline-booking"
                  >
                    <span className="font-medium">{item.b.title}</span>{" "}
                    <span className="text-xs">
                      {formatRange(item.b.startTime, item.b.endTime, room.zone)} · {item.b.organizer}
                      {item.b.checkedIn ? " · checked in" : ""}
                    </span>
                  </li>
                ) : (
                  <li key={`gap-${item.g.from}`} className="absolute inset-x-1" style={{ top: item.g.from * PX_PER_MINUTE + 1, height: (item.g.to - item.g.from) * PX_PER_MINUTE - 2 }}>
                    <button
                      type="button"
                      onPointerDown={onPointerDown(item.g)}
                      onClick={(e) => {
                        // Pointer clicks are handled on pointer-up; this is Enter or Space.
                        if (e.detail === 0) openForm(item.g.from, Math.min(item.g.to, item.g.from + Math.max(minMinutes, 60)));
                      }}
                      className="group flex h-full w-full cursor-pointer items-start justify-between rounded-md border border-dashed border-emerald-400 bg-emerald-50/60 px-2 py-1 text-left text-xs text-emerald-900 hover:bg-emerald-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                      data-testid="free-gap"
                    >
                      <span>
                        Free {formatRange(at(item.g.from), at(item.g.to), room.zone)} ({formatDuration(item.g.to - item.g.from)})
                        <span className="sr-only">, book</span>
                      </span>
                      <span aria-hidden className="flex items-center gap-1 font-medium opacity-80 group-hover:opacity-100">
                        <Plus className="size-3.5" /> Book
                      </span>
                    </button>
                  </li>
                ),
              )}
          </ol>
          {selection && selection.to > selection.from && (
            <div aria-hidden className="pointer-events-none absolute inset-x-1 z-30 rounded-md bg-indigo-500/30 ring-2 ring-indigo-600" style={{ top: selection.from * PX_PER_MINUTE, height: (selection.to - selection.from) * PX_PER_MINUTE }}>
              <span className="m-1 inline-block rounded bg-white px-1 text-xs font-medium text-indigo-900">
                {hhmm(selection.from)}–{hhmm(selection.to)}
              </span>
            </div>
          )}
        </div>
      </div>
      <Dialog open={draft !== null} onOpenChange={(o) => !o && setDraft(null)}>
        {draft && (
          <DialogContent title={`Book ${room.name}`} description={`${room.capacity} seats · times in ${room.zone.split("/").pop()?.replace(/_/g, " ")} time`}>
            <BookingForm mode="create" room={room} draft={draft} organizerId={userId} onDone={() => setDraft(null)} />
          </DialogContent>
        )}
      </Dialog>
    </>
  );
}
