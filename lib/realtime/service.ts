import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

export const ROOM_EVENTS_CHANNEL = "room_events";

/**
 * DOMAIN §6: announces that a room's bookings or settings changed. Called inside the transaction that makes
 * the change, so PostgreSQL delivers it only on commit, to every server instance listening.
 */
export async function notifyRoomChanged(tx: Executor, roomId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${roomId})`);
}
