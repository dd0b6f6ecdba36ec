"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { searchPeople } from "@/lib/accounts/service";
import { cancelBooking, createBooking, extendBooking, updateBooking, type CreateResult } from "@/lib/bookings/service";
import { checkIn, endMeeting } from "@/lib/lifecycle/service";
import { createBookingInput, extendInput, updateBookingInput, type Booking, type CreateBookingInput } from "@/lib/bookings/schemas";
import type { UserPrincipal } from "@/lib/auth/principal";
import { Conflict } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/http/action";
import { getRoomContext, nearestFreeSlots, similarFreeRooms, type AlternativeRoom, type FreeSlot } from "@/lib/rooms/service";
import { parseInstant } from "@/lib/time";

/**
 * Server actions of the booking pages. Each checks the session itself (lib/http/action.ts), validates with the
 * API's zod schema, calls the same service as the API (which checks ownership), and refreshes the pages whose
 * data changed.
 */

function refreshBookingPages(roomId?: string) {
  revalidatePath("/bookings");
  revalidatePath("/rooms");
  if (roomId) revalidatePath(`/rooms/${roomId}`);
}

/** Offered when a booking conflicts: the requested interval as instants, free times in the room, free rooms then. */
export interface ConflictHelp {
  startTime: string;
  endTime: string;
  slots: FreeSlot[];
  rooms: AlternativeRoom[];
}

export type CreateBookingOutcome = ActionResult<CreateResult> & { help?: ConflictHelp };

/**
 * Creates a booking or series (CONTRACT 3.2, same schema). On an overlap (409) it adds the conflict help of UI.md:
 * the nearest free slots of the same length in this room and free rooms of similar capacity at that time.
 */
export async function createBookingAction(input: unknown): Promise<CreateBookingOutcome> {
  let help: ConflictHelp | undefined;
  const result = await runAction(createBookingInput, input, async (data, principal) => {
    try {
      const created = await createBooking(principal, data);
      refreshBookingPages(data.roomId);
      return created;
    } catch (err) {
      // A series skips its conflicts by itself; a single booking gets alternatives.
      if (err instanceof Conflict && !data.recurrence) help = await conflictHelp(principal, data);
      throw err;
    }
  });
  return help && !result.ok ? { ...result, help } : result;
}

async function conflictHelp(principal: UserPrincipal, data: CreateBookingInput): Promise<ConflictHelp | undefined> {
  const room = await getRoomContext(data.roomId);
  if (room.maintenance) return undefined;
  const start = parseInstant(data.startTime, room.timezone);
  const end = parseInstant(data.endTime, room.timezone);
  if (!start || !end || end <= start) return undefined;
  const attendees = data.attendeeCount ?? 1 + (data.attendeeIds?.length ?? 0);
  const [slots, rooms] = await Promise.all([
    nearestFreeSlots(principal, data.roomId, start, end),
    similarFreeRooms(principal, data.roomId, start, end, { attendees }),
  ]);
  return { startTime: start.toISOString(), endTime: end.toISOString(), slots, rooms };
}

const bookingId = z.uuid({ error: "must be the id of a booking" });

/** ext PATCH /api/bookings/{id}: edit title, description, times, attendees (organizer or admin, before it starts). */
export async function updateBookingAction(id: string, patch: unknown): Promise<ActionResult<Booking>> {
  return runAction(z.object({ id: bookingId, patch: updateBookingInput }), { id, patch }, async ({ id, patch }, principal) => {
    const booking = await updateBooking(principal, id, patch);
    refreshBookingPages(booking.roomId);
    return booking;
  });
}

/** CONTRACT 3.3: cancel one booking, or (scope "series") this and the following ones of its series. */
export async function cancelBookingAction(id: string, scope: "single" | "series" = "single"): Promise<ActionResult<{ cancelled: true; count?: number }>> {
  return runAction(z.object({ id: bookingId, scope: z.enum(["single", "series"]) }), { id, scope }, async (input, principal) => {
    const result = await cancelBooking(principal, input.id, input.scope);
    refreshBookingPages();
    return result;
  });
}

/** CONTRACT 3.4: check in (inside the window of DOMAIN §2). */
export async function checkInAction(id: string): Promise<ActionResult<{ checkedIn: true; checkedInAt: string }>> {
  return runAction(bookingId, id, async (id, principal) => {
    const result = await checkIn(principal, id);
    refreshBookingPages();
    return result;
  });
}

/** CONTRACT 3.5: end a running meeting now. */
export async function endMeetingAction(id: string): Promise<ActionResult<{ ended: true; freedMinutes: number }>> {
  return runAction(bookingId, id, async (id, principal) => {
    const result = await endMeeting(principal, id);
    refreshBookingPages();
    return result;
  });
}

/** ext extend: a running meeting by 15–120 minutes. */
export async function extendMeetingAction(id: string, minutes: number): Promise<ActionResult<Booking>> {
  return runAction(extendInput.extend({ id: bookingId }), { id, minutes }, async (input, principal) => {
    const booking = await extendBooking(principal, input.id, input.minutes);
    refreshBookingPages(booking.roomId);
    return booking;
  });
}

/** The attendee picker: active people matching `search` (name or email). */
export async function searchPeopleAction(search: string): Promise<ActionResult<{ id: string; name: string; email: string }[]>> {
  return runAction(z.string().max(100), search, (text, principal) => searchPeople(principal, text));
}
