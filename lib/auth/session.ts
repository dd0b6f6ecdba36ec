import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getUser } from "@/lib/accounts/service";
import type { AuthUser } from "@/lib/accounts/schemas";
import { Forbidden, Unauthorized } from "@/lib/errors";
import type { UserPrincipal } from "./principal";
import { principalFromSession } from "./resolve";

/**
 * The signed-in user of a page request, read once per request. The session's user is re-read from the
 * database, so a deactivated account is signed out at once.
 */
export const currentUser = cache(async (): Promise<AuthUser | null> => {
  const principal = await principalFromSession();
  if (!principal || principal.kind !== "user") return null;
  return (await getUser(principal.userId)) ?? null;
});

/**
 * The signed-in user of a page, or a redirect to `/login?next=<path>` so that signing in returns to the page
 * asked for (UI.md page map). `next` is the page's own path with its query, e.g. `/rooms?floor=2`.
 */
export async function requireUser(next: string): Promise<AuthUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}

/** The service-layer caller for a page or server action of the signed-in `user` (browser session). */
export function principalOf(user: AuthUser): UserPrincipal {
  return { kind: "user", userId: user.id, role: user.role, via: "session" };
}

/**
 * A page path with its search parameters, for `requireUser(next)`: `pathWithQuery("/rooms", { floor: "2" })`
 * → `/rooms?floor=2`. Array values repeat the key; empty values are left out.
 */
export function pathWithQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v) qs.append(key, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The admin pages' gate (UI.md: "a member on an /admin page gets a 403 page"): the signed-in admin and their
 * principal for service calls. Signed out → /login?next=…; a member → `forbidden()`, which renders
 * app/(app)/forbidden.tsx with status 403. Every admin page calls it itself: a layout alone is not re-run on
 * client navigation.
 */
export async function requireAdminPage(next: string): Promise<{ user: AuthUser; principal: UserPrincipal }> {
  const user = await requireUser(next);
  if (user.role !== "admin") forbidden();
  return { user, principal: principalOf(user) };
}

/**
 * For admin server actions, which check the caller themselves (DOMAIN §1): the session's admin principal.
 * Throws `Unauthorized` when signed out and `Forbidden` for anyone but an active admin.
 */
export async function requireAdminAction(): Promise<UserPrincipal> {
  const principal = await principalFromSession();
  if (!principal || principal.kind !== "user") throw new Unauthorized("Your session has ended; sign in again");
  if (principal.role !== "admin") throw new Forbidden("Administrators only");
  return principal;
}
