import { getDb, type Executor } from "@/db/client";
import { NotFound } from "@/lib/errors";
import { findRoomContext } from "./queries";

/** What other domains need to know about a room: its name, building, time zone and whether it is in service. */
export interface RoomContext {
  id: string;
  name: string;
  floor: number;
  capacity: number;
  maintenance: boolean;
  buildingId: string;
  buildingName: string;
  timezone: string;
}

/** The room with its building's time zone; 404 when it does not exist. Pass a transaction to read inside it. */
export async function getRoomContext(roomId: string, db?: Executor): Promise<RoomContext> {
  const room = await findRoomContext(db ?? (await getDb()), roomId);
  if (!room) throw new NotFound("Room not found");
  return room;
}
