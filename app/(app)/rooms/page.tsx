import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { RoomFilters, type RoomFilterValues } from "@/components/rooms/room-filters";
import { RoomList, RoomListSkeleton } from "@/components/rooms/room-list";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuthUser } from "@/lib/accounts/schemas";
import { pathWithQuery, principalOf, requireUser } from "@/lib/auth/session";
import { Invalid } from "@/lib/errors";
import { listRoomsQuery } from "@/lib/rooms/schemas";
import { listBuildings, listRooms, nextFreeTimes } from "@/lib/rooms/service";

export const metadata: Metadata = { title: "Find a room" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The URL's filters (CONTRACT 2.1 names; a plain GET form sends `amenity` once per box instead). */
function filterValues(sp: SearchParams): RoomFilterValues {
  const boxes = Array.isArray(sp.amenity) ? sp.amenity : sp.amenity ? [sp.amenity] : [];
  const amenities = one(sp.amenities) ? one(sp.amenities).split(",").filter(Boolean) : boxes;
  const when = one(sp.when);
  return {
    search: one(sp.search),
    building: one(sp.building),
    floor: one(sp.floor),
    minCapacity: one(sp.minCapacity),
    amenities,
    status: one(sp.status) || (when === "now" ? "available" : ""),
    availableFrom: when === "any" ? "" : one(sp.availableFrom),
    availableTo: when === "any" ? "" : one(sp.availableTo),
  };
}

/** `/rooms` (UI.md): find a room. Server-rendered from the rooms service; the filters live in the URL. */
export default async function RoomsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const user = await requireUser(pathWithQuery("/rooms", sp));
  const values = filterValues(sp);
  const [buildings, allRooms] = await Promise.all([listBuildings(principalOf(user)), listRooms(principalOf(user), {})]);
  const floors = [...new Set(allRooms.filter((r) => !values.building || r.buildingId === values.building).map((r) => r.floor))].sort((a, b) => a - b);
  const key = JSON.stringify(values);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Find a room</h1>
        <p className="mt-1 text-sm text-slate-600">Pick what you need; the list follows as you type.</p>
      </div>
      <RoomFilters initial={values} buildings={buildings.map((b) => ({ id: b.id, name: b.name }))} floors={floors} />
      <Suspense key={key} fallback={<RoomListSkeleton />}>
        <MatchingRooms user={user} values={values} zones={Object.fromEntries(buildings.map((b) => [b.id, b.timezone]))} />
      </Suspense>
    </div>
  );
}

async function MatchingRooms({ user, values, zones }: { user: AuthUser; values: RoomFilterValues; zones: Record<string, string> }) {
  const parsed = listRoomsQuery.safeParse({
    search: values.search || undefined,
    building: values.building || undefined,
    floor: values.floor || undefined,
    minCapacity: values.minCapacity || undefined,
    amenities: values.amenities.length ? values.amenities.join(",") : undefined,
    status: values.status || undefined,
    availableFrom: values.availableFrom || undefined,
    availableTo: values.availableTo || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return <EmptyState tone="error" icon={CircleAlert} title="These filters cannot be used" description={problems} />;
  }
  const principal = principalOf(user);
  let rooms;
  try {
    rooms = await listRooms(principal, parsed.data);
  } catch (err) {
    if (err instanceof Invalid) {
      return <EmptyState tone="error" icon={CircleAlert} title="These filters cannot be used" description={err.message} />;
    }
    throw err;
  }
  const now = new Date();
  const freeTimes = await nextFreeTimes(principal, rooms.filter((r) => r.status !== "maintenance").map((r) => r.id), now);
  return (
    <section aria-label="Rooms">
      <p className="mb-3 text-sm text-slate-600" aria-live="polite" data-testid="room-count">
        {rooms.length} {rooms.length === 1 ? "room" : "rooms"}
      </p>
      <RoomList rooms={rooms} freeTimes={freeTimes} zones={zones} now={now} />
    </section>
  );
}
