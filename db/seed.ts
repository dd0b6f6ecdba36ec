import crypto from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "./client";
import { bookingAttendees, bookings, buildings, rooms, users, type Amenity, type BookingStatus } from "./schema";

export const DEMO_ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo", name: "Avery Admin" };
export const DEMO_USER_PASSWORD = "circle-time-demo";

const BUILDINGS = [
  { name: "Berlin HQ", address: "Friedrichstraße 68, 10117 Berlin", timezone: "Europe/Berlin", floors: 4 },
  { name: "New York Office", address: "350 5th Ave, New York, NY 10118", timezone: "America/New_York", floors: 3 },
];

type RoomSeed = { building: string; name: string; floor: number; capacity: number; amenities: Amenity[]; maintenance?: boolean };
const ROOMS: RoomSeed[] = [
  { building: "Berlin HQ", name: "Spree", floor: 0, capacity: 4, amenities: ["tv_display", "whiteboard"] },
  { building: "Berlin HQ", name: "Havel", floor: 0, capacity: 6, amenities: ["tv_display", "video_conference"] },
  { building: "Berlin HQ", name: "Tiergarten", floor: 1, capacity: 12, amenities: ["projector", "whiteboard", "video_conference", "air_conditioning"] },
  { building: "Berlin HQ", name: "Kreuzberg", floor: 1, capacity: 8, amenities: ["tv_display", "whiteboard"] },
  { building: "Berlin HQ", name: "Mitte", floor: 1, capacity: 2, amenities: ["phone"] },
  { building: "Berlin HQ", name: "Wannsee", floor: 2, capacity: 20, amenities: ["projector", "video_conference", "air_conditioning", "phone"] },
  { building: "Berlin HQ", name: "Pankow", floor: 2, capacity: 4, amenities: ["whiteboard"] },
  { building: "Berlin HQ", name: "Moabit", floor: 2, capacity: 6, amenities: ["tv_display", "phone"] },
  { building: "Berlin HQ", name: "Grunewald", floor: 3, capacity: 16, amenities: ["projector", "whiteboard", "air_conditioning"] },
  { building: "Berlin HQ", name: "Tempelhof", floor: 3, capacity: 10, amenities: ["video_conference", "tv_display"], maintenance: true },
  { building: "Berlin HQ", name: "Charlottenburg", floor: 3, capacity: 8, amenities: ["video_conference", "whiteboard", "tv_display"] },
  { building: "Berlin HQ", name: "Neukölln", floor: 0, capacity: 3, amenities: ["phone", "tv_display"] },
  { building: "New York Office", name: "Hudson", floor: 1, capacity: 10, amenities: ["projector", "video_conference", "whiteboard"] },
  { building: "New York Office", name: "Brooklyn", floor: 1, capacity: 6, amenities: ["tv_display", "video_conference"] },
  { building: "New York Office", name: "Queens", floor: 1, capacity: 4, amenities: ["whiteboard"] },
  { building: "New York Office", name: "Harlem", floor: 2, capacity: 8, amenities: ["tv_display", "phone", "air_conditioning"] },
  { building: "New York Office", name: "SoHo", floor: 2, capacity: 2, amenities: ["phone"] },
  { building: "New York Office", name: "Tribeca", floor: 2, capacity: 14, amenities: ["projector", "video_conference", "air_conditioning"] },
  { building: "New York Office", name: "Chelsea", floor: 3, capacity: 24, amenities: ["projector", "video_conference", "whiteboard", "air_conditioning", "phone"] },
  { building: "New York Office", name: "Midtown", floor: 3, capacity: 6, amenities: ["tv_display", "whiteboard"] },
  { building: "New York Office", name: "Battery", floor: 3, capacity: 4, amenities: ["video_conference"] },
  { building: "New York Office", name: "Flatiron", floor: 2, capacity: 12, amenities: ["tv_display", "whiteboard", "video_conference"] },
];

const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Design"];
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Mara", "Noah", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Xavi", "Yara", "Zoe", "Alex", "Bea", "Carl", "Dina", "Emil", "Fatima"];
const LAST = ["Lovelace", "Okafor", "Martin", "Patel", "Rossi", "Haddad", "Hopper", "Tanaka", "García", "Weber", "Adeyemi", "Murphy", "Novak", "Fischer", "Bello", "Sharma", "Kim", "Silva", "Nieminen", "Singh", "Aziz", "Petrova", "Li", "Ruiz", "Cohen", "Dubois", "Jensen", "Berg", "Larsen", "Mensah", "Schulz", "Khan"];
const TITLES: Record<string, string[]> = {
  Engineering: ["Sprint planning", "Architecture review", "Incident retro", "1:1", "Design doc review", "Standup"],
  Sales: ["Pipeline review", "Customer call", "Deal strategy", "QBR prep", "Demo rehearsal"],
  Marketing: ["Campaign sync", "Content planning", "Brand workshop", "Launch review"],
  Finance: ["Budget review", "Month-end close", "Forecast sync", "Audit prep"],
  People: ["Interview", "Onboarding", "Team offsite planning", "Performance calibration"],
  Design: ["Design critique", "User research readout", "Workshop", "Prototype review"],
};

