import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AMENITY_LABELS, ROOM_STATUS_LABELS } from "@/components/admin/labels";
import { MaintenanceSwitch, RoomForm } from "@/components/admin/room-forms";
import { requireAdminPage } from "@/lib/auth/session";
import { listBuildings, listRooms } from "@/lib/rooms/service";
import { createRoomAction, setMaintenanceAction } from "./actions";

export const metadata: Metadata = { title: "Rooms · Admin" };

/** UI.md /admin/rooms: every room with its live status and a maintenance switch; a form to add one. */
export default async function AdminRoomsPage({ searchParams }: { searchParams: Promise<{ deleted?: string; building?: string }> }) {
  const { principal } = await requireAdminPage("/admin/rooms");
  const { deleted, building } = await searchParams;
  const [allRooms, buildings] = await Promise.all([listRooms(principal, {}), listBuildings(principal)]);
  const shownBuilding = buildings.find((b) => b.id === building);
  const rooms = shownBuilding ? allRooms.filter((r) => r.buildingId === shownBuilding.id) : allRooms;
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Rooms</h1>
        <p className="mt-1 text-sm text-slate-600">
          Changes show at once on the room finder, the floor maps and the door tablets.
        </p>
      </header>
      {shownBuilding && (
        <p className="text-sm">
          Rooms of <strong>{shownBuilding.name}</strong> ·{" "}
          <Link href="/admin/rooms" className="text-indigo-700 underline">
            show all buildings
          </Link>
        </p>
      )}
      {deleted && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Room {deleted} deleted.
        </p>
      )}

      <section aria-labelledby="rooms-heading" className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="rooms-heading" className="sr-only">
          All rooms
        </h2>
        {rooms.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No rooms yet. Create the first one with the form below.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Room</th>
                <th scope="col" className="px-4 py-2">Building</th>
                <th scope="col" className="px-4 py-2 text-right">Floor</th>
                <th scope="col" className="px-4 py-2 text-right">Seats</th>
                <th scope="col" className="px-4 py-2">Amenities</th>
                <th scope="col" className="px-4 py-2">Status now</th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rooms.map((room) => {
                const status = ROOM_STATUS_LABELS[room.status];
                return (
                  <tr key={room.id} data-testid="admin-room-row">
                    <td className="px-4 py-2 font-medium">
                      <Link href={`/admin/rooms/${room.id}`} className="text-indigo-700 hover:underline">
                        {room.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2">{room.building}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{room.floor}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{room.capacity}</td>
                    <td className="px-4 py-2 text-slate-700">{room.amenities.map((a) => AMENITY_LABELS[a] ?? a).join(", ") || "—"}</td>
                    <td className="px-4 py-2">
                      <Badge tone={status.tone} data-testid="room-status">
                        {status.label}
                      </Badge>
                    </td>
                    <td className="px-4 py-2">
                      <MaintenanceSwitch
                        action={setMaintenanceAction.bind(null, room.id, room.status !== "maintenance")}
                        roomName={room.name}
                        maintenance={room.status === "maintenance"}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="new-room-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="new-room-heading" className="text-lg font-semibold">
          New room
        </h2>
        {buildings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            A room belongs to a building: <Link href="/admin/buildings" className="text-indigo-700 underline">create a building</Link> first.
          </p>
        ) : (
          <div className="mt-4">
            <RoomForm action={createRoomAction} buildings={buildings} />
          </div>
        )}
      </section>
    </div>
  );
}
