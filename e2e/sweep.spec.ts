import { expect, test } from "@playwright/test";
import postgres from "postgres";

// Issue 3 "done when": a booking nobody checks in becomes no_show after its release time without any request
// touching it — here in the production server started by `next start`, whose sweep instrumentation.ts starts
// (playwright.config.ts sets SWEEP_INTERVAL_SECONDS=5). The booking is written and watched straight in the
// database, so no API read can release it lazily.
test("the running server's sweep releases a no-show on its own", async () => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs E2E_DATABASE_URL: the embedded database is held by the server");
  const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [{ release }] = await sql<{ release: number }[]>`select auto_release_minutes as release from org_settings where id = 1`;
    // Started (release + 5) minutes ago, ends in 30 minutes: overdue now. A room free for that whole time.
    const [room] = await sql<{ id: string }[]>`
      select r.id from rooms r
      where not r.maintenance and not exists (
        select 1 from bookings b where b.room_id = r.id and b.status in ('confirmed', 'pending')
          and tstzrange(b.start_time, b.end_time, '[)') && tstzrange(now() - make_interval(mins => ${release + 5}), now() + interval '30 minutes', '[)'))
      order by r.name limit 1`;
    expect(room).toBeTruthy();
    const [booking] = await sql<{ id: string }[]>`
      insert into bookings (room_id, organizer_id, title, start_time, end_time, attendee_count)
      select ${room.id}, id, 'Nobody came', now() - make_interval(mins => ${release + 5}), now() + interval '30 minutes', 1
      from users where email = 'ada.lovelace@circletime.dev'
      returning id`;

    await expect
      .poll(async () => (await sql<{ status: string }[]>`select status from bookings where id = ${booking.id}`)[0].status, {
        timeout: 30_000,
        intervals: [1000],
      })
      .toBe("no_show");
    // The organizer is told, through the outbox the same sweep delivers.
    const [outbox] = await sql<{ kind: string }[]>`select kind from notification_outbox where booking_id = ${booking.id}`;
    expect(outbox?.kind).toBe("booking_no_show");
  } finally {
    await sql.end({ timeout: 5 });
  }
});
