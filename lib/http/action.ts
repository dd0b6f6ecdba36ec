import type { z } from "zod";
import { sqlState } from "@/db/client";
import type { AuthUser } from "@/lib/accounts/schemas";
import type { UserPrincipal } from "@/lib/auth/principal";
import { currentUser, principalOf } from "@/lib/auth/session";
import { DomainError, Invalid } from "@/lib/errors";

/**
 * What a server action answers its form: the result, or the error as the API would report it (CONTRACT §0:
 * `message`, `code`, `status`, and `fields` keyed by field path so the form can point at the field).
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string; fields?: Record<string, string[]> };

/** The error half of `ActionResult`. */
export type ActionError = Extract<ActionResult<never>, { ok: false }>;

/** Maps a thrown domain error (or database invariant) to an `ActionError`, as lib/http/route.ts does for the API. */
export function actionError(err: unknown): ActionError {
  if (err instanceof DomainError) {
    return {
      ok: false,
      status: err.status,
      code: err.code,
      message: err.message,
      ...(err instanceof Invalid && Object.keys(err.fields).length ? { fields: err.fields } : {}),
    };
  }
  if (sqlState(err) === "23P01") return { ok: false, status: 409, code: "conflict", message: "The room is already booked at that time" };
  console.error("Unhandled error in a server action", err);
  return { ok: false, status: 500, code: "internal_error", message: "Something went wrong on our side" };
}

/** zod issues → an `Invalid` with a readable message and per-field problems (CONTRACT §0). */
export function invalidFrom(error: z.ZodError): Invalid {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "body";
    (fields[path] ??= []).push(issue.message);
  }
  return new Invalid(Object.entries(fields).map(([k, v]) => `${k}: ${v[0]}`).join("; "), fields);
}

/**
 * The frame of every server action: checks the browser session itself (never trusting the page that called it),
 * validates `input` with the API's own zod schema, runs `work` with the caller, and returns an `ActionResult`.
 * A signed-out caller gets 401; a domain error its status and message.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (data: z.infer<S>, principal: UserPrincipal, user: AuthUser) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, status: 401, code: "unauthorized", message: "Your session has ended; sign in again." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw invalidFrom(parsed.error);
    return { ok: true, data: await work(parsed.data, principalOf(user), user) };
  } catch (err) {
    return actionError(err);
  }
}
