import crypto from "node:crypto";
import { getDb, sqlState } from "@/db/client";
import type { UserRow } from "@/db/schema";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Principal, UserPrincipal } from "@/lib/auth/principal";
import { forgetTokenState } from "@/lib/auth/revocation";
import { accessTokenTtlSeconds, refreshTokenTtlSeconds, signToken, verifyToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";
import { Conflict, Forbidden, Invalid, NotFound, RateLimited, Unauthorized } from "@/lib/errors";
import * as q from "./queries";
import type { AdminUser, AuthUser, CreateUserInput, TokenPair, UpdateUserInput } from "./schemas";

// CONTRACT §1.1: 429 after 5 failed attempts for one email from one address within 15 minutes.
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_SECONDS = 15 * 60;
const INVALID_CREDENTIALS = "Invalid credentials";

export function toAuthUser(u: UserRow): AuthUser {
  return { id: u.id, name: u.name, email: u.email, role: u.role, department: u.department };
}

export function toAdminUser(u: UserRow): AdminUser {
  return {
    ...toAuthUser(u),
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

/**
 * Checks an email and password, with the login throttle. Unknown email, wrong password and deactivated user
 * get the same answer after the same amount of work. Used by the API login and the browser sign-in alike.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<AuthUser> {
  return toAuthUser(await authenticatedRow(email, password, ip));
}

async function authenticatedRow(email: string, password: string, ip: string): Promise<UserRow> {
  const db = await getDb();
  const emailLower = email.trim().toLowerCase();
  const { failures, oldest } = await q.recentFailures(db, emailLower, ip, LOGIN_WINDOW_SECONDS);
  if (failures >= LOGIN_MAX_FAILURES) {
    const reopensAt = (oldest?.getTime() ?? Date.now()) + LOGIN_WINDOW_SECONDS * 1000;
    const retryAfter = Math.max(1, Math.ceil((reopensAt - Date.now()) / 1000));
    throw new RateLimited("Too many failed sign-in attempts. Try again later.", retryAfter);
  }
  const user = await q.findUserByEmail(db, emailLower);
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !passwordMatches || !user.active || user.isSystem) {
    await q.recordFailure(db, emailLower, ip);
    throw new Unauthorized(INVALID_CREDENTIALS);
  }
  await q.clearFailures(db, emailLower, ip);
  await q.markLoggedIn(db, user.id);
  return user;
}


export async function login(email: string, password: string, ip: string): Promise<TokenPair & { user: AuthUser }> {
  const row = await authenticatedRow(email, password, ip);
  const db = await getDb();
  const familyId = await q.insertFamily(db, row.id);
  return { ...(await issuePair(row.id, row.role, familyId, row.tokenVersion)), user: toAuthUser(row) };
}

/** A new access and refresh token, both under the user's current token version `ver` (read from the database). */
async function issuePair(userId: string, role: AuthUser["role"], familyId: string, ver: number): Promise<TokenPair> {
  const db = await getDb();
  const refreshJti = crypto.randomUUID();
  const now = Math.floor(Date.now() / 1000);
  await q.insertRefreshToken(db, refreshJti, familyId, new Date((now + refreshTokenTtlSeconds()) * 1000));
  const access = await signToken({ sub: userId, role, type: "access", jti: crypto.randomUUID(), ver }, accessTokenTtlSeconds(), now);
  const refresh = await signToken(
    { sub: userId, role, type: "refresh", jti: refreshJti, fam: familyId, ver },
    refreshTokenTtlSeconds(),
    now,
  );
  return { token: access, access, refresh };
}

/**
 * CONTRACT §1.2: rotates a refresh token. A token presented a second time means it was stolen or replayed,
 * so the whole family descended from that login is revoked, and the user's access tokens with it (the token version
 * moves, as at logout) — except within REFRESH_REUSE_LEEWAY_SECONDS (10 s) of
 * its first use: two tabs refreshing with the same token at once each get a fresh pair (issue 10 point 9).
 */
export async function refresh(refreshToken: string): Promise<TokenPair> {
  const claims = await verifyToken(refreshToken, "refresh");
  const db = await getDb();
  let familyId = (await q.spendRefreshToken(db, claims.jti))?.familyId;
  if (!familyId) {
    const known = await q.findRefreshToken(db, claims.jti);
    if (!known) throw new Unauthorized("Invalid token");
    familyId = (await q.spentWithin(db, claims.jti, env.REFRESH_REUSE_LEEWAY_SECONDS))?.familyId;
    if (!familyId) {
      // A replay: the family's refresh tokens end, and (as at logout) so do the access tokens already handed out
      // from it, on every instance at once (issue 10 point 9), instead of living on for their 30 minutes.
      await db.transaction(async (tx) => {
        await q.revokeFamily(tx, known.familyId, "reuse");
        await q.bumpTokenVersion(tx, claims.sub);
      });
      forgetTokenState(claims.sub);
      throw new Unauthorized("Refresh token has already been used; please sign in again");
    }
  }
  const found = await q.findFamilyWithUser(db, familyId);
  if (!found || found.family.revokedAt) throw new Unauthorized("This session has been revoked; please sign in again");
  if (!found.user.active) throw new Unauthorized("Invalid credentials");
  return issuePair(found.user.id, found.user.role, found.family.id, found.user.tokenVersion);
}

/**
 * CONTRACT §1.3: ends the session of this refresh token, and (issue 10 point 9) every access token of the user
 * issued before now, on every server instance: the user's token version moves. The user's other sessions keep
 * their refresh tokens and get new access tokens on their next refresh.
 */
export async function logout(refreshToken: string): Promise<{ loggedOut: true }> {
  const claims = await verifyToken(refreshToken, "refresh");
  const db = await getDb();
  const known = await q.findRefreshToken(db, claims.jti);
  if (!known) throw new Unauthorized("Invalid token");
  await db.transaction(async (tx) => {
    await q.revokeFamily(tx, known.familyId, "logout");
    await q.bumpTokenVersion(tx, claims.sub);
  });
  forgetTokenState(claims.sub);
  return { loggedOut: true };
}

export async function getCurrentUser(principal: Principal): Promise<AuthUser> {
  if (principal.kind !== "user") throw new Forbidden("Door tablets have no user account");
  const user = await q.findUserById(await getDb(), principal.userId);
  if (!user || !user.active) throw new Unauthorized("Account is no longer active");
  return toAuthUser(user);
}

export async function getUser(id: string): Promise<AuthUser | undefined> {
  const user = await q.findUserById(await getDb(), id);
  return user ? toAuthUser(user) : undefined;
}

/**
 * The people picker of the booking form: up to `limit` active people (not system users) whose name or email
 * contains `search` (case-insensitive, at least 1 character), as `{ id, name, email }`. Any signed-in person
 * may search: attendees are invited by id. A door tablet → 403.
 */
export async function searchPeople(principal: Principal, search: string, limit = 8): Promise<{ id: string; name: string; email: string }[]> {
  if (principal.kind !== "user") throw new Forbidden("Door tablets cannot search people");
  const text = search.trim().slice(0, 100);
  if (!text) return [];
  return q.searchActivePeople(await getDb(), text, limit);
}

// ── administration (CONTRACT §6) ────────────────────────────────────────────

export async function listUsers(search?: string): Promise<AdminUser[]> {
  const rows = await q.listUsers(await getDb(), search || undefined);
  return rows.map(toAdminUser);
}

export async function createUser(input: CreateUserInput): Promise<AdminUser> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await q.insertUser(db, {
      email: input.email,
      name: input.name,
      role: input.role,
      department: input.department ?? null,
      passwordHash,
    });
    return toAdminUser(row);
  } catch (err) {
    if (sqlState(err) === "23505") throw new Conflict("A user with that email already exists");
    throw err;
  }
}

export async function updateUser(actor: UserPrincipal, id: string, patch: UpdateUserInput): Promise<AdminUser> {
  if (actor.userId === id && (patch.role === "user" || patch.active === false)) {
    throw new Conflict("You cannot demote or deactivate yourself");
  }
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    const existing = await q.findUserById(tx, id);
    if (!existing || existing.isSystem) throw new NotFound("User not found");
    const row = await q.updateUser(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.department !== undefined ? { department: patch.department } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    // DOMAIN §1: a deactivated user's refresh tokens die with the account.
    if (patch.active === false) await q.revokeAllFamiliesOfUser(tx, id, "deactivated");
    return toAdminUser(row!);
  });
  // A demotion or deactivation moved the token version (migration 0004): this process sees it on the next request.
  forgetTokenState(id);
  return updated;
}

/** `npm run createsuperuser`: creates an admin, or refuses when the email is taken. */
export async function createSuperuser(input: { email: string; name: string; password: string }): Promise<AdminUser> {
  if (input.password.length < 10) throw Invalid.field("password", "must be at least 10 characters");
  return createUser({ ...input, role: "admin", department: null });
}
