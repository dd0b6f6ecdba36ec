import { and, asc, count, eq, gt, ilike, isNull, min, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { loginAttempts, refreshTokenFamilies, refreshTokens, users, type UserRow } from "@/db/schema";

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Executor, search?: string): Promise<UserRow[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.isSystem, false),
        pattern
          ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.department, pattern))
          : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.email));
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUser(
  db: Executor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function markLoggedIn(db: Executor, id: string) {
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, id));
}

// ── login throttling ────────────────────────────────────────────────────────

export async function recentFailures(db: Executor, emailLower: string, ip: string, windowSeconds: number) {
  const [row] = await db
    .select({ failures: count(), oldest: min(loginAttempts.attemptedAt) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.emailLower, emailLower),
        eq(loginAttempts.ip, ip),
        gt(loginAttempts.attemptedAt, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
    );
  return { failures: Number(row?.failures ?? 0), oldest: row?.oldest ?? null };
}

export async function recordFailure(db: Executor, emailLower: string, ip: string) {
  await db.insert(loginAttempts).values({ emailLower, ip });
}

export async function clearFailures(db: Executor, emailLower: string, ip: string) {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.emailLower, emailLower), eq(loginAttempts.ip, ip)));
}

// ── refresh-token families ──────────────────────────────────────────────────

export async function insertFamily(db: Executor, userId: string): Promise<string> {
  const [row] = await db.insert(refreshTokenFamilies).values({ userId }).returning({ id: refreshTokenFamilies.id });
  return row.id;
}

export async function insertRefreshToken(db: Executor, jti: string, familyId: string, expiresAt: Date) {
  await db.insert(refreshTokens).values({ jti, familyId, expiresAt });
}

/** Spends a refresh token: succeeds once per token, atomically, even when two requests race. */
export async function spendRefreshToken(db: Executor, jti: string) {
  const [row] = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.jti, jti), isNull(refreshTokens.usedAt)))
    .returning({ familyId: refreshTokens.familyId });
  return row;
}

/** The family of a refresh token that was used less than `seconds` ago (by the database's clock), if it was. */
export async function spentWithin(db: Executor, jti: string, seconds: number) {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.jti, jti), gt(refreshTokens.usedAt, sql`now() - make_interval(secs => ${seconds})`)))
    .limit(1);
  return row;
}

/** Moves a user's token version: every token issued before is refused (lib/auth/revocation.ts). */
export async function bumpTokenVersion(db: Executor, userId: string) {
  await db.update(users).set({ tokenVersion: sql`${users.tokenVersion} + 1` }).where(eq(users.id, userId));
}

export async function findRefreshToken(db: Executor, jti: string) {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.jti, jti)).limit(1);
  return row;
}

export async function findFamilyWithUser(db: Executor, familyId: string) {
  const [row] = await db
    .select({ family: refreshTokenFamilies, user: users })
    .from(refreshTokenFamilies)
    .innerJoin(users, eq(users.id, refreshTokenFamilies.userId))
    .where(eq(refreshTokenFamilies.id, familyId))
    .limit(1);
  return row;
}

export async function revokeFamily(db: Executor, familyId: string, reason: string) {
  await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.id, familyId), isNull(refreshTokenFamilies.revokedAt)));
}

export async function revokeAllFamiliesOfUser(db: Executor, userId: string, reason: string) {
  await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.userId, userId), isNull(refreshTokenFamilies.revokedAt)));
}

/** Active, non-system people whose name or email contains `search`, by name, at most `limit`. */
export async function searchActivePeople(db: Executor, search: string, limit: number) {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.isSystem, false), eq(users.active, true), or(ilike(users.name, pattern), ilike(users.email, pattern))))
    .orderBy(asc(users.name), asc(users.email))
    .limit(limit);
}
