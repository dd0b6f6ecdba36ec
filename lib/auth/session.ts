import { cache } from "react";
import { getUser } from "@/lib/accounts/service";
import type { AuthUser } from "@/lib/accounts/schemas";
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
