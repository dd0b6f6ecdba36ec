import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";

export const ROOM_EVENTS_CHANNEL = "room_events";

/**
 * DOMAIN §6: announces that a room's bookings or settings changed. Called inside the transaction that makes
 * the change, so PostgreSQL delivers it only on commit, to every server instance listening.
 */
export async function notifyRoomChanged(tx: Executor, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${roomId})`);
}

/**
 * `notifyRoomChanged` as an expression for a statement that writes the change itself (e.g. a scalar subquery
 * over the insert's CTE): the announcement leaves with the same round trip and, as ever, only on commit.
 */
export function roomChangedExpression(roomId: string): SQL {
  return sql`pg_notify(${ROOM_EVENTS_CHANNEL}, ${roomId})`;
}
