import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteRoomForm, RoomForm } from "@/components/admin/room-forms";
import { requireAdminPage } from "@/lib/auth/session";
import { NotFound } from "@/lib/errors";
import { getRoom, getRoomContext, listBuildings } from "@/lib/rooms/service";
import { formatLocal } from "@/lib/time";
import { deleteRoomAction, updateRoomAction } from "../actions";
import { bookingsInTheWay } from "../upcoming";

export const metadata: Metadata = { title: "Edit room · Admin" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UI.md /admin/rooms: edit one room, switch maintenance, delete it (the 409 explained with the bookings in the way). */
export default async function AdminRoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const { principal } = await requireAdminPage(`/admin/rooms/${roomId}`);
  if (!UUID.test(roomId)) notFound();
  const room = await getRoom(principal, roomId).catch((err) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  const [context, buildings, upcoming] = await Promise.all([
    getRoomContext(roomId),
    listBuildings(principal),
    bookingsInTheWay(principal, roomId),
  ]);
  return (
    <div className="space-y-8">
      <header>
        <Link href="/admin/rooms" className="text-sm text-indigo-700 hover:underline">
          ← All rooms
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{room.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {room.building}, floor {room.floor} · <Link href={`/rooms/${room.id}`} className="text-indigo-700 underline">its day as members see it</Link>
        </p>
      </header>

      <section aria-labelledby="edit-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <RoomForm action={updateRoomAction.bind(null, room.id)} buildings={buildings} room={room} maintenance={context.maintenance} />
      </section>

      <section aria-labelledby="bookings-in-the-way" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="bookings-in-the-way" className="text-lg font-semibold">
          Upcoming bookings
        </h2>
        {upcoming.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None: the room can be deleted.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              {upcoming.length === 1 ? "This booking" : `These ${upcoming.length} bookings`} must be cancelled before the room can be
              deleted. Times are {context.timezone} time.
            </p>
            <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="bookings-in-the-way">
              {upcoming.slice(0, 50).map((b) => {
                const start = new Date(b.startTime);
                return (
                  <li key={b.id} className="flex flex-wrap items-baseline gap-x-3 py-2">
                    <Link
                      href={`/rooms/${room.id}?date=${formatLocal(start, context.timezone, "yyyy-MM-dd")}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {formatLocal(start, context.timezone, "ccc d LLL, HH:mm")}–{formatLocal(new Date(b.endTime), context.timezone)}
                    </Link>
                    <span>{b.title}</span>
                    <span className="text-slate-600">by {b.organizer.name}</span>
                  </li>
                );
              })}
            </ul>
            {upcoming.length > 50 && <p className="mt-2 text-sm text-slate-600">…and {upcoming.length - 50} more.</p>}
          </>
        )}
      </section>

      <section aria-labelledby="delete-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-red-200">
        <h2 id="delete-heading" className="text-lg font-semibold">
          Delete this room
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          Only a room without upcoming bookings can go. To stop new bookings while keeping its history, put it in maintenance.
        </p>
        <DeleteRoomForm action={deleteRoomAction.bind(null, room.id)} roomName={room.name} />
      </section>
    </div>
  );
}