/** A small deterministic generator, so the demo data is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedReport {
  buildings: number;
  rooms: number;
  users: number;
  bookingsCreated: number;
}

/**
 * Demo data for every screen: 2 buildings in different time zones, 22 rooms, 32 people in 6 departments,
 * 90 days of history with mid-week and mid-morning peaks, ~20% no-shows, early endings, cancellations and
 * attendee counts that do not always fit the room, plus 14 days ahead. Idempotent: existing rows are kept.
 */
export async function seedDemoData(db: Db, now = new Date()): Promise<SeedReport> {
  const rand = prng(20261124);

  await db.insert(buildings).values(BUILDINGS).onConflictDoNothing();
  const buildingRows = await db.select().from(buildings).where(inArray(buildings.name, BUILDINGS.map((b) => b.name)));
  const buildingByName = new Map(buildingRows.map((b) => [b.name, b]));

  await db
    .insert(rooms)
    .values(
      ROOMS.map((r, i) => ({
        buildingId: buildingByName.get(r.building)!.id,
        name: r.name,
        floor: r.floor,
        capacity: r.capacity,
        amenities: r.amenities,
        maintenance: r.maintenance ?? false,
        imageUrl: null,
        mapX: null,
        mapY: null,
        mapWidth: null,
        mapHeight: null,
        createdAt: new Date(now.getTime() - (120 - i) * 86_400_000),
      })),
    )
    .onConflictDoNothing();
  const roomRows = await db
    .select()
    .from(rooms)
    .where(inArray(rooms.buildingId, buildingRows.map((b) => b.id)));

  const people = FIRST.map((first, i) => ({
    name: `${first} ${LAST[i]}`,
    email: `${first.toLowerCase()}.${LAST[i].toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}@circletime.dev`,
    department: DEPARTMENTS[i % DEPARTMENTS.length],
  }));
  const existingEmails = new Set(
    (
      await db
        .select({ email: users.email })
        .from(users)
        .where(inArray(sql`lower(${users.email})`, [DEMO_ADMIN.email, ...people.map((p) => p.email)]))
    ).map((u) => u.email.toLowerCase()),
  );
  const newUsers = [];
  if (!existingEmails.has(DEMO_ADMIN.email)) {
    newUsers.push({ ...DEMO_ADMIN, role: "admin" as const, department: "People", passwordHash: await hashPassword(DEMO_ADMIN.password) });
  }
  for (const p of people.filter((p) => !existingEmails.has(p.email))) {
    newUsers.push({ ...p, role: "user" as const, passwordHash: await hashPassword(DEMO_USER_PASSWORD) });
  }
  if (newUsers.length) {
    await db
      .insert(users)
      .values(newUsers.map(({ email, name, role, department, passwordHash }) => ({ email, name, role, department, passwordHash })))
      .onConflictDoNothing();
  }
  const userRows = await db
    .select()
    .from(users)
    .where(inArray(sql`lower(${users.email})`, [DEMO_ADMIN.email, ...people.map((p) => p.email)]));

  const [{ existing }] = await db
    .select({ existing: sql<number>`count(*)::int` })
    .from(bookings)
    .where(inArray(bookings.roomId, roomRows.map((r) => r.id)));
  let bookingsCreated = 0;
  if (Number(existing) === 0) {
    const generated = generateBookings(roomRows, buildingRows, userRows, now, rand);
    await db.transaction(async (tx) => {
      for (let i = 0; i < generated.bookings.length; i += 500) {
        await tx.insert(bookings).values(generated.bookings.slice(i, i + 500));
      }
      for (let i = 0; i < generated.attendees.length; i += 1000) {
        await tx.insert(bookingAttendees).values(generated.attendees.slice(i, i + 1000));
      }
    });
    bookingsCreated = generated.bookings.length;
  }
  return { buildings: buildingRows.length, rooms: roomRows.length, users: userRows.length, bookingsCreated };
}

type NewBooking = typeof bookings.$inferInsert;

