import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Kiosk } from "@/components/panel/kiosk";
import { NotFound } from "@/lib/errors";
import { getRoomContext } from "@/lib/rooms/service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ roomId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { roomId } = await params;
  // A tablet pinning this page as an app starts on this room (CONTRACT §4: the room's page as start URL).
  return UUID.test(roomId) ? { manifest: `/panel/${roomId}/manifest` } : {};
}

/**
 * `/panel/[roomId]`: the kiosk. The page only needs the room's time zone (to show its local times); the state
 * itself comes from the event stream, authorised by the tablet's device token or a signed-in user's cookie.
 */
export default async function KioskPage({ params }: Props) {
  await connection();
  const { roomId } = await params;
  if (!UUID.test(roomId)) notFound();
  const room = await getRoomContext(roomId).catch((err) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  return <Kiosk roomId={room.id} timeZone={room.timezone} />;
}
