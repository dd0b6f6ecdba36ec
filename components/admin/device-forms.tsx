"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms";
import type { Device } from "@/lib/panel/schemas";
import { FormMessage, SelectField, shown, SubmitButton, TextField, useFocusFirstError } from "./form";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type RoomOption = { value: string; label: string };

/** Pair a tablet: type the 6-digit code it shows and pick its room (CONTRACT §4 pairing). */
export function PairDeviceForm({ action, rooms }: { action: Action; rooms: RoomOption[] }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const f = "pair";
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-4" aria-label="Pair a tablet">
      <div key={state.version} className="grid gap-4 sm:grid-cols-3">
        <TextField
          formId={f}
          name="code"
          label="Code on the tablet"
          inputMode="numeric"
          autoComplete="off"
          maxLength={7}
          state={state}
          defaultValue={shown(state, "code", "")}
          hint="The 6 digits the tablet shows at /panel; valid 10 minutes."
          inputClassName="font-mono tracking-widest"
        />
        <SelectField formId={f} name="roomId" label="Room" state={state} options={rooms} defaultValue={shown(state, "roomId", rooms[0]?.value)} />
        <TextField formId={f} name="name" label="Name (optional)" state={state} defaultValue={shown(state, "name", "")} hint="Default: the room's name + “tablet”." />
      </div>
      <FormMessage state={state} testId="pair-message" />
      <SubmitButton pendingText="Pairing…">Pair tablet</SubmitButton>
    </form>
  );
}

/** Rename a tablet or move it to another room. */
export function EditDeviceForm({ action, device, rooms }: { action: Action; device: Device; rooms: RoomOption[] }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const f = `device-${device.id.slice(0, 8)}`;
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-2" aria-label={`Edit ${device.name}`}>
      <div key={state.version} className="grid gap-2 sm:grid-cols-2">
        <TextField formId={f} name="name" label="Name" state={state} defaultValue={shown(state, "name", device.name)} />
        <SelectField formId={f} name="roomId" label="Room" state={state} options={rooms} defaultValue={shown(state, "roomId", device.roomId)} />
      </div>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">Save</SubmitButton>
    </form>
  );
}

/** Revoke a tablet's token at once. */
export function RevokeDeviceForm({ action, device }: { action: Action; device: Device }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-1">
      <SubmitButton
        variant="danger"
        pendingText="Revoking…"
        confirm={`Revoke ${device.name}? It stops working at once and shows a new pairing code.`}
        aria-label={`Revoke ${device.name}`}
      >
        Revoke
      </SubmitButton>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}

/** Resolve or reopen an issue report. */
export function IssueStatusForm({ action, resolved, label }: { action: Action; resolved: boolean; label: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-1">
      <SubmitButton variant={resolved ? "secondary" : "primary"} pendingText="…" aria-label={`${resolved ? "Reopen" : "Resolve"}: ${label}`}>
        {resolved ? "Reopen" : "Resolve"}
      </SubmitButton>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}
