import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { Unauthorized } from "@/lib/errors";
import type { Principal } from "./principal";
import { findActiveDeviceByTokenHash, findSessionUser, touchDevice } from "./queries";
import { tokenState } from "./revocation";
import { verifyToken } from "./tokens";

export const DEVICE_TOKEN_PREFIX = "ctd_";

export function hashDeviceToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newDeviceToken(): string {
  return DEVICE_TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

/**
 * The caller of a request: a Bearer access token (verified without the database), a Bearer device token,
 * or — for our own pages — the Auth.js session cookie. `null` when the request carries none.
 */
export async function resolvePrincipal(req: Request, opts: { tokenInQuery?: boolean } = {}): Promise<Principal | null> {
  const header = req.headers.get("authorization");
  let token: string | undefined;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new Unauthorized("Authorization header must be 'Bearer <token>'");
    token = match[1];
  } else if (opts.tokenInQuery) {
    token = new URL(req.url).searchParams.get("token") ?? undefined;
  }
  if (token) return principalFromToken(token);
  if (hasSessionCookie(req)) return principalFromSession();
  return null;
}

export async function principalFromToken(token: string): Promise<Principal> {
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
    const db = await getDb();
    const device = await findActiveDeviceByTokenHash(db, hashDeviceToken(token));
    if (!device) throw new Unauthorized("This device is not paired");
    await touchDevice(db, device.id);
    return { kind: "device", deviceId: device.id, roomId: device.roomId };
  }
  const claims = await verifyToken(token, "access");
  // Issue 10 point 9: from memory, kept current by LISTEN/NOTIFY; the role is today's, not the token's.
  const state = await tokenState(claims.sub);
  if (!state || !state.active) throw new Unauthorized("Account is no longer active");
  if (claims.ver < state.version) throw new Unauthorized("Token has been revoked; please sign in again");
  return { kind: "user", userId: claims.sub, role: state.role, via: "token" };
}

function hasSessionCookie(req: Request): boolean {
  const cookie = req.headers.get("cookie") ?? "";
  return /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/.test(cookie);
}

/** The browser session: its user is re-read so that a deactivated or demoted user loses access at once. */
export async function principalFromSession(): Promise<Principal | null> {
  const { auth } = await import("@/auth");
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await findSessionUser(await getDb(), userId);
  if (!user || !user.active || user.isSystem) return null;
  return { kind: "user", userId: user.id, role: user.role, via: "session" };
}
