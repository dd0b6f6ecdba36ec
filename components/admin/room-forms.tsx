"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms";
import type { Building, Room } from "@/lib/rooms/schemas";
import { CheckboxGroup, FormMessage, SelectField, shown, shownList, SubmitButton, TextField, useFocusFirstError } from "./form";
import { AMENITY_LABELS } from "./labels";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const AMENITY_OPTIONS = Object.entries(AMENITY_LABELS).map(([value, label]) => ({ value, label }));

/**
 * Create or edit a room: the API's fields (CONTRACT §2) with its validation. After an error every field keeps what
 * was typed and the problem is shown under its field; after creating, the form is empty again.
 */
export function RoomForm({
  action,
  buildings,
  room,
  maintenance = false,
}: {
  action: Action;
  buildings: Building[];
  room?: Room;
  maintenance?: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const formId = room ? `room-${room.id.slice(0, 8)}` : "new-room";
  const checkedMaintenance = state.status === "error" ? state.values.maintenance === "on" : maintenance;
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-4" aria-label={room ? `Edit ${room.name}` : "New room"}>
      <div key={state.version} className="grid gap-4 sm:grid-cols-2">
        <TextField formId={formId} name="name" label="Name" state={state} defaultValue={shown(state, "name", room?.name)} required maxLength={120} />
        <SelectField
          formId={formId}
          name="buildingId"
          label="Building"
          state={state}
          defaultValue={shown(state, "buildingId", room?.buildingId ?? buildings[0]?.id)}
          options={buildings.map((b) => ({ value: b.id, label: `${b.name} (${b.floors} floors)` }))}
        />
        <TextField
          formId={formId}
          name="floor"
          label="Floor"
          type="number"
          inputMode="numeric"
          state={state}
          defaultValue={shown(state, "floor", room?.floor)}
          hint="0 for the ground floor; up to the building's number of floors."
        />
        <TextField
          formId={formId}
          name="capacity"
          label="Seats"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          state={state}
          defaultValue={shown(state, "capacity", room?.capacity)}
        />
        <CheckboxGroup
          formId={formId}
          name="amenities"
          label="Amenities"
          state={state}
          options={AMENITY_OPTIONS}
          checked={shownList(state, "amenities", room?.amenities ?? [])}
          className="sm:col-span-2"
        />
        <TextField
          formId={formId}
          name="imageUrl"
          label="Photo URL (optional)"
          type="url"
          state={state}
          defaultValue={shown(state, "imageUrl", room?.imageUrl)}
          className="sm:col-span-2"
        />
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="maintenance" defaultChecked={checkedMaintenance} className="h-4 w-4 rounded border-slate-400" />
          In maintenance (shown as unavailable; nobody can book it)
        </label>
      </div>
      <FormMessage state={state} testId={room ? "room-form-message" : "new-room-message"} />
      <SubmitButton pendingText={room ? "Saving…" : "Creating…"}>{room ? "Save changes" : "Create room"}</SubmitButton>
    </form>
  );
}

/** The one-click maintenance switch of a room in the list. */
export function MaintenanceSwitch({ action, roomName, maintenance }: { action: Action; roomName: string; maintenance: boolean }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <SubmitButton variant="secondary" pendingText="…" aria-label={`${maintenance ? "End maintenance of" : "Put in maintenance:"} ${roomName}`}>
        {maintenance ? "End maintenance" : "Maintenance"}
      </SubmitButton>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}

/** Deleting a room, with the 409 explained in words (the page lists the bookings in the way). */
export function DeleteRoomForm({ action, roomName }: { action: Action; roomName: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} testId="delete-room-message" />
      {state.status === "error" && (
        <a href="#bookings-in-the-way" className="inline-block text-sm font-medium text-indigo-700 underline">
          See the bookings in the way
        </a>
      )}
      <div>
        <SubmitButton variant="danger" pendingText="Deleting…" confirm={`Delete ${roomName}? Its past bookings go with it.`}>
          Delete room
        </SubmitButton>
      </div>
    </form>
  );
}
