import { z } from "zod";
import { AMENITIES } from "@/db/schema";
import { date, dateTime, text, timeZone } from "@/lib/input";

export const ROOM_STATUSES = ["available", "occupied", "reserved", "maintenance"] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

const amenityList = z
  .string()
  .transform((s) => s.split(",").map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(z.enum(AMENITIES, { error: `must be among ${AMENITIES.join(", ")}` })));

const wholeNumber = (what: string) =>
  z
    .string()
    .regex(/^-?\d{1,6}$/, `must be a whole number${what}`)
    .transform(Number);

export const listRoomsQuery = z
  .object({
    search: text({ max: 200, required: false }).optional(),
    building: text({ max: 200 }).optional(),
    floor: wholeNumber("").optional(),
    minCapacity: wholeNumber(" of people").optional(),
    amenities: amenityList.optional(),
    status: z.enum(ROOM_STATUSES, { error: `must be one of ${ROOM_STATUSES.join(", ")}` }).optional(),
    availableFrom: dateTime.optional(),
    availableTo: dateTime.optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.availableFrom === undefined) !== (q.availableTo === undefined)) {
      const missing = q.availableFrom === undefined ? "availableFrom" : "availableTo";
      ctx.addIssue({ code: "custom", message: "availableFrom and availableTo go together", path: [missing] });
    }
  });

export const availabilityQuery = z.object({
  date,
});

const name = text({ max: 120 });
const imageUrl = text({ max: 500 })
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
  .nullable();

/** A JSON number field: missing → "is required" (what a form left empty sends), anything else not a number → "must be a number". */
const aNumber = () => z.number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") });

export const createRoomInput = z
  .object({
    name,
    buildingId: z.uuid({ error: "must be the id of a building" }),
    floor: aNumber().int("must be a whole number").min(-10).max(200),
    capacity: aNumber().int("must be a whole number").min(1, "must be 1–1000").max(1000, "must be 1–1000"),
    amenities: z
      .array(z.enum(AMENITIES, { error: `must be among ${AMENITIES.join(", ")}` }))
      .refine((a) => new Set(a).size === a.length, "must not repeat an amenity")
      .default([]),
    imageUrl: imageUrl.optional(),
    maintenance: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict();

export const updateRoomInput = createRoomInput
  .partial()
  .extend({ amenities: createRoomInput.shape.amenities.removeDefault().optional(), maintenance: z.boolean({ error: "must be true or false" }).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "at least one field is required" });

export const createBuildingInput = z
  .object({
    name,
    address: text({ max: 300, required: false }).nullable().optional(),
    timezone: timeZone,
    floors: aNumber().int("must be a whole number").min(1, "must be 1–200").max(200, "must be 1–200"),
  })
  .strict();

export const updateBuildingInput = createBuildingInput
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "at least one field is required" });

export type ListRoomsQuery = z.infer<typeof listRoomsQuery>;
export type CreateRoomInput = z.infer<typeof createRoomInput>;
export type UpdateRoomInput = z.infer<typeof updateRoomInput>;
export type CreateBuildingInput = z.infer<typeof createBuildingInput>;
export type UpdateBuildingInput = z.infer<typeof updateBuildingInput>;

const ROOM_ID = "3f6c1a8e-2b7d-4c59-9e0a-5d8b7f1c2a34";
const BUILDING_ID = "b1d7e2c4-8a3f-4e6b-9c0d-1a2b3c4d5e6f";

/** CONTRACT §2 `Room`: `status` is computed at request time (DOMAIN §3). */
export const room = z
  .object({
    id: z.uuid(),
    name: z.string(),
    building: z.string().meta({ description: "The building's name." }),
    buildingId: z.uuid(),
    floor: z.int(),
    capacity: z.int().meta({ description: "Seats." }),
    amenities: z.array(z.enum(AMENITIES)),
    status: z.enum(ROOM_STATUSES),
    imageUrl: z.string().nullable(),
  })
  .meta({
    id: "Room",
    description: "A meeting room with its live status (CONTRACT §2, DOMAIN §3).",
    example: {
      id: ROOM_ID,
      name: "Turing",
      building: "Berlin HQ",
      buildingId: BUILDING_ID,
      floor: 2,
      capacity: 8,
      amenities: ["projector", "video_conference"],
      status: "available",
      imageUrl: null,
    },
  });
export type Room = z.infer<typeof room>;

/** A building: rooms take its IANA time zone as their local time (DOMAIN §1). */
export const building = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string().nullable(),
    timezone: z.string().meta({ description: "IANA time zone, the local time of its rooms." }),
    floors: z.int(),
  })
  .meta({
    id: "Building",
    example: { id: BUILDING_ID, name: "Berlin HQ", address: "Friedrichstraße 68, 10117 Berlin", timezone: "Europe/Berlin", floors: 4 },
  });
export type Building = z.infer<typeof building>;

/** ext availability: one 30-minute slot of the room's business-hours day. */
export const availabilitySlot = z
  .object({ startTime: z.iso.datetime(), endTime: z.iso.datetime(), free: z.boolean() })
  .meta({ id: "AvailabilitySlot", example: { startTime: "2026-03-02T07:00:00.000Z", endTime: "2026-03-02T07:30:00.000Z", free: true } });

/** ext floor map: one floor's rooms as rectangles (map units) with their live status. */
export const floorPlan = z
  .object({
    buildingId: z.uuid(),
    floorNumber: z.int(),
    width: z.number(),
    height: z.number(),
    rooms: z.array(
      z.object({
        roomId: z.uuid(),
        name: z.string(),
        x: z.number(),
        y: z.number(),
        width: z.number(),
        height: z.number(),
        status: z.enum(ROOM_STATUSES),
      }),
    ),
  })
  .meta({
    id: "FloorPlan",
    example: {
      buildingId: BUILDING_ID,
      floorNumber: 2,
      width: 1000,
      height: 200,
      rooms: [{ roomId: ROOM_ID, name: "Turing", x: 20, y: 20, width: 200, height: 110, status: "occupied" }],
    },
  });
