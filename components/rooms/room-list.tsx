import { SearchX } from "lucide-react";
import Link from "next/link";
import { formatDate, formatTime, localDateOf } from "@/components/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { FreeTime } from "@/lib/rooms/service";
import type { Room } from "@/lib/rooms/schemas";
import { AmenityIcons } from "./amenities";
import { StatusBadge } from "./status-badge";
import { ZoneNote } from "./zone-note";
import { SpriteIcon } from "@/components/ui/static-icon";

/** "Free now", "Free until 14:00", "Free from 11:30", "Free from Wed 4 Mar 09:00" — in the building's time. */
function freeText(room: Room, free: FreeTime | undefined, zone: string, now: Date): string | null {
  if (room.status === "maintenance" || !free) return null;
  const sameDay = (iso: string) => localDateOf(iso, zone) === localDateOf(now, zone);
  const when = (iso: string) => (sameDay(iso) ? formatTime(iso, zone) : `${formatDate(iso, zone)} ${formatTime(iso, zone)}`);
  if (new Date(free.freeFrom).getTime() <= now.getTime() + 60_000) {
    return free.freeUntil ? `Free now until ${when(free.freeUntil)}` : "Free now";
  }
  return `Free from ${when(free.freeFrom)}`;
}

/**
 * The rooms of "Find a room": name, place, seats, amenities, live status in words and the next free time.
 * The links do not prefetch: a list of rooms would fetch every room's day while the page loads.
 */
export function RoomList({
  rooms,
  freeTimes,
  zones,
  now,
}: {
  rooms: Room[];
  freeTimes: Record<string, FreeTime>;
  zones: Record<string, string>;
  now: Date;
}) {
  if (rooms.length === 0) {
    return (
      <EmptyState
        icon={SearchX}
        title="No room matches these filters"
        description="Try fewer amenities, fewer people or another time — or clear the filters."
        action={
          <Link href="/rooms" className="text-sm font-medium text-indigo-700 underline">
            Clear filters
          </Link>
        }
      />
    );
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="room-list">
      {rooms.map((room) => {
        const zone = zones[room.buildingId] ?? "UTC";
        const free = freeText(room, freeTimes[room.id], zone, now);
        return (
          <li key={room.id}>
            <Card className="relative flex h-full flex-col gap-3 p-4 focus-within:ring-2 focus-within:ring-indigo-500 hover:ring-slate-300" data-testid="room-card">
              <div className="flex items-start justify-between gap-2">
                <h2 className="text-base font-semibold">
                  <Link href={`/rooms/${room.id}`} prefetch={false} className="after:absolute after:inset-0 focus:outline-none">
                    {room.name}
                  </Link>
                </h2>
                <StatusBadge status={room.status} />
              </div>
              <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
                <span className="flex items-center gap-1">
                  <SpriteIcon id="map-pin" className="size-4 text-slate-500" />
                  {room.building}, {room.floor === 0 ? "ground floor" : `floor ${room.floor}`}
                </span>
                <span className="flex items-center gap-1">
                  <SpriteIcon id="users" className="size-4 text-slate-500" />
                  {room.capacity} {room.capacity === 1 ? "seat" : "seats"}
                </span>
              </p>
              <AmenityIcons amenities={room.amenities} />
              {free && (
                <p className="mt-auto text-sm font-medium text-slate-800" data-testid="next-free">
                  {free}
                  <ZoneNote zone={zone} prefix=" · " className="font-normal text-slate-600" />
                </p>
              )}
            </Card>
          </li>
        );
      })}
    </ul>
  );
}

/** Placeholder cards while the rooms load. */
export function RoomListSkeleton() {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Loading rooms" aria-busy="true">
      {Array.from({ length: 6 }, (_, i) => (
        <li key={i}>
          <Card className="space-y-3 p-4">
            <Skeleton className="h-5 w-32" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-6 w-24" />
          </Card>
        </li>
      ))}
    </ul>
  );
}
