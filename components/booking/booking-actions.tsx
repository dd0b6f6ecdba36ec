"use client";

import { CalendarPlus, Clock, LogIn, Pencil, Square, Timer, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { cancelBookingAction, checkInAction, endMeetingAction, extendMeetingAction } from "@/app/(app)/booking-actions";
import { formatDuration, formatTime } from "@/components/format";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/http/action";
import { BookingForm, type BookingDraft, type FormRoom } from "./booking-form";

/** What the page decided this person may do with a booking now (from its state, DOMAIN §2 and §1). */
export interface AllowedActions {
  checkIn: boolean;
  /** Check-in is not open yet: when it opens (shown instead of the button). */
  checkInOpensAt: string | null;
  end: boolean;
  extend: boolean;
  edit: boolean;
  cancel: boolean;
  cancelSeries: boolean;
}

/**
 * The buttons of one booking in "My bookings": only those its state allows (check in, end early, extend, edit,
 * cancel this one or this and the following ones, add to calendar). Each calls a server action and reports the
 * result as a toast; the page refreshes what changed.
 */
export function BookingActions({
  booking,
  room,
  allowed,
  draft,
}: {
  booking: { id: string; title: string; organizerId: string };
  room: FormRoom;
  allowed: AllowedActions;
  draft: BookingDraft;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const run = <T,>(work: () => Promise<ActionResult<T>>, success: (data: T) => string, after?: () => void) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        toast({ title: success(result.data), description: booking.title, tone: "success" });
        after?.();
      } else {
        toast({ title: "That did not work", description: result.message, tone: "error" });
      }
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {allowed.checkIn && (
        <Button size="sm" disabled={pending} onClick={() => run(() => checkInAction(booking.id), () => "Checked in")}>
          <LogIn aria-hidden /> Check in
        </Button>
      )}
      {allowed.checkInOpensAt && (
        <span className="flex items-center gap-1 text-sm text-slate-700" data-testid="checkin-opens">
          <Clock aria-hidden className="size-4" /> Check-in opens at {formatTime(allowed.checkInOpensAt, room.zone)}
        </span>
      )}
      {allowed.end && (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => endMeetingAction(booking.id), (d) => `Meeting ended, ${formatDuration(d.freedMinutes)} given back`)}>
          <Square aria-hidden /> End early
        </Button>
      )}
      {allowed.extend && (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button size="sm" variant="secondary" disabled={pending}>
              <Timer aria-hidden /> Extend
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent aria-label="Extend by">
            {[15, 30, 60].map((m) => (
              <DropdownMenuItem key={m} onSelect={() => run(() => extendMeetingAction(booking.id, m), (b) => `Extended to ${formatTime(b.endTime, room.zone)}`)}>
                by {formatDuration(m)}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
      {allowed.edit && (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => setEditing(true)}>
          <Pencil aria-hidden /> Edit
        </Button>
      )}
      {allowed.cancel && (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => setCancelling(true)}>
          <Trash2 aria-hidden /> Cancel
        </Button>
      )}
      <a href={`/api/bookings/${booking.id}/ics`} download className={buttonVariants({ variant: "ghost", size: "sm" })} data-testid="ics-link">
        <CalendarPlus aria-hidden /> Add to calendar
      </a>

      <Dialog open={editing} onOpenChange={setEditing}>
        {editing && (
          <DialogContent title={`Edit “${booking.title}”`} description={`${room.name} · times in ${room.zone.split("/").pop()?.replace(/_/g, " ")} time`}>
            <BookingForm mode="edit" room={room} draft={draft} bookingId={booking.id} organizerId={booking.organizerId} onDone={() => setEditing(false)} />
          </DialogContent>
        )}
      </Dialog>

      <Dialog open={cancelling} onOpenChange={setCancelling}>
        <DialogContent title={`Cancel “${booking.title}”?`} description={allowed.cancelSeries ? "It is part of a series." : "The room becomes free for others."}>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setCancelling(false)}>
              Keep it
            </Button>
            {allowed.cancelSeries && (
              <Button variant="danger" disabled={pending} onClick={() => run(() => cancelBookingAction(booking.id, "series"), (d) => `Cancelled ${d.count ?? 1} meetings`, () => setCancelling(false))}>
                This and following
              </Button>
            )}
            <Button variant="danger" disabled={pending} onClick={() => run(() => cancelBookingAction(booking.id, "single"), () => "Booking cancelled", () => setCancelling(false))}>
              {allowed.cancelSeries ? "Only this one" : "Cancel booking"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

