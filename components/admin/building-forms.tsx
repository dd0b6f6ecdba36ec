"use client";

import Link from "next/link";
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms";
import type { Building } from "@/lib/rooms/schemas";
import { FormMessage, shown, SubmitButton, TextField, useFocusFirstError } from "./form";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Create or edit a building (CONTRACT §2: name, address, IANA time zone, number of floors). */
export function BuildingForm({
  action,
  building,
  defaultTimezone,
  zonesListId,
}: {
  action: Action;
  building?: Building;
  defaultTimezone: string;
  /** The id of the page's one `<datalist>` of IANA zones (see `TimeZoneList`). */
  zonesListId: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const formId = building ? `building-${building.id.slice(0, 8)}` : "new-building";
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-3" aria-label={building ? `Edit ${building.name}` : "New building"}>
      <div key={state.version} className="grid gap-4 sm:grid-cols-2">
        <TextField formId={formId} name="name" label="Name" state={state} defaultValue={shown(state, "name", building?.name)} maxLength={120} />
        <TextField formId={formId} name="address" label="Address (optional)" state={state} defaultValue={shown(state, "address", building?.address)} />
        <TextField
          formId={formId}
          name="timezone"
          label="Time zone"
          list={zonesListId}
          state={state}
          defaultValue={shown(state, "timezone", building?.timezone ?? defaultTimezone)}
          hint="IANA name such as Europe/Berlin: the local time of its rooms, business hours and dates."
        />
        <TextField
          formId={formId}
          name="floors"
          label="Floors"
          type="number"
          inputMode="numeric"
          min={1}
          max={200}
          state={state}
          defaultValue={shown(state, "floors", building?.floors)}
        />
      </div>
      <FormMessage state={state} testId={building ? "building-form-message" : "new-building-message"} />
      <SubmitButton pendingText={building ? "Saving…" : "Creating…"}>{building ? "Save" : "Create building"}</SubmitButton>
    </form>
  );
}

/** The IANA time zones as suggestions for the time-zone fields of a page (one list, shared by its forms). */
export function TimeZoneList({ id, zones }: { id: string; zones: string[] }) {
  return (
    <datalist id={id}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

/** Deleting a building; refused while it has rooms, with a link to them. */
export function DeleteBuildingForm({ action, building }: { action: Action; building: Building }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2">
      {state.status === "error" && (
        <div className="space-y-1">
          <FormMessage state={state} testId="delete-building-message" />
          <Link href={`/admin/rooms?building=${building.id}`} className="text-sm font-medium text-indigo-700 underline">
            See the rooms of {building.name}
          </Link>
        </div>
      )}
      <SubmitButton variant="danger" pendingText="Deleting…" confirm={`Delete the building ${building.name}?`}>
        Delete building
      </SubmitButton>
    </form>
  );
}
