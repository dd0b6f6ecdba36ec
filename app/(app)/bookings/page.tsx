import { CalendarX, CheckCircle2, MapPin, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { BookingActions, type AllowedActions } from "@/components/booking/booking-actions";
import { formatDate, formatRange, formatTime, localDateOf } from "@/components/format";
import { ZoneNote } from "@/components/rooms/zone-note";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { AuthUser } from "@/lib/accounts/schemas";
import { pathWithQuery, principalOf, requireUser } from "@/lib/auth/session";
import { myBookingsQuery, type Booking } from "@/lib/bookings/schemas";
import { checkInWindow, listMyBookings } from "@/lib/bookings/service";
import { listBuildings, listRooms } from "@/lib/rooms/service";
import { getSettings } from "@/lib/settings/service";
import type { Settings } from "@/lib/settings/schemas";
import { addLocalDays, localToday } from "@/lib/time";
import { StaticIcon } from "@/components/ui/static-icon";

export const metadata: Metadata = { title: "My bookings" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The most recent past bookings shown; the rest are a `?from=` away. */
const PAST_SHOWN = 20;

const STATUS_WORDS: Record<Booking["status"], { label: string; tone: "success" | "warning" | "danger" | "neutral" | "info" }> = {
  confirmed: { label: "Confirmed", tone: "info" },
  pending: { label: "Pending", tone: "warning" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  completed: { label: "Completed", tone: "success" },
  no_show: { label: "No-show (released)", tone: "danger" },
};

/** `/bookings` (UI.md): my bookings, upcoming and past, with the actions each one's state allows. */
export default async function MyBookingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const user = await requireUser(pathWithQuery("/bookings", sp));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">My bookings</h1>
          <p className="mt-1 text-sm text-slate-600">Meetings you organise or are invited to.</p>
        </div>
        <Link href="/rooms" className="text-sm font-medium text-indigo-700 hover:underline">
          Book a room
        </Link>
      </div>
      <Suspense fallback={<ListSkeleton />}>
        <BookingLists user={user} sp={sp} />
      </Suspense>
    </div>
  );
}

function ListSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading bookings">
      {[0, 1, 2].map((i) => (
        <Card key={i} className="space-y-2 p-4">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-4 w-64" />
        </Card>
      ))}
    </div>
  );
}

