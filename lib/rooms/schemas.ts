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

export const createRoomInput = z
  .object({
    name,
    buildingId: z.uuid({ error: "must be the id of a building" }),
    floor: z.number({ error: "must be a number" }).int("must be a whole number").min(-10).max(200),
    capacity: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1–1000").max(1000, "must be 1–1000"),
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
    floors: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1–200").max(200, "must be 1–200"),
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

/** CONTRACT §2 `Room`. */
export interface Room {
  id: string;
  name: string;
  building: string;
  buildingId: string;
  floor: number;
  capacity: number;
  amenities: string[];
  status: RoomStatus;
  imageUrl: string | null;
}

export interface Building {
  id: string;
  name: string;
  address: string | null;
  timezone: string;
  floors: number;
}
