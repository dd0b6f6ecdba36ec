import type { Role } from "@/db/schema";

/** Who is calling: a signed-in person (by bearer token or browser session) or a paired door tablet. */
export type UserPrincipal = { kind: "user"; userId: string; role: Role; via: "token" | "session" };
export type DevicePrincipal = { kind: "device"; deviceId: string; roomId: string };
export type Principal = UserPrincipal | DevicePrincipal;

export function isAdmin(p: Principal | null | undefined): boolean {
  return p?.kind === "user" && p.role === "admin";
}
