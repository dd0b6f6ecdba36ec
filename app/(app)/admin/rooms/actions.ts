"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdminAction } from "@/lib/auth/session";
import { Conflict } from "@/lib/errors";
import { conflictAt, formFailure, formSuccess, formValues, listOf, numberOrUndefined, textOrUndefined, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";
import { createRoomInput, updateRoomInput } from "@/lib/rooms/schemas";
import { createRoom, deleteRoom, getRoomContext, updateRoom } from "@/lib/rooms/service";
import { bookingsInTheWay } from "./upcoming";

type Values = Record<string, string | string[]>;

/** The room form's fields in the API's shape, so the API's own schema validates them (CONTRACT §2). */
function roomFields(v: Values) {
  return {
    name: v.name ?? "",
    buildingId: v.buildingId ?? "",
    floor: numberOrUndefined(v.floor),
    capacity: numberOrUndefined(v.capacity),
    amenities: listOf(v.amenities),
    imageUrl: textOrUndefined(v.imageUrl) ?? null,
    maintenance: v.maintenance === "on",
  };
}

function refresh(roomId?: string) {
  revalidatePath("/admin/rooms");
  if (roomId) revalidatePath(`/admin/rooms/${roomId}`);
  revalidatePath("/rooms", "layout");
}

/** Creates a room from the "New room" form. */
export async function createRoomAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const room = await createRoom(parse(createRoomInput, roomFields(values)));
    refresh(room.id);
    return formSuccess(`Room ${room.name} created in ${room.building}.`);
  } catch (err) {
    return formFailure(conflictAt("name", err), values); // 409 here: the name is taken
  }
}

/** Saves the edit form of one room (every field, maintenance included). */
export async function updateRoomAction(roomId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const room = await updateRoom(roomId, parse(updateRoomInput, roomFields(values)));
    refresh(roomId);
    return formSuccess(`Saved ${room.name}.`);
  } catch (err) {
    return formFailure(conflictAt("name", err), values); // 409 here: the name is taken
  }
}

/** Puts a room in maintenance or back in service (the list's one-click switch). */
export async function setMaintenanceAction(roomId: string, maintenance: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const room = await updateRoom(roomId, parse(updateRoomInput, { maintenance }));
    refresh(roomId);
    return formSuccess(maintenance ? `${room.name} is in maintenance: nobody can book it.` : `${room.name} is back in service.`);
  } catch (err) {
    return formFailure(err, values);
  }
}

/**
 * Deletes a room. The 409 is explained with the number of bookings in the way (UI.md); the page lists them with
 * links. After a delete, back to the list.
 */
export async function deleteRoomAction(roomId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let name: string;
  try {
    const principal = await requireAdminAction();
    name = (await getRoomContext(roomId)).name;
    try {
      await deleteRoom(roomId);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      const count = (await bookingsInTheWay(principal, roomId)).length;
      const what = count === 1 ? "1 upcoming booking" : `${count} upcoming bookings`;
      throw new Conflict(
        `${name} cannot be deleted: ${what} must be cancelled first (listed above), or put the room in maintenance instead.`,
      );
    }
    refresh(roomId);
  } catch (err) {
    return formFailure(err, values);
  }
  redirect(`/admin/rooms?deleted=${encodeURIComponent(name)}`);
}
