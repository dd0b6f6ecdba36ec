/**
 * Issue 10, "Done when": hostile values sent to every endpoint (every `app/api/**\/route.ts`, found on disk, so
 * endpoints added later are fuzzed too) and every method it exports. Whatever comes in, the answer is never a 5xx,
 * and every error is the envelope of CONTRACT §0 (`success: false`, a `message`, a `code`). The fields fuzzed are
 * the ones the endpoint's zod input schemas declare (read from the OpenAPI document generated from them; every
 * field name the API knows when an endpoint is not documented). Bodies are a plausible request with one or two
 * fields replaced by hostile values, so that the hostile value gets past the other checks to the service and SQL.
 * FUZZ_RUNS (default 60) and FUZZ_SEED change the number of cases and the sequence.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestBuilding, createTestRoom } from "../fixtures/rooms";
import { insertBooking } from "../fixtures/bookings";
import { createTestUser, resetDatabase, type TestUser } from "../helpers";
import type { Handler } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

// Characters that broke something once: NUL and other controls, zero-width and format characters, lone surrogates.
const nastyChar = fc.constantFrom("\u0000", "\u0007", "\u001F", "\n", "\r", "\t", "\u007F", "\u200B", "\uFEFF", "\u202E", "\ud800", "\udc00", " ", "a", "é", "🎉", "%", "'", "\\");
const hostileString = fc.oneof(
  { arbitrary: fc.string({ unit: nastyChar, minLength: 1, maxLength: 12 }), weight: 3 },
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "Team\u0000sync", "a\u0000b", "\u0007bell", "line\nbreak", "\u200B\u200B", " \uFEFF ", "\ud800", "\udfff lone",
    "", " ", "x".repeat(5000), "🎉".repeat(300), "%00", "%FF", "../../etc/passwd", "<script>alert(1)</script>",
    "' or 1=1 --", "\\", "__proto__", "constructor", "null", "NaN", "-1", "1e999",
    "9999-12-31", "10000-01-01", "0000-01-01", "1999-12-31", "2027-02-29", "2027-13-01", "2027-03-28",
    "9999-12-31T23:59", "10000-01-01T00:00", "+010000-01-01T00:00:00Z", "2027-03-28T02:30", "2027-10-31T02:30",
    "2027-01-11T10:00:00+14:00", "2027-01-11T10:00:00-12:00", "2027-01-11T24:00", "2027-01-11T10:00:00+99:99",
    "UTC+5", "local", "system", "US/Pacific-New", "Etc/GMT+5", "EST5EDT", "posixrules", "Europe/Berlin",
    "00000000-0000-0000-0000-000000000000", "not-a-uuid",
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.constantFrom(0, -1, 1, 15, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, true, false, null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** Every field name the API reads, in bodies and query strings. */
const FIELDS = [
  "title", "description", "startTime", "endTime", "roomId", "attendeeIds", "attendeeCount", "recurrence", "skipConflicts",
  "minutes", "name", "address", "timezone", "floors", "floor", "capacity", "amenities", "imageUrl", "maintenance",
  "buildingId", "email", "password", "role", "department", "active", "refresh", "orgName", "checkinWindowMinutes",
  "autoReleaseMinutes", "businessDays", "businessStart", "businessEnd", "minBookingMinutes", "maxBookingMinutes",
  "bookingHorizonDays", "code", "search", "from", "to", "date", "status", "userId", "scope", "includeCancelled",
  "availableFrom", "availableTo", "minCapacity", "building", "frequency", "interval", "byWeekday", "until", "count",
  "category", "deviceName", "token", "x", "y", "width", "height",
];

let admin: TestUser;
let other: TestUser;
let ids: Record<string, string>;

function plausibleBody(): Record<string, unknown> {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 48 * 3_600_000);
  return {
    roomId: ids.roomId,
    title: "Fuzzed",
    description: "Agenda",
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 3_600_000).toISOString(),
    attendeeIds: [other.id],
    minutes: 15,
    name: "Fuzz room",
    buildingId: ids.buildingId,
    timezone: "Europe/Berlin",
    floors: 3,
    floor: 1,
    capacity: 4,
    email: `fuzz-${crypto.randomBytes(4).toString("hex")}@example.com`,
    password: "a-long-enough-password",
    orgName: "Circle Time",
  };
}

