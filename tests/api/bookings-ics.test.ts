import { beforeEach, describe, expect, it } from "vitest";
import * as icsRoute from "@/app/api/bookings/[bookingId]/ics/route";
import { insertBooking } from "../fixtures/bookings";
import { insertDevice } from "../fixtures/devices";
import { createTestRoom } from "../fixtures/rooms";
import { createTestUser, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

/** Like `call`, but keeps the body as text: a calendar file is not JSON. */
async function download(id: string, token?: string, method = "GET") {
  const req = new Request(`http://localhost:3000/api/bookings/${id}/ics`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const handler = (icsRoute as unknown as Record<string, (r: Request, c: unknown) => Promise<Response>>)[method];
  const res = await handler(req, { params: Promise.resolve({ bookingId: id }) });
  const text = await res.text();
  const isJson = res.headers.get("content-type")?.includes("json");
  return { status: res.status, headers: res.headers, text, json: isJson ? JSON.parse(text) : null };
}

describe("GET /api/bookings/{bookingId}/ics (add to calendar)", () => {
  it("answers an RFC 5545 calendar file with the booking as an event, to any signed-in person", async () => {
    const organizer = await createTestUser({ name: "Olga Organizer" });
    const colleague = await createTestUser();
    const room = await createTestRoom({ name: "Orion", timezone: "America/Los_Angeles" });
    const booking = await insertBooking({ roomId: room.id, organizerId: organizer.id, startInMinutes: 24 * 60, durationMinutes: 45, title: "Quarterly review, Q3" });

    const res = await download(booking.id, colleague.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Quarterly-review-Q3.ics"');
    const text = res.text;
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("METHOD:PUBLISH");
    expect(text).toContain(`UID:${booking.id}@circletime`);
    expect(text).toContain("SUMMARY:Quarterly review\\, Q3");
    const utc = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    expect(text).toContain(`DTSTART:${utc(booking.startTime)}`);
    expect(text).toContain(`DTEND:${utc(booking.endTime)}`);
    expect(text).toMatch(/LOCATION:Orion\\, /);
    expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  });

  it("401 without a token, 404 for an unknown or malformed id, 403 for another room's tablet, 405 for POST", async () => {
    const organizer = await createTestUser();
    const room = await createTestRoom();
    const other = await createTestRoom();
    const booking = await insertBooking({ roomId: room.id, organizerId: organizer.id, startInMinutes: 60 });
    expect((await download(booking.id)).status).toBe(401);
    const unknown = await download("00000000-0000-4000-8000-000000000000", organizer.token);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ success: false, code: "not_found" });
    expect((await download("not-a-uuid", organizer.token)).status).toBe(404);
    const tablet = await insertDevice(other.id);
    expect((await download(booking.id, tablet.token)).json).toMatchObject({ success: false, code: "forbidden" });
    const own = await insertDevice(room.id);
    expect((await download(booking.id, own.token)).status).toBe(200);
    expect((await download(booking.id, organizer.token, "POST")).status).toBe(405);
  });
});