function generateBookings(
  roomRows: (typeof rooms.$inferSelect)[],
  buildingRows: (typeof buildings.$inferSelect)[],
  userRows: (typeof users.$inferSelect)[],
  now: Date,
  rand: () => number,
): { bookings: NewBooking[]; attendees: { bookingId: string; userId: string }[] } {
  const out: NewBooking[] = [];
  const attendees: { bookingId: string; userId: string }[] = [];
  const zoneOf = new Map(buildingRows.map((b) => [b.id, b.timezone]));
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  // Mid-week peak (Mon…Fri) and mid-morning peak (08:00…17:30 in half hours).
  const dayWeight = [0, 0.55, 0.85, 0.95, 0.85, 0.45, 0.04, 0.02];
  const hourWeight: Record<number, number> = { 8: 0.25, 9: 0.6, 10: 1, 11: 0.85, 12: 0.3, 13: 0.55, 14: 0.7, 15: 0.6, 16: 0.4, 17: 0.15 };

  for (const room of roomRows) {
    const zone = zoneOf.get(room.buildingId)!;
    const popularity = 0.45 + rand() * 0.55;
    const today = DateTime.fromJSDate(now, { zone }).startOf("day");
    for (let offset = -90; offset <= 14; offset++) {
      const day = today.plus({ days: offset });
      let cursor = day.set({ hour: 8 });
      const close = day.set({ hour: 18 });
      while (cursor < close) {
        const chance = dayWeight[day.weekday] * (hourWeight[cursor.hour] ?? 0) * popularity * 0.55;
        if (rand() >= chance) {
          cursor = cursor.plus({ minutes: 30 });
          continue;
        }
        const duration = pick([30, 30, 60, 60, 60, 90, 120]);
        const end = cursor.plus({ minutes: duration });
        if (end > close) break;
        const organizer = pick(userRows);
        const start = cursor.toJSDate();
        const endDate = end.toJSDate();
        const id = crypto.randomUUID();
        const invited = new Set<string>();
        const wanted = Math.floor(rand() * 4);
        for (let k = 0; k < wanted; k++) {
          const u = pick(userRows);
          if (u.id !== organizer.id) invited.add(u.id);
        }
        const booking: NewBooking = {
          id,
          roomId: room.id,
          organizerId: organizer.id,
          title: pick(TITLES[organizer.department ?? "Engineering"] ?? TITLES.Engineering),
          startTime: start,
          endTime: endDate,
          attendeeCount: Math.max(1 + invited.size, attendeeCountFor(room.capacity, rand)),
          createdAt: new Date(start.getTime() - (1 + Math.floor(rand() * 10)) * 86_400_000),
          ...outcome(start, endDate, now, rand),
        };
        out.push(booking);
        for (const userId of invited) attendees.push({ bookingId: id, userId });
        cursor = end.plus({ minutes: pick([0, 0, 30, 60]) });
      }
    }
  }
  return { bookings: out, attendees };
}

/** Mostly a fitting group, sometimes far too few people for the room, sometimes too many. */
function attendeeCountFor(capacity: number, rand: () => number): number {
  const r = rand();
  if (r < 0.1) return capacity + 1 + Math.floor(rand() * 4);
  if (r < 0.35) return Math.max(1, Math.floor((capacity / 2 - 0.5) * rand()) || 1);
  return Math.max(1, Math.ceil(capacity * (0.5 + rand() * 0.5)));
}

/** The lifecycle state a booking would have reached by `now` (DOMAIN §2). */
function outcome(start: Date, end: Date, now: Date, rand: () => number): Partial<NewBooking> {
  const minute = 60_000;
  const r = rand();
  if (start > now) {
    return r < 0.04
      ? { status: "cancelled" as BookingStatus, cancelledAt: new Date(start.getTime() - 86_400_000) }
      : { status: "confirmed" };
  }
  if (r < 0.06) return { status: "cancelled", cancelledAt: new Date(start.getTime() - 3 * 3600_000) };
  const checkedInAt = new Date(start.getTime() + Math.floor(rand() * 12 - 4) * minute);
  if (end <= now) {
    if (r < 0.26) {
      return { status: "no_show", endedAt: new Date(Math.min(start.getTime() + 15 * minute, end.getTime())) };
    }
    if (r < 0.36) {
      const used = Math.max(10, Math.floor(((end.getTime() - start.getTime()) / minute) * (0.3 + rand() * 0.5)));
      return { status: "completed", checkedInAt, endedAt: new Date(start.getTime() + Math.ceil(used / 5) * 5 * minute) };
    }
    return { status: "completed", checkedInAt };
  }
  // Running now: checked in, or still inside its check-in window.
  if (now.getTime() - start.getTime() < 10 * minute) return { status: "confirmed" };
  return { status: "confirmed", checkedInAt: checkedInAt > now ? now : checkedInAt };
}
