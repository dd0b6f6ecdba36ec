import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { buildings, rooms } from "@/db/schema";

export async function findRoomContext(db: Executor, roomId: string) {
  const [row] = await db
    .select({
      id: rooms.id,
      name: rooms.name,
      floor: rooms.floor,
      capacity: rooms.capacity,
      maintenance: rooms.maintenance,
      buildingId: buildings.id,
      buildingName: buildings.name,
      timezone: buildings.timezone,
    })
    .from(rooms)
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .where(eq(rooms.id, roomId))
    .limit(1);
  return row;
}
