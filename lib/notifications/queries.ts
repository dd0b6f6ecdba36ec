import { eq, sql, type SQL } from "drizzle-orm";
import { selectRows, type Executor } from "@/db/client";
import { notificationOutbox } from "@/db/schema";

export interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  subject: string;
  text_body: string;
  ics_body: string | null;
  attempts: number;
}

const at = (now?: Date) => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

/**
 * Claims due messages for this sender: a lease (locked_until) taken with SKIP LOCKED, so that several
 * server instances sweeping at once never send one message twice.
 */
export async function claimDueEmails(db: Executor, limit: number, now?: Date): Promise<OutboxRow[]> {
  return selectRows<OutboxRow>(
    db,
    sql`update notification_outbox set locked_until = ${at(now)} + interval '2 minutes'
        where id in (
          select id from notification_outbox
          where sent_at is null and failed_at is null and next_attempt_at <= ${at(now)}
            and (locked_until is null or locked_until < ${at(now)})
          order by next_attempt_at
          limit ${limit}
          for update skip locked)
        returning id, kind, to_email, subject, text_body, ics_body, attempts`,
  );
}

export async function markSent(db: Executor, id: string) {
  await db
    .update(notificationOutbox)
    .set({ sentAt: sql`now()`, lockedUntil: null, attempts: sql`${notificationOutbox.attempts} + 1`, lastError: null })
    .where(eq(notificationOutbox.id, id));
}

export async function markFailedAttempt(db: Executor, id: string, error: string, retryAt: Date, giveUp: boolean) {
  await db
    .update(notificationOutbox)
    .set({
      attempts: sql`${notificationOutbox.attempts} + 1`,
      lastError: error.slice(0, 2000),
      nextAttemptAt: retryAt,
      lockedUntil: null,
      failedAt: giveUp ? sql`now()` : null,
    })
    .where(eq(notificationOutbox.id, id));
}

/** `insert into notification_outbox … select … from <gate>`: one message per row of the CTE `gate`. */
export function insertEmailPerRowOf(
  gate: SQL,
  email: { kind: string; toEmail: string; subject: string; textBody: string; icsBody?: string | null; bookingId?: string | null },
): SQL {
  return sql`insert into notification_outbox (kind, to_email, subject, text_body, ics_body, booking_id)
    select ${email.kind}, ${email.toEmail}, ${email.subject}, ${email.textBody}, ${email.icsBody ?? null},
           ${email.bookingId ?? null}::uuid
    from ${gate}`;
}
