import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation, uuidParams } from "@/lib/openapi/operation";
import {
  availabilityQuery,
  availabilitySlot,
  building,
  createBuildingInput,
  createRoomInput,
  floorPlan,
  listRoomsQuery,
  room,
  updateBuildingInput,
  updateRoomInput,
} from "./schemas";

const deleted = z.object({ deleted: z.literal(true) });

/** CONTRACT §2: the paths of the rooms domain (rooms, buildings, floor maps, availability). */
export const roomsPaths: ZodOpenApiPathsObject = {
  "/api/rooms": {
    get: operation({
      id: "listRooms",
      summary: "Find rooms",
      description:
        "Ordered by building, floor, name. `status` filters on the status computed now (DOMAIN §3). " +
        "`availableFrom` + `availableTo` keep rooms with no active booking overlapping that interval (a time without offset is local to each room's building). " +
        "V1's snake_case names are accepted too: `min_capacity`, `searchQuery`, `available_from`, `available_to`.",
      tags: ["Rooms"],
      auth: "user",
      query: listRoomsQuery,
      success: { description: "The matching rooms.", data: z.array(room) },
    }),
    post: operation({
      id: "createRoom",
      summary: "Create a room",
      tags: ["Rooms"],
      auth: "admin",
      body: createRoomInput,
      bodyExample: { name: "Turing", buildingId: "b1d7e2c4-8a3f-4e6b-9c0d-1a2b3c4d5e6f", floor: 2, capacity: 8, amenities: ["projector"] },
      success: { status: 201, description: "The new room.", data: room },
      errors: { 409: "A room of that name exists in the building." },
    }),
  },
  "/api/rooms/{roomId}": {
    get: operation({
      id: "getRoom",
      summary: "A room",
      tags: ["Rooms"],
      auth: "user",
      path: uuidParams("roomId"),
      success: { description: "The room with its live status.", data: room },
    }),
    patch: operation({
      id: "updateRoom",
      summary: "Edit a room (any field of create; `maintenance` on or off)",
      tags: ["Rooms"],
      auth: "admin",
      path: uuidParams("roomId"),
      body: updateRoomInput,
      bodyExample: { maintenance: true },
      success: { description: "The updated room.", data: room },
      errors: { 409: "A room of that name exists in the building." },
    }),
    delete: operation({
      id: "deleteRoom",
      summary: "Delete a room",
      tags: ["Rooms"],
      auth: "admin",
      path: uuidParams("roomId"),
      success: { description: "Deleted.", data: deleted, example: { deleted: true } },
      errors: { 409: "The room has active or upcoming bookings." },
    }),
  },
  "/api/rooms/{roomId}/availability": {
    get: operation({
      id: "getRoomAvailability",
      summary: "A room's business-hours day in 30-minute slots",
      description: "`free` = no active booking overlaps the slot (none is free in maintenance). A day outside the business days has no slots.",
      tags: ["Rooms"],
      auth: "user",
      path: uuidParams("roomId"),
      query: availabilityQuery,
      success: { description: "The slots in order.", data: z.array(availabilitySlot) },
    }),
  },
  "/api/buildings": {
    get: operation({
      id: "listBuildings",
      summary: "List buildings",
      tags: ["Buildings"],
      auth: "user",
      success: { description: "Every building.", data: z.array(building) },
    }),
    post: operation({
      id: "createBuilding",
      summary: "Create a building",
      tags: ["Buildings"],
      auth: "admin",
      body: createBuildingInput,
      bodyExample: { name: "Berlin HQ", address: "Friedrichstraße 68, 10117 Berlin", timezone: "Europe/Berlin", floors: 4 },
      success: { status: 201, description: "The new building.", data: building },
      errors: { 409: "A building of that name exists." },
    }),
  },
  "/api/buildings/{buildingId}": {
    get: operation({
      id: "getBuilding",
      summary: "A building",
      tags: ["Buildings"],
      auth: "user",
      path: uuidParams("buildingId"),
      success: { description: "The building.", data: building },
    }),
    patch: operation({
      id: "updateBuilding",
      summary: "Edit a building",
      tags: ["Buildings"],
      auth: "admin",
      path: uuidParams("buildingId"),
      body: updateBuildingInput,
      bodyExample: { floors: 5 },
      success: { description: "The updated building.", data: building },
      errors: { 400: "Invalid input, or fewer floors than its rooms use.", 409: "A building of that name exists." },
    }),
    delete: operation({
      id: "deleteBuilding",
      summary: "Delete a building",
      tags: ["Buildings"],
      auth: "admin",
      path: uuidParams("buildingId"),
      success: { description: "Deleted.", data: deleted, example: { deleted: true } },
      errors: { 409: "The building still has rooms." },
    }),
  },
  "/api/buildings/{buildingId}/floors/{floor}": {
    get: operation({
      id: "getFloorPlan",
      summary: "A floor map with live room statuses",
      tags: ["Buildings"],
      auth: "user",
      path: uuidParams("buildingId").extend({ floor: z.string().regex(/^-?\d{1,3}$/).meta({ description: "Floor number, e.g. 2 or -1." }) }),
      success: { description: "The floor's rooms as rectangles.", data: floorPlan },
      errors: { 400: "The floor is not a whole number.", 404: "No such building, or the building has no such floor." },
    }),
  },
};
