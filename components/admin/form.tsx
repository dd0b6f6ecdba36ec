"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FormState } from "@/lib/forms";

/**
 * Form pieces of the admin pages. After an error the action's state carries what was typed and the problems by
 * field: each field shows its problem under it (`aria-invalid`, `aria-describedby`) and the first one gets focus.
 */

/** The value to show: what was typed when the last answer was an error, else the stored value. */
export function shown(state: FormState, name: string, stored: string | number | null | undefined): string {
  if (state.status === "error" && name in state.values) {
    const v = state.values[name];
    return Array.isArray(v) ? v.join(",") : v;
  }
  return stored === null || stored === undefined ? "" : String(stored);
}

/** The values to check in a checkbox group: what was ticked when the last answer was an error, else the stored ones. */
export function shownList(state: FormState, name: string, stored: readonly (string | number)[]): string[] {
  if (state.status === "error") {
    const v = state.values[name];
    return v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v];
  }
  return stored.map(String);
}

/** Moves focus to the first invalid field of `form` after an error answer. */
export function useFocusFirstError(state: FormState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error") return;
    const invalid = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [state]);
  return ref;
}

function errorId(formId: string, name: string) {
  return `${formId}-${name}-error`;
}

function FieldError({ formId, name, state }: { formId: string; name: string; state: FormState }) {
  const problems = state.fields[name];
  if (!problems?.length) return null;
  return (
    <p id={errorId(formId, name)} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
      {problems.join("; ")}
    </p>
  );
}

function describedBy(formId: string, name: string, state: FormState, hint?: ReactNode) {
  const ids = [];
  if (hint) ids.push(`${formId}-${name}-hint`);
  if (state.fields[name]?.length) ids.push(errorId(formId, name));
  return ids.length ? ids.join(" ") : undefined;
}

interface FieldProps {
  formId: string;
  name: string;
  label: string;
  state: FormState;
  hint?: ReactNode;
  className?: string;
}

/** A labelled input (components/ui `Field` + `Input`) showing the action's problem for `name`. */
export function TextField({
  formId,
  name,
  label,
  state,
  hint,
  className,
  inputClassName,
  ...input
}: FieldProps & { inputClassName?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "form" | "className">) {
  return (
    <Field label={label} hint={hint} error={state.fields[name]} id={`${formId}-${name}`} className={className}>
      <Input name={name} className={inputClassName} {...input} />
    </Field>
  );
}

/** A labelled native select (components/ui `Field` + `Select`). */
export function SelectField({
  formId,
  name,
  label,
  state,
  hint,
  className,
  options,
  defaultValue,
}: FieldProps & { options: { value: string; label: string }[]; defaultValue?: string }) {
  return (
    <Field label={label} hint={hint} error={state.fields[name]} id={`${formId}-${name}`} className={className}>
      <Select name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function CheckboxGroup({
  formId,
  name,
  label,
  state,
  hint,
  className,
  options,
  checked,
}: FieldProps & { options: { value: string; label: string }[]; checked: string[] }) {
  const invalid = Boolean(state.fields[name]?.length);
  return (
    <fieldset className={className} aria-describedby={describedBy(formId, name, state, hint)}>
      <legend className="block text-sm font-medium text-slate-700">{label}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o, i) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              aria-invalid={invalid && i === 0 ? true : undefined}
              className="h-4 w-4 rounded border-slate-400 text-indigo-600 focus:ring-indigo-300"
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint && (
        <p id={`${formId}-${name}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <FieldError formId={formId} name={name} state={state} />
    </fieldset>
  );
}

/** The action's sentence: green after success, red after an error (role=status / role=alert). */
export function FormMessage({ state, testId }: { state: FormState; testId?: string }) {
  if (!state.message) return null;
  const ok = state.status === "ok";
  return (
    <p
      role={ok ? "status" : "alert"}
      data-testid={testId}
      className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}
    >
      {state.message}
    </p>
  );
}

/** A submit button (components/ui `Button`) that says it is working while its form's action runs. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  confirm,
  ...rest
}: {
  children: ReactNode;
  pendingText?: string;
  variant?: "primary" | "secondary" | "danger";
  /** A question to confirm first (for deleting, revoking, deactivating). */
  confirm?: string;
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type">) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      size="sm"
      variant={variant}
      disabled={pending}
      onClick={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      {...rest}
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </Button>
  );
}
