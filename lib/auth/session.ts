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
 * The admin pages' gate (UI.md: "a member on an /admin page gets a 403 page"): the signed-in admin and their
 * principal for service calls. Signed out → /login?next=…; a member → `forbidden()`, which renders
 * app/(app)/forbidden.tsx with status 403. Every admin page calls it itself: a layout alone is not re-run on
 * client navigation.
 */
export async function requireAdminPage(next: string): Promise<{ user: AuthUser; principal: UserPrincipal }> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (user.role !== "admin") forbidden();
  return { user, principal: { kind: "user", userId: user.id, role: user.role, via: "session" } };
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
