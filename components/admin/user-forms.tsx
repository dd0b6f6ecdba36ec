"use client";

import { useActionState } from "react";
import type { AdminUser } from "@/lib/accounts/schemas";
import { initialFormState, type FormState } from "@/lib/forms";
import { FormMessage, SelectField, shown, SubmitButton, TextField, useFocusFirstError } from "./form";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const ROLE_OPTIONS = [
  { value: "user", label: "Member" },
  { value: "admin", label: "Administrator" },
];

/** A new user with a password (CONTRACT §6: at least 10 characters); the password field is never refilled. */
export function NewUserForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const formId = "new-user";
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-4" aria-label="New user">
      <div key={state.version} className="grid gap-4 sm:grid-cols-2">
        <TextField formId={formId} name="name" label="Name" state={state} defaultValue={shown(state, "name", "")} autoComplete="off" />
        <TextField formId={formId} name="email" label="Email" type="email" state={state} defaultValue={shown(state, "email", "")} autoComplete="off" />
        <SelectField formId={formId} name="role" label="Role" state={state} options={ROLE_OPTIONS} defaultValue={shown(state, "role", "user")} />
        <TextField formId={formId} name="department" label="Department (optional)" state={state} defaultValue={shown(state, "department", "")} />
        <TextField
          formId={formId}
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          state={state}
          hint="At least 10 characters. Tell it to the person; they sign in with it."
          className="sm:col-span-2"
        />
      </div>
      <FormMessage state={state} testId="new-user-message" />
      <SubmitButton pendingText="Creating…">Create user</SubmitButton>
    </form>
  );
}

/** One user's name, role and department. An admin's own role cannot be lowered (DOMAIN §1). */
export function EditUserForm({ action, user, self }: { action: Action; user: AdminUser; self: boolean }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const ref = useFocusFirstError(state);
  const formId = `user-${user.id.slice(0, 8)}`;
  return (
    <form ref={ref} action={formAction} noValidate className="space-y-2" aria-label={`Edit ${user.name}`}>
      <div key={state.version} className="grid gap-2 sm:grid-cols-3">
        <TextField formId={formId} name="name" label="Name" state={state} defaultValue={shown(state, "name", user.name)} />
        {self ? (
          <div>
            <p className="block text-sm font-medium text-slate-700">Role</p>
            <p className="mt-1 py-2 text-sm">Administrator (you cannot demote yourself)</p>
            <input type="hidden" name="role" value="admin" />
          </div>
        ) : (
          <SelectField formId={formId} name="role" label="Role" state={state} options={ROLE_OPTIONS} defaultValue={shown(state, "role", user.role)} />
        )}
        <TextField formId={formId} name="department" label="Department" state={state} defaultValue={shown(state, "department", user.department)} />
      </div>
      <FormMessage state={state} />
      <SubmitButton variant="secondary">Save</SubmitButton>
    </form>
  );
}

/** Deactivate or reactivate; not offered for oneself. */
export function ActiveSwitch({ action, user }: { action: Action; user: AdminUser }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-1">
      <SubmitButton
        variant={user.active ? "danger" : "secondary"}
        pendingText="…"
        confirm={user.active ? `Deactivate ${user.name}? They are signed out and can no longer sign in.` : undefined}
        aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
      >
        {user.active ? "Deactivate" : "Reactivate"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
