"use client";

import { AlertTriangle, CalendarCheck, DoorOpen, Loader2, Repeat } from "lucide-react";
import { useState, useTransition } from "react";
import {
  createBookingAction,
  updateBookingAction,
  type ConflictHelp,
} from "@/app/(app)/booking-actions";
import { formatDate, formatDuration, formatRange, localDateOf } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import type { SeriesResult } from "@/lib/bookings/schemas";
import { PeoplePicker, type PickedPerson } from "./people-picker";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The room a booking is made in, with its building's time zone (all times of the form are local to it). */
export interface FormRoom {
  id: string;
  name: string;
  capacity: number;
  zone: string;
}

/** What the form starts with: a local date and `HH:MM` times in the room's zone. */
export interface BookingDraft {
  date: string;
  start: string;
  end: string;
  title?: string;
  description?: string | null;
  attendees?: PickedPerson[];
}

type Fields = Record<string, string[]>;

/** ISO weekday (1 = Monday) of a local date. */
function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(":").map(Number);
  const [eh, em] = end.split(":").map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

/**
 * The booking form of UI.md: title, date and times (in the room's building time), attendees, description and
 * — for a new booking — recurrence. It sends the API's own input (validated by the same zod schema in the server
 * action) and shows each field's error next to it, keeping what was typed. On a conflict it offers the nearest
 * free slots in this room and free rooms of similar capacity, each booked with one click. After a recurring
 * booking it lists the skipped dates.
 */