/** The query and body field names of each documented operation, e.g. "post /api/bookings". */
function documentedFields(): Map<string, { query: string[]; body: string[] }> {
  type Operation = { parameters?: { name?: string; in?: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } };
  const doc = openApiDocument() as unknown as { paths?: Record<string, Record<string, Operation>> };
  const fields = new Map<string, { query: string[]; body: string[] }>();
  for (const [apiPath, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const query = (op.parameters ?? []).filter((p) => p.in === "query" && p.name).map((p) => p.name!);
      const body = Object.keys(op.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
      fields.set(`${method} ${apiPath}`, { query, body });
    }
  }
  return fields;
}

const requestArb = (queryNames: string[], bodyNames: string[]) => fc.record({
  paramMode: fc.constantFrom("real", "real", "hostile"),
  paramValue: hostileString,
  query: fc.dictionary(fc.constantFrom(...queryNames), hostileString, { maxKeys: 2 }),
  fields: fc.dictionary(fc.constantFrom(...bodyNames), fc.oneof({ arbitrary: hostileString, weight: 2 }, hostileValue), { minKeys: 1, maxKeys: 2 }),
  bodyKind: fc.constantFrom("plausible", "plausible", "plausible", "hostile-json", "raw"),
  raw: fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.constantFrom("{", "[]", "null", "1", '"x"', "{\"a\":\u0000}")),
  rawBody: hostileValue,
});

function realParam(name: string): string {
  if (name === "bookingId") return ids.bookingId;
  if (name === "roomId") return ids.roomId;
  if (name === "buildingId") return ids.buildingId;
  if (name === "id") return other.id;
  if (name === "floor") return "1";
  return "x";
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createTestUser({ role: "admin" });
  other = await createTestUser();
  const building = await createTestBuilding({ timezone: "America/Los_Angeles" });
  const room = await createTestRoom({ buildingId: building.id });
  const booking = await insertBooking({ roomId: room.id, organizerId: admin.id, startInMinutes: -5, durationMinutes: 60, checkedIn: true });
  ids = { roomId: room.id, buildingId: building.id, bookingId: booking.id };
});

const files = routeFiles(path.join(ROOT, "app", "api")).sort();
const documented = documentedFields();

describe("fuzz: every endpoint, hostile input, never a 5xx, always the envelope", () => {
  it("finds the endpoints", () => {
    expect(files.length).toBeGreaterThan(15);
  });

  for (const file of files) {
    const route = path.relative(path.join(ROOT, "app"), path.dirname(file)).replaceAll(path.sep, "/");
    const paramNames = [...route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
    it(`/${route}`, async () => {
      const handlers = (await import(file)) as Record<string, Handler | undefined>;
      for (const method of METHODS) {
        const handler = handlers[method];
        if (!handler) continue;
        const known = documented.get(`${method.toLowerCase()} /${route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}")}`);
        const queryNames = known?.query.length ? known.query : FIELDS;
        const bodyNames = known?.body.length ? known.body : FIELDS;
        await fc.assert(
          fc.asyncProperty(requestArb(queryNames, bodyNames), async (r) => {
            const params: Record<string, string> = {};
            for (const name of paramNames) params[name] = r.paramMode === "real" ? realParam(name) : r.paramValue;
            const urlPath = "/" + route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name].toWellFormed()));
            const query = new URLSearchParams(r.query).toString();
            const headers: Record<string, string> = { authorization: `Bearer ${admin.token}`, "x-circle-time-peer": "127.0.0.1" };
            let body: BodyInit | undefined;
            if (method !== "GET") {
              headers["content-type"] = "application/json";
              if (r.bodyKind === "plausible") body = JSON.stringify({ ...plausibleBody(), ...r.fields });
              else if (r.bodyKind === "hostile-json") body = JSON.stringify(r.rawBody) ?? "null";
              else body = r.raw;
            }
            const req = new Request(`http://localhost:3000${urlPath}${query ? `?${query}` : ""}`, { method, headers, body });
            const res = await handler(req, { params: Promise.resolve(params) });
            // A live stream (the door tablet's events) never ends: its status and headers are the answer.
            const streaming = (res.headers.get("content-type") ?? "").startsWith("text/event-stream");
            if (streaming) await res.body?.cancel();
            const text = streaming ? "" : await res.text();
            const label = `${method} ${urlPath}?${query} ${typeof body === "string" ? body.slice(0, 300) : ""} → ${res.status} ${text.slice(0, 300)}`;
            expect(res.status, label).toBeLessThan(500);
            if (res.status >= 400) {
              const json = JSON.parse(text);
              expect(json, label).toMatchObject({ success: false, message: expect.any(String), code: expect.any(String) });
            }
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261129), endOnFailure: true },
        );
      }
    });
  }
});