async function BookingLists({ user, sp }: { user: AuthUser; sp: SearchParams }) {
  const principal = principalOf(user);
  const settings = await getSettings();
  const today = localToday(settings.timezone);
  const parsed = myBookingsQuery.safeParse({
    from: typeof sp.from === "string" ? sp.from : addLocalDays(today, -14, settings.timezone),
    to: typeof sp.to === "string" ? sp.to : addLocalDays(today, 60, settings.timezone),
    status: typeof sp.status === "string" && sp.status ? sp.status : undefined,
  });
  if (!parsed.success) {
    return <EmptyState tone="error" icon={CalendarX} title="These dates cannot be used" description={parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")} />;
  }
  const [bookings, rooms, buildings] = await Promise.all([listMyBookings(principal, parsed.data), listRooms(principal, {}), listBuildings(principal)]);
  const zoneOf = new Map(buildings.map((b) => [b.id, b.timezone]));
  const roomInfo = new Map(rooms.map((r) => [r.id, { zone: zoneOf.get(r.buildingId) ?? settings.timezone, capacity: r.capacity, building: r.building }]));
  const now = new Date();
  const isUpcoming = (b: Booking) => (b.status === "confirmed" || b.status === "pending") && !b.endedAt && new Date(b.endTime) > now;
  const upcoming = bookings.filter(isUpcoming);
  const allPast = bookings.filter((b) => !isUpcoming(b)).reverse();
  const past = allPast.slice(0, PAST_SHOWN);

  return (
    <div className="space-y-8">
      <section aria-labelledby="upcoming-title" className="space-y-3">
        <h2 id="upcoming-title" className="text-lg font-semibold">
          Upcoming <span className="text-sm font-normal text-slate-600">({upcoming.length})</span>
        </h2>
        {upcoming.length === 0 ? (
          <EmptyState icon={CalendarX} title="Nothing booked" description="Find a free room and book it; it shows up here." action={<Link href="/rooms" className="text-sm font-medium text-indigo-700 underline">Find a room</Link>} />
        ) : (
          <ul className="space-y-3" data-testid="upcoming">
            {upcoming.map((b) => (
              <BookingItem key={b.id} booking={b} user={user} settings={settings} now={now} room={roomInfo.get(b.roomId)} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-title" className="space-y-3">
        <h2 id="past-title" className="text-lg font-semibold">
          Past and cancelled <span className="text-sm font-normal text-slate-600">({allPast.length})</span>
        </h2>
        {allPast.length > past.length && <p className="text-sm text-slate-600">The {PAST_SHOWN} most recent are shown.</p>}
        {past.length === 0 ? (
          <p className="text-sm text-slate-600">No past bookings in this period.</p>
        ) : (
          <ul className="space-y-3" data-testid="past">
            {past.map((b) => (
              <BookingItem key={b.id} booking={b} user={user} settings={settings} now={now} room={roomInfo.get(b.roomId)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** DOMAIN §2 and §1: what this person may do with this booking at `now`. */
function allowedActions(b: Booking, user: AuthUser, settings: Settings, now: Date): AllowedActions {
  const active = b.status === "confirmed";
  const running = active && b.checkedIn && !b.endedAt && new Date(b.endTime) > now;
  const window = checkInWindow(b, settings);
  const canCheckIn = active && !b.checkedIn && now >= window.opensAt && now < window.closesAt;
  const owner = b.organizer.id === user.id || user.role === "admin";
  const cancel = owner && active && !b.checkedIn && new Date(b.endTime) > now;
  return {
    checkIn: canCheckIn,
    checkInOpensAt: active && !b.checkedIn && now < window.opensAt ? window.opensAt.toISOString() : null,
    end: running,
    extend: running,
    edit: owner && active && !b.checkedIn && new Date(b.startTime) > now,
    cancel,
    cancelSeries: cancel && b.seriesId !== null,
  };
}

function BookingItem({
  booking: b,
  user,
  settings,
  now,
  room,
}: {
  booking: Booking;
  user: AuthUser;
  settings: Settings;
  now: Date;
  room: { zone: string; capacity: number; building: string } | undefined;
}) {
  const zone = room?.zone ?? settings.timezone;
  const status = STATUS_WORDS[b.status];
  // Ended early: the range stops when it ended. A meeting checked in early and ended before its start (check-in
  // opens before the start, DOMAIN §2) keeps its scheduled range and says when it ended, not "10:00–09:55".
  const endedBeforeStart = b.endedAt !== null && b.endedAt <= b.startTime;
  const end = b.endedAt && b.endedAt < b.endTime && !endedBeforeStart ? b.endedAt : b.endTime;
  const running = b.status === "confirmed" && b.checkedIn && new Date(b.endTime) > now && !b.endedAt;
  return (
    <li>
      <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="booking" data-booking-id={b.id}>
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{b.title}</h3>
            <Badge tone={status.tone}>{status.label}</Badge>
            {running && (
              <Badge tone="success">
                <StaticIcon icon={CheckCircle2} /> In progress
              </Badge>
            )}
            {b.status === "confirmed" && b.checkedIn && !running && <Badge tone="success">Checked in</Badge>}
            {b.seriesId && <Badge tone="neutral">Series</Badge>}
          </div>
          <p className="text-sm text-slate-800" data-testid="booking-when">
            {formatDate(b.startTime, zone)}, {formatRange(b.startTime, end, zone)}
            {endedBeforeStart && b.endedAt && ` · ended at ${formatTime(b.endedAt, zone)}, before its start`}
            <ZoneNote zone={zone} />
          </p>
          <p className="flex flex-wrap gap-x-4 text-sm text-slate-700">
            <Link href={`/rooms/${b.roomId}?date=${localDateOf(b.startTime, zone)}`} prefetch={false} className="flex items-center gap-1 text-indigo-700 hover:underline">
              <StaticIcon icon={MapPin} className="size-4" /> {b.roomName}
              {room ? `, ${room.building}` : ""}
            </Link>
            <span className="flex items-center gap-1">
              <StaticIcon icon={Users} className="size-4 text-slate-500" />
              {b.organizer.id === user.id ? "You organise" : `By ${b.organizer.name}`}
              {b.attendees.length > 0 && ` · ${b.attendees.length} invited`}
            </span>
          </p>
        </div>
        <BookingActions
          booking={{ id: b.id, title: b.title, organizerId: b.organizer.id }}
          room={{ id: b.roomId, name: b.roomName, capacity: room?.capacity ?? 1, zone }}
          allowed={allowedActions(b, user, settings, now)}
          draft={{
            date: localDateOf(b.startTime, zone),
            start: formatTime(b.startTime, zone),
            end: formatTime(b.endTime, zone),
            title: b.title,
            description: b.description,
            attendees: b.attendees,
          }}
        />
      </Card>
    </li>
  );
}