export function BookingForm({
  mode,
  room,
  draft,
  bookingId,
  organizerId,
  onDone,
}: {
  mode: "create" | "edit";
  room: FormRoom;
  draft: BookingDraft;
  bookingId?: string;
  organizerId?: string;
  onDone: () => void;
}) {
  const toast = useToast();
  const [title, setTitle] = useState(draft.title ?? "");
  const [description, setDescription] = useState(draft.description ?? "");
  const [date, setDate] = useState(draft.date);
  const [start, setStart] = useState(draft.start);
  const [end, setEnd] = useState(draft.end);
  const [attendees, setAttendees] = useState<PickedPerson[]>(draft.attendees ?? []);
  const [repeat, setRepeat] = useState(false);
  const [frequency, setFrequency] = useState<"daily" | "weekly">("weekly");
  const [weekdays, setWeekdays] = useState<number[]>([weekdayOf(draft.date)]);
  const [endsBy, setEndsBy] = useState<"count" | "until">("count");
  const [count, setCount] = useState("4");
  const [until, setUntil] = useState("");
  const [fields, setFields] = useState<Fields>({});
  const [message, setMessage] = useState<string | null>(null);
  const [help, setHelp] = useState<ConflictHelp | null>(null);
  const [series, setSeries] = useState<SeriesResult | null>(null);
  const [pending, startTransition] = useTransition();

  const base = () => ({
    title,
    ...(description.trim() ? { description } : mode === "edit" ? { description: null } : {}),
    startTime: `${date}T${start}`,
    endTime: `${date}T${end}`,
    attendeeIds: attendees.map((a) => a.id),
  });

  const recurrence = () => {
    if (!repeat) return undefined;
    return {
      frequency,
      ...(frequency === "weekly" ? { byWeekday: weekdays } : {}),
      ...(endsBy === "count" ? { count: Number(count) } : { until }),
    };
  };

  const fail = (result: { message: string; fields?: Fields; help?: ConflictHelp }) => {
    setFields(result.fields ?? {});
    setMessage(result.message);
    setHelp(result.help ?? null);
  };

  const book = (input: Record<string, unknown>, what: string) =>
    startTransition(async () => {
      const result = await createBookingAction(input);
      if (!result.ok) return fail(result);
      if (result.data.kind === "series") {
        setSeries(result.data.series);
        setHelp(null);
        setMessage(null);
        toast({ title: `Booked ${result.data.series.created.length} meetings`, description: what, tone: "success" });
        return;
      }
      const b = result.data.booking;
      toast({ title: "Booked", description: `${b.title} · ${b.roomName} · ${formatDate(b.startTime, room.zone)} ${formatRange(b.startTime, b.endTime, room.zone)}`, tone: "success" });
      onDone();
    });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFields({});
    setMessage(null);
    setHelp(null);
    if (mode === "create") {
      const rec = recurrence();
      book({ roomId: room.id, ...base(), ...(rec ? { recurrence: rec } : {}) }, room.name);
      return;
    }
    startTransition(async () => {
      const result = await updateBookingAction(bookingId!, base());
      if (!result.ok) return fail(result);
      toast({ title: "Booking updated", description: `${result.data.title} · ${formatRange(result.data.startTime, result.data.endTime, room.zone)}`, tone: "success" });
      onDone();
    });
  };

  if (series) {
    return (
      <div className="space-y-4" data-testid="series-result">
        <p className="flex items-center gap-2 font-medium text-emerald-800">
          <CalendarCheck aria-hidden className="size-5" />
          {series.created.length} {series.created.length === 1 ? "meeting" : "meetings"} booked in {room.name}.
        </p>
        {series.skipped.length > 0 ? (
          <div className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-300">
            <p className="font-medium text-amber-900">Skipped {series.skipped.length === 1 ? "1 date" : `${series.skipped.length} dates`}:</p>
            <ul className="mt-1 list-disc pl-5 text-sm text-amber-900" data-testid="skipped-dates">
              {series.skipped.map((s) => (
                <li key={s.startTime}>
                  {formatDate(s.startTime, room.zone)} {formatRange(s.startTime, new Date(new Date(s.startTime).getTime() + minutesBetween(start, end) * 60_000), room.zone)} — {s.reason}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-slate-700">No date was skipped.</p>
        )}
        <div className="flex justify-end">
          <Button onClick={onDone}>Done</Button>
        </div>
      </div>
    );
  }

  const duration = minutesBetween(start, end);
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
      <Field label="Title" error={fields.title}>
        <Input name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required autoFocus placeholder="e.g. Weekly sync" />
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Date" error={fields.date}>
          <Input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </Field>
        <Field label="Start" error={fields.startTime}>
          <Input name="start" type="time" step={300} value={start} onChange={(e) => setStart(e.target.value)} required />
        </Field>
        <Field label="End" error={fields.endTime} hint={duration > 0 ? formatDuration(duration) : undefined}>
          <Input name="end" type="time" step={300} value={end} onChange={(e) => setEnd(e.target.value)} required />
        </Field>
      </div>
      <PeoplePicker value={attendees} onChange={setAttendees} excludeIds={organizerId ? [organizerId] : []} error={fields.attendeeIds} />
      <Field label="Description (optional)" error={fields.description}>
        <Textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={2} />
      </Field>

      {mode === "create" && (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Repeat</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} className="size-4 accent-indigo-600" />
            <Repeat aria-hidden className="size-4" /> Repeat this booking
          </label>
          {repeat && (
            <div className="space-y-3">
              <Field label="How often" error={fields["recurrence.frequency"]}>
                <Select value={frequency} onChange={(e) => setFrequency(e.target.value as "daily" | "weekly")}>
                  <option value="daily">Every day</option>
                  <option value="weekly">Every week</option>
                </Select>
              </Field>
              {frequency === "weekly" && (
                <fieldset>
                  <legend className="text-sm font-medium text-slate-700">On</legend>
                  <div className="mt-1 flex flex-wrap gap-1.5">
                    {WEEKDAYS.map((label, i) => {
                      const day = i + 1;
                      const on = weekdays.includes(day);
                      return (
                        <label
                          key={label}
                          className="cursor-pointer rounded-md border border-slate-300 px-2.5 py-1 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500"
                        >
                          <input
                            type="checkbox"
                            className="sr-only"
                            checked={on}
                            onChange={() => setWeekdays(on ? weekdays.filter((d) => d !== day) : [...weekdays, day].sort())}
                          />
                          {label}
                        </label>
                      );
                    })}
                  </div>
                  {fields["recurrence.byWeekday"] && <p className="mt-1 text-sm text-red-700">{fields["recurrence.byWeekday"].join(" ")}</p>}
                </fieldset>
              )}
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-700">Ends</legend>
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" name="endsBy" checked={endsBy === "count"} onChange={() => setEndsBy("count")} className="size-4 accent-indigo-600" />
                    After
                  </label>
                  <Input
                    aria-label="Number of meetings"
                    type="number"
                    min={1}
                    max={52}
                    value={count}
                    onChange={(e) => {
                      setCount(e.target.value);
                      setEndsBy("count");
                    }}
                    className="w-20"
                    aria-invalid={fields["recurrence.count"] ? true : undefined}
                  />
                  <span>meetings</span>
                </div>
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" name="endsBy" checked={endsBy === "until"} onChange={() => setEndsBy("until")} className="size-4 accent-indigo-600" />
                    On date
                  </label>
                  <Input
                    aria-label="Last date"
                    type="date"
                    value={until}
                    onChange={(e) => {
                      setUntil(e.target.value);
                      setEndsBy("until");
                    }}
                    className="w-44"
                    aria-invalid={fields["recurrence.until"] ? true : undefined}
                  />
                </div>
                {(fields["recurrence.count"] || fields["recurrence.until"] || fields.recurrence) && (
                  <p className="text-sm text-red-700">
                    {[...(fields["recurrence.count"] ?? []), ...(fields["recurrence.until"] ?? []), ...(fields.recurrence ?? [])].join(" ")}
                  </p>
                )}
              </fieldset>
            </div>
          )}
        </fieldset>
      )}

      {message && !help && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          {message}
        </p>
      )}
      {help && <ConflictHelpPanel help={help} message={message} room={room} pending={pending} onSlot={(s) => book({ roomId: room.id, ...base(), startTime: s.startTime, endTime: s.endTime }, room.name)} onRoom={(r) => book({ roomId: r.id, ...base(), startTime: help.startTime, endTime: help.endTime }, r.name)} />}

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 aria-hidden className="animate-spin" />}
          {mode === "create" ? "Book" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}

