"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms";
import type { Settings } from "@/lib/settings/schemas";
import { CheckboxGroup, FormMessage, shown, shownList, SubmitButton, TextField, useFocusFirstError } from "./form";
import { WEEKDAYS } from "./labels";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Every organisation setting of DOMAIN §1, each with what it does next to it. */
export function SettingsForm({ action, settings, timezones }: { action: Action; settings: Settings; timezones: string[] }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const f = "settings";
  const number = { type: "number", inputMode: "numeric" } as const;
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-6" aria-label="Organisation settings">
      <div key={state.version} className="space-y-6">
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold">Organisation</legend>
          <TextField formId={f} name="orgName" label="Name" state={state} defaultValue={shown(state, "orgName", settings.orgName)} hint="Shown in the app and in emails." />
          <TextField
            formId={f}
            name="timezone"
            label="Default time zone"
            list="settings-zones"
            state={state}
            defaultValue={shown(state, "timezone", settings.timezone)}
            hint="IANA name. New buildings start with it; each building keeps its own."
          />
          <datalist id="settings-zones">
            {timezones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold">Business hours</legend>
          <CheckboxGroup
            formId={f}
            name="businessDays"
            label="Business days"
            state={state}
            options={WEEKDAYS}
            checked={shownList(state, "businessDays", settings.businessDays)}
            hint="Rooms can be booked on these days; the room timelines and availability show them."
            className="sm:col-span-2"
          />
          <TextField
            formId={f}
            name="businessStart"
            label="Opens at"
            type="time"
            state={state}
            defaultValue={shown(state, "businessStart", settings.businessStart)}
            hint="Local time of each building: where the room timeline starts."
          />
          <TextField
            formId={f}
            name="businessEnd"
            label="Closes at"
            type="time"
            state={state}
            defaultValue={shown(state, "businessEnd", settings.businessEnd)}
            hint="Must be after the opening time: where the timeline ends."
          />
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold">Check-in and release</legend>
          <TextField
            formId={f}
            name="checkinWindowMinutes"
            label="Check-in opens (minutes before the start)"
            {...number}
            min={0}
            max={120}
            state={state}
            defaultValue={shown(state, "checkinWindowMinutes", settings.checkinWindowMinutes)}
            hint="0–120. How early people can check in at the door or in the app."
          />
          <TextField
            formId={f}
            name="autoReleaseMinutes"
            label="Release no-shows after (minutes)"
            {...number}
            min={5}
            max={60}
            state={state}
            defaultValue={shown(state, "autoReleaseMinutes", settings.autoReleaseMinutes)}
            hint="5–60. A booking nobody checked in to this long after its start becomes a no-show and frees the room."
          />
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-base font-semibold">Booking rules</legend>
          <TextField
            formId={f}
            name="minBookingMinutes"
            label="Shortest booking (minutes)"
            {...number}
            min={5}
            max={1440}
            state={state}
            defaultValue={shown(state, "minBookingMinutes", settings.minBookingMinutes)}
            hint="Shorter bookings are refused."
          />
          <TextField
            formId={f}
            name="maxBookingMinutes"
            label="Longest booking (minutes)"
            {...number}
            min={5}
            max={1440}
            state={state}
            defaultValue={shown(state, "maxBookingMinutes", settings.maxBookingMinutes)}
            hint="Longer bookings are refused; not below the shortest."
          />
          <TextField
            formId={f}
            name="bookingHorizonDays"
            label="Book up to (days ahead)"
            {...number}
            min={1}
            max={730}
            state={state}
            defaultValue={shown(state, "bookingHorizonDays", settings.bookingHorizonDays)}
            hint="1–730. Bookings may not start later than this."
          />
        </fieldset>
      </div>
      <FormMessage state={state} testId="settings-message" />
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
