import type { Metadata } from "next";
import Link from "next/link";
import { BuildingForm, DeleteBuildingForm, TimeZoneList } from "@/components/admin/building-forms";
import { requireAdminPage } from "@/lib/auth/session";
import { listBuildings, listRooms } from "@/lib/rooms/service";
import { getSettings } from "@/lib/settings/service";
import { createBuildingAction, deleteBuildingAction, updateBuildingAction } from "./actions";

export const metadata: Metadata = { title: "Buildings · Admin" };

/** UI.md /admin/buildings: each building editable in place, with its rooms counted; a form to add one. */
export default async function AdminBuildingsPage() {
  const { principal } = await requireAdminPage("/admin/buildings");
  const [buildings, rooms, settings] = await Promise.all([listBuildings(principal), listRooms(principal, {}), getSettings()]);
  const timezones = Intl.supportedValuesOf("timeZone");
  const roomCount = new Map<string, number>();
  for (const room of rooms) roomCount.set(room.buildingId, (roomCount.get(room.buildingId) ?? 0) + 1);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Buildings</h1>
        <p className="mt-1 text-sm text-slate-600">A building&apos;s time zone is the local time of its rooms: their business hours, days and timelines.</p>
      </header>

      {buildings.length === 0 && <p className="text-sm text-slate-600">No buildings yet. Create the first one below.</p>}
      <ul className="space-y-4">
        {buildings.map((building) => {
          const count = roomCount.get(building.id) ?? 0;
          return (
            <li key={building.id} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="admin-building">
              <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{building.name}</h2>
                <Link href={`/admin/rooms?building=${building.id}`} className="text-sm text-indigo-700 hover:underline">
                  {count === 1 ? "1 room" : `${count} rooms`}
                </Link>
              </div>
              <BuildingForm
                action={updateBuildingAction.bind(null, building.id)}
                building={building}
                defaultTimezone={settings.timezone}
                zonesListId="iana-zones"
              />
              <div className="mt-4 border-t border-slate-100 pt-4">
                <DeleteBuildingForm action={deleteBuildingAction.bind(null, building.id)} building={building} />
              </div>
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="new-building-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="new-building-heading" className="mb-4 text-lg font-semibold">
          New building
        </h2>
        <BuildingForm action={createBuildingAction} defaultTimezone={settings.timezone} zonesListId="iana-zones" />
      </section>
      <TimeZoneList id="iana-zones" zones={timezones} />
    </div>
  );
}