function ConflictHelpPanel({
  help,
  message,
  room,
  pending,
  onSlot,
  onRoom,
}: {
  help: ConflictHelp;
  message: string | null;
  room: FormRoom;
  pending: boolean;
  onSlot: (slot: { startTime: string; endTime: string }) => void;
  onRoom: (room: { id: string; name: string }) => void;
}) {
  const sameDay = (iso: string) => localDateOf(iso, room.zone) === localDateOf(help.startTime, room.zone);
  return (
    <div role="alert" className="space-y-3 rounded-md bg-amber-50 p-3 ring-1 ring-amber-300" data-testid="conflict-help">
      <p className="flex items-start gap-2 text-sm font-medium text-amber-900">
        <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
        {`${(message ?? "That time is taken").replace(/\.?$/, ".")} Book one of these instead:`}
      </p>
      {help.slots.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Free in {room.name}</h3>
          <ul className="mt-1 flex flex-wrap gap-2">
            {help.slots.map((s) => (
              <li key={s.startTime}>
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => onSlot(s)}>
                  {sameDay(s.startTime) ? "" : `${formatDate(s.startTime, room.zone)} `}
                  {formatRange(s.startTime, s.endTime, room.zone)}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {help.rooms.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">
            Other rooms free {formatRange(help.startTime, help.endTime, room.zone)}
          </h3>
          <ul className="mt-1 flex flex-wrap gap-2">
            {help.rooms.map((r) => (
              <li key={r.id}>
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => onRoom(r)}>
                  <DoorOpen aria-hidden />
                  {r.name} · {r.capacity} seats · {r.floor === 0 ? "ground floor" : `floor ${r.floor}`}
                  {r.building ? ` · ${r.building}` : ""}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {help.slots.length === 0 && help.rooms.length === 0 && (
        <p className="text-sm text-amber-900">No free time nearby and no similar room is free then; try another day.</p>
      )}
    </div>
  );
}
