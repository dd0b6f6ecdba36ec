import { ArrowLeft, Layers, MapPin, Users, Wrench } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateSwitcher } from "@/components/booking/date-switcher";
import { RoomTimeline } from "@/components/booking/room-timeline";
import { formatLocalDate } from "@/components/format";
import { AmenityIcons } from "@/components/rooms/amenities";
import { StatusBadge } from "@/components/rooms/status-badge";
import { ZoneNote } from "@/components/rooms/zone-note";
import { Card, CardContent } from "@/components/ui/card";
import { pathWithQuery, principalOf, requireUser } from "@/lib/auth/session";
import { listRoomDay } from "@/lib/bookings/service";
import { NotFound } from "@/lib/errors";
import { getBuilding, getRoom } from "@/lib/rooms/service";
import { getSettings } from "@/lib/settings/service";
import { isBoundedDate } from "@/lib/input";
import { addLocalDays, localTimeOn, localToday, parseLocalDate } from "@/lib/time";
import { StaticIcon } from "@/components/ui/static-icon";

export const metadata: Metadata = { title: "Room" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/rooms/[roomId]?date=YYYY-MM-DD` (UI.md): a room's day in its building's time, booked by click or drag. */
export default async function RoomDayPage({
  params,
  searchParams,
}: {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ roomId }, sp] = await Promise.all([params, searchParams]);
  const user = await requireUser(pathWithQuery(`/rooms/${roomId}`, sp));
  if (!UUID.test(roomId)) notFound();
  const principal = principalOf(user);
  const room = await getRoom(principal, roomId).catch((err) => {
    if (err instanceof NotFound) notFound();
    throw err;
  });
  const [building, settings] = await Promise.all([getBuilding(principal, room.buildingId), getSettings()]);
  const zone = building.timezone;
  const today = localToday(zone);
  const asked = typeof sp.date === "string" && isBoundedDate(sp.date) ? sp.date : today;
  const bookings = await listRoomDay(principal, roomId, asked, false);
  const open = localTimeOn(asked, settings.businessStart, zone);
  const close = localTimeOn(asked, settings.businessEnd, zone);
  const businessDay = settings.businessDays.includes(parseLocalDate(asked, zone).weekday);
  const now = new Date();
  const past = close.getTime() <= now.getTime();

  return (
    <div className="space-y-6">
      <Link href="/rooms" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <StaticIcon icon={ArrowLeft} className="size-4" /> All rooms
      </Link>
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Card className="h-fit">
          <CardContent className="space-y-3">
            <div className="flex items-start justify-between gap-2">
              <h1 className="text-2xl font-semibold">{room.name}</h1>
              <StatusBadge status={room.status} />
            </div>
            <ul className="space-y-1 text-sm text-slate-700">
              <li className="flex items-center gap-2">
                <StaticIcon icon={MapPin} className="size-4 text-slate-500" /> {room.building}
              </li>
              <li className="flex items-center gap-2">
                <StaticIcon icon={Layers} className="size-4 text-slate-500" />
                <Link href={`/floors/${room.buildingId}/${room.floor}`} className="text-indigo-700 hover:underline">
                  {room.floor === 0 ? "Ground floor" : `Floor ${room.floor}`} — floor map
                </Link>
              </li>
              <li className="flex items-center gap-2">
                <StaticIcon icon={Users} className="size-4 text-slate-500" /> {room.capacity} seats
              </li>
            </ul>
            <AmenityIcons amenities={room.amenities} withLabels />
            {room.status === "maintenance" && (
              <p className="flex items-center gap-2 rounded-md bg-slate-100 p-2 text-sm text-slate-800">
                <StaticIcon icon={Wrench} className="size-4" /> Out of service: it cannot be booked.
              </p>
            )}
          </CardContent>
        </Card>
        <section aria-labelledby="day-title" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="day-title" className="text-lg font-semibold" data-testid="day-title">
                {formatLocalDate(asked)}
                {asked === today ? " (today)" : ""}
              </h2>
              <p className="text-sm text-slate-600">
                {settings.businessStart}–{settings.businessEnd}
                <ZoneNote zone={zone} />
                {!businessDay && " · not a business day"}
              </p>
            </div>
            <DateSwitcher roomId={roomId} date={asked} prev={addLocalDays(asked, -1, zone)} next={addLocalDays(asked, 1, zone)} today={today} />
          </div>
          {past ? (
            <p className="text-sm text-slate-600">{asked === today ? "Today's hours are over; pick a later date to book." : "This day is over; pick today or a later date to book."}</p>
          ) : room.status !== "maintenance" ? (
            <p className="text-sm text-slate-600">Click or drag over a free time to book it, or tab to a free time and press Enter.</p>
          ) : null}
          <RoomTimeline
            room={{ id: room.id, name: room.name, capacity: room.capacity, zone }}
            date={asked}
            open={open.toISOString()}
            close={close.toISOString()}
            now={now.toISOString()}
            bookings={bookings
              // A meeting ended before its start (checked in early, then ended) held the room for no time.
              .filter((b) => !(b.endedAt && b.endedAt <= b.startTime))
              .map((b) => ({
                id: b.id,
                title: b.title,
                organizer: b.organizer.name,
                startTime: b.startTime,
                endTime: b.endedAt && b.endedAt < b.endTime ? b.endedAt : b.endTime,
                checkedIn: b.checkedIn,
                mine: b.organizer.id === user.id || b.attendees.some((a) => a.id === user.id),
              }))}
            bookable={room.status !== "maintenance" && !past}
            minMinutes={settings.minBookingMinutes}
            userId={user.id}
          />
          {bookings.length === 0 && <p className="text-sm text-slate-600">No bookings on this day yet.</p>}
        </section>
      </div>
    </div>
  );
}
