import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STATUS_INFO, type RoomStatus } from "@/components/rooms/status-badge";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { pathWithQuery, principalOf, requireUser } from "@/lib/auth/session";
import { Invalid, NotFound } from "@/lib/errors";
import { getFloorPlan, listBuildings, listRooms } from "@/lib/rooms/service";

export const metadata: Metadata = { title: "Floor map" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fill, outline and text colour of a room on the map; the status is also written in words inside it. */
const MAP_COLOURS: Record<RoomStatus, { fill: string; stroke: string; text: string }> = {
  available: { fill: "#d1fae5", stroke: "#059669", text: "#064e3b" },
  reserved: { fill: "#fef3c7", stroke: "#d97706", text: "#78350f" },
  occupied: { fill: "#fee2e2", stroke: "#dc2626", text: "#7f1d1d" },
  maintenance: { fill: "#e2e8f0", stroke: "#64748b", text: "#1e293b" },
};

const floorName = (f: number) => (f === 0 ? "Ground floor" : `Floor ${f}`);

/** `/floors/[buildingId]/[floor]` (UI.md): the rooms of a floor drawn with their live status; a click opens the room. */
export default async function FloorMapPage({ params }: { params: Promise<{ buildingId: string; floor: string }> }) {
  const { buildingId, floor } = await params;
  const user = await requireUser(pathWithQuery(`/floors/${buildingId}/${floor}`, {}));
  if (!UUID.test(buildingId)) notFound();
  const principal = principalOf(user);
  const [plan, buildings, rooms] = await Promise.all([
    getFloorPlan(principal, buildingId, floor).catch((err) => {
      if (err instanceof NotFound || err instanceof Invalid) notFound();
      throw err;
    }),
    listBuildings(principal),
    listRooms(principal, {}),
  ]);
  const building = buildings.find((b) => b.id === buildingId)!;
  const floorsOf = (id: string) => [...new Set(rooms.filter((r) => r.buildingId === id).map((r) => r.floor))].sort((a, b) => a - b);
  const floors = floorsOf(buildingId);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">
          {building.name} · {floorName(plan.floorNumber)}
        </h1>
        <p className="mt-1 text-sm text-slate-600">Live status of every room on this floor. Select a room to see its day and book it.</p>
      </div>
      <nav aria-label="Buildings" className="flex flex-wrap gap-2">
        {buildings.map((b) => {
          const first = floorsOf(b.id)[0] ?? 0;
          const current = b.id === buildingId;
          return (
            <Link key={b.id} href={`/floors/${b.id}/${first}`} aria-current={current ? "page" : undefined} className={buttonVariants({ variant: current ? "primary" : "secondary", size: "sm" })}>
              {b.name}
            </Link>
          );
        })}
      </nav>
      <nav aria-label="Floors" className="flex flex-wrap gap-2">
        {floors.map((f) => {
          const current = f === plan.floorNumber;
          return (
            <Link key={f} href={`/floors/${buildingId}/${f}`} aria-current={current ? "page" : undefined} className={cn(buttonVariants({ variant: current ? "primary" : "ghost", size: "sm" }), !current && "ring-1 ring-slate-300")}>
              {floorName(f)}
            </Link>
          );
        })}
      </nav>

      <ul className="flex flex-wrap gap-3 text-sm" aria-label="Legend">
        {(Object.keys(MAP_COLOURS) as RoomStatus[]).map((s) => (
          <li key={s} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-3.5 rounded-sm border-2" style={{ background: MAP_COLOURS[s].fill, borderColor: MAP_COLOURS[s].stroke }} />
            {STATUS_INFO[s].label}
          </li>
        ))}
      </ul>

      {plan.rooms.length === 0 ? (
        <p className="text-sm text-slate-600">No rooms on this floor.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white p-2 shadow-sm ring-1 ring-slate-200">
          <svg viewBox={`0 0 ${plan.width} ${plan.height}`} className="h-auto w-full min-w-[36rem]" role="group" aria-label={`Map of ${building.name}, ${floorName(plan.floorNumber)}`} data-testid="floor-map">
            <rect x="0" y="0" width={plan.width} height={plan.height} fill="#f8fafc" />
            {plan.rooms.map((r) => {
              const c = MAP_COLOURS[r.status];
              const words = STATUS_INFO[r.status].label;
              // Long names shrink to fit their room (about 0.6 em per character).
              const nameSize = Math.max(12, Math.min(24, (r.width - 28) / (r.name.length * 0.6)));
              return (
                <a key={r.roomId} href={`/rooms/${r.roomId}`} className="group focus:outline-none" data-testid="map-room">
                  <rect x={r.x} y={r.y} width={r.width} height={r.height} rx="10" fill={c.fill} stroke={c.stroke} strokeWidth="3" className="group-hover:opacity-80 group-focus-visible:[stroke-width:8px]" />
                  {/* One text, two lines: its words ("Spree Available") are the link's name for screen readers too. */}
                  <text fill={c.text}>
                    <tspan x={r.x + 14} y={r.y + 34} fontSize={nameSize.toFixed(1)} fontWeight="600">
                      {r.name}
                    </tspan>{" "}
                    <tspan x={r.x + 14} y={r.y + 64} fontSize="18">
                      {words}
                    </tspan>
                  </text>
                </a>
              );
            })}
          </svg>
        </div>
      )}
    </div>
  );
}
