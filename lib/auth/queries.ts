import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { devices, users } from "@/db/schema";

export async function findActiveDeviceByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ id: devices.id, roomId: devices.roomId, lastSeenAt: devices.lastSeenAt })
    .from(devices)
    .where(and(eq(devices.tokenHash, tokenHash), isNull(devices.revokedAt)))
    .limit(1);
  return row;
}

/** Marks the device as seen, at most once a minute, so that polling tablets do not write on every request. */
export async function touchDevice(db: Executor, deviceId: string) {
  await db
    .update(devices)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(devices.id, deviceId),
        or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

export async function findSessionUser(db: Executor, userId: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, active: users.active, isSystem: users.isSystem })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}
