import { Conflict, DomainError, Invalid } from "@/lib/errors";

/**
 * What a server action of a form returns to `useActionState`: the outcome, a sentence to show, the problems by
 * field (the same `fields` as the API's 400 envelope, CONTRACT §0) and, after an error, what was typed, so the
 * form keeps it. `version` changes with every answer so a form can re-mount its fields with those values.
 */
export interface FormState {
  status: "idle" | "ok" | "error";
  message: string | null;
  fields: Record<string, string[]>;
  values: Record<string, string | string[]>;
  version: number;
}

export const initialFormState: FormState = { status: "idle", message: null, fields: {}, values: {}, version: 0 };

/** The submitted fields as text (repeated names, e.g. checkbox groups, as lists); `$ACTION…` internals left out. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of new Set(formData.keys())) {
    if (name.startsWith("$ACTION")) continue;
    const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
    values[name] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** A success answer with a message (the form shows it and starts from the fresh data). */
export function formSuccess(message: string): FormState {
  return { status: "ok", message, fields: {}, values: {}, version: Date.now() };
}

/**
 * A domain error as a form answer: `Invalid` problems keyed by their top-level field (`businessDays.2` →
 * `businessDays`), any other domain error (403, 404, 409) as the message. Anything else is a bug and is rethrown.
 */
export function formFailure(err: unknown, values: Record<string, string | string[]>): FormState {
  if (!(err instanceof DomainError)) throw err;
  const fields: Record<string, string[]> = {};
  if (err instanceof Invalid) {
    for (const [path, problems] of Object.entries(err.fields)) (fields[path.split(".")[0]] ??= []).push(...problems);
  }
  const message = err instanceof Invalid && Object.keys(fields).length > 0 ? "Please correct the fields marked above." : err.message;
  return { status: "error", message, fields, values, version: Date.now() };
}

/** A form's text field as a number for the zod schema: empty → undefined (so "is required"), else Number(). */
export function numberOrUndefined(value: string | string[] | undefined): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return Number(value);
}

/** A form's text field: trimmed; empty → undefined. */
export function textOrUndefined(value: string | string[] | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.trim() === "" ? undefined : value;
}

/** A checkbox group's values as a list (none checked → []). */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A 409 that is about one field (a taken email, a duplicate room or building name) as that field's problem, so
 * `formFailure` marks the field and focuses it like any invalid input; any other error is returned unchanged.
 */
export function conflictAt(field: string, err: unknown): unknown {
  return err instanceof Conflict ? Invalid.field(field, err.message) : err;
}
