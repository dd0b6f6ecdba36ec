import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notificationOutbox } from "@/db/schema";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { backoffMinutes, MAX_ATTEMPTS } from "./delivery";
import { calendarInvitation } from "./ics";
import { deliverPendingEmails, notifyBookingConfirmed, type BookingEmailFacts } from "./service";

const facts: BookingEmailFacts = {
  bookingId: "",
  title: "Quarterly planning",
  description: "Bring numbers",
  roomName: "Spree",
  buildingName: "Berlin HQ",
  timezone: "Europe/Berlin",
  startTime: new Date("2026-12-01T08:00:00Z"), // 09:00 in Berlin (CET)
  endTime: new Date("2026-12-01T09:30:00Z"),
  organizerName: "Ada Lovelace",
  organizerEmail: "ada@example.com",
  attendees: [{ name: "Grace Hopper", email: "grace@example.com" }],
};

/** A real SMTP server on a free loopback port that keeps what it receives (or refuses with 451). */
async function startSmtp(opts: { refuse?: boolean } = {}) {
  const received: ParsedMail[] = [];
  const state = { refuse: opts.refuse ?? false, count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (state.refuse) {
          const err = new Error("Try again later") as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        state.count++;
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;

beforeEach(async () => {
  await resetDatabase();
  // The outbox row refers to a real booking.
  const user = await createTestUser();
  const room = await createTestRoom();
  facts.bookingId = (await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 600 })).id;
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function enqueueConfirmation() {
  const db = await getDb();
  await db.transaction((tx) => notifyBookingConfirmed(tx, facts));
}

describe("email delivery over SMTP", () => {
  it("delivers a confirmation with a calendar invitation that a client can read", async () => {
    smtp = await startSmtp();
    await enqueueConfirmation();
    const report = await deliverPendingEmails({ smtpUrl: smtp.url });
    expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("ada@example.com");
    expect(mail.subject).toContain("Quarterly planning");
    expect(mail.text).toContain("Spree, Berlin HQ");
    expect(mail.text).toContain("09:00–10:30 (Europe/Berlin)");
    const ics = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    expect(ics).toBeDefined();
    const body = ics!.content.toString("utf8");
    expect(body).toContain("METHOD:REQUEST");
    expect(body).toContain(`UID:${facts.bookingId}@circletime`);
    expect(body).toContain("DTSTART:20261201T080000Z");
    expect(body).toContain("DTEND:20261201T093000Z");
    expect(body).toMatch(/ATTENDEE;.*mailto:grace@example\.com/s);
    const [row] = await (await getDb()).select().from(notificationOutbox);
    expect(row.sentAt).not.toBeNull();
    // Delivered once: a second pass sends nothing.
    expect(await deliverPendingEmails({ smtpUrl: smtp.url })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("a refused delivery is retried later with backoff, and then sent exactly once", async () => {
    smtp = await startSmtp({ refuse: true });
    await enqueueConfirmation();
    const first = await deliverPendingEmails({ smtpUrl: smtp.url });
    expect(first).toEqual({ sent: 0, retried: 1, failed: 0 });
    const db = await getDb();
    const [after] = await db.select().from(notificationOutbox);
    expect(after.attempts).toBe(1);
    expect(after.sentAt).toBeNull();
    expect(after.lastError).toMatch(/451|Try again/);
    expect(after.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried.
    expect(await deliverPendingEmails({ smtpUrl: smtp.url })).toEqual({ sent: 0, retried: 0, failed: 0 });

    smtp.state.refuse = false;
    const later = new Date(Date.now() + backoffMinutes(1) * 60_000 + 1000);
    expect(await deliverPendingEmails({ smtpUrl: smtp.url, now: later })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.state.count).toBe(1);
    const [sent] = await db.select().from(notificationOutbox);
    expect(sent.sentAt).not.toBeNull();
    expect(sent.attempts).toBe(2);
  });

  it("with no server listening the message is kept for later, and given up (kept, marked) after the last attempt", async () => {
    await enqueueConfirmation();
    const db = await getDb();
    await db.update(notificationOutbox).set({ attempts: MAX_ATTEMPTS - 1 });
    const report = await deliverPendingEmails({ smtpUrl: "smtp://127.0.0.1:1" });
    expect(report).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await db.select().from(notificationOutbox);
    expect(row.failedAt).not.toBeNull();
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });

  it("two senders at once deliver each message once", async () => {
    smtp = await startSmtp();
    for (let i = 0; i < 6; i++) await enqueueConfirmation();
    const [a, b] = await Promise.all([deliverPendingEmails({ smtpUrl: smtp.url }), deliverPendingEmails({ smtpUrl: smtp.url })]);
    expect(a.sent + b.sent).toBe(6);
    expect(smtp.state.count).toBe(6);
  });

  it("without SMTP_URL messages go to the server log and count as sent", async () => {
    await enqueueConfirmation();
    expect(await deliverPendingEmails({ smtpUrl: null })).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [row] = await (await getDb()).select().from(notificationOutbox).where(eq(notificationOutbox.kind, "booking_confirmed"));
    expect(row.sentAt).not.toBeNull();
  });
});

describe("calendar invitations", () => {
  it("are RFC 5545 text: CRLF line ends, lines folded at 75 octets, UTC times, CANCEL with a higher sequence", () => {
    const event = {
      uid: "abc@circletime",
      title: "A very long meeting title ".repeat(5).trim(),
      description: null,
      location: "Spree, Berlin HQ",
      start: new Date("2026-01-15T08:00:00Z"),
      end: new Date("2026-01-15T09:00:00Z"),
      organizer: { name: "Ada", email: "ada@example.com" },
      attendees: [],
      sequence: 1,
    };
    const request = calendarInvitation([event], "REQUEST");
    expect(request.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(request.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(request).toContain("DTSTART:20260115T080000Z");
    const cancel = calendarInvitation([event], "CANCEL");
    expect(cancel).toContain("METHOD:CANCEL");
    expect(cancel).toContain("STATUS:CANCELLED");
    expect(cancel).toContain("SEQUENCE:1");
  });
});
