import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { claimDueEmails, markFailedAttempt, markSent, type OutboxRow } from "./queries";

export const MAX_ATTEMPTS = 8;
const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … capped at an hour. */
export function backoffMinutes(failedAttempts: number): number {
  return Math.min(60, 2 ** Math.max(0, failedAttempts - 1));
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * DOMAIN §5: delivers due outbox messages, to SMTP_URL when set and to the server log otherwise.
 * A failure is retried with exponential backoff; after MAX_ATTEMPTS the message is kept, marked failed.
 */
export async function deliverPendingEmails(opts: { limit?: number; now?: Date; smtpUrl?: string | null } = {}): Promise<DeliveryReport> {
  const db = await getDb();
  const smtpUrl = opts.smtpUrl === undefined ? env.SMTP_URL : opts.smtpUrl;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const due = await claimDueEmails(db, opts.limit ?? 50, opts.now);
  for (const row of due) {
    try {
      await send(row, smtpUrl ?? undefined);
      await markSent(db, row.id);
      report.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      const retryAt = new Date((opts.now ?? new Date()).getTime() + backoffMinutes(attempts) * 60_000);
      const message = err instanceof Error ? err.message : String(err);
      await markFailedAttempt(db, row.id, message, retryAt, giveUp);
      if (giveUp) {
        report.failed++;
        console.error(`Email ${row.id} to ${row.to_email} failed ${attempts} times; giving up: ${message}`);
      } else {
        report.retried++;
        console.warn(`Email ${row.id} to ${row.to_email} failed (attempt ${attempts}), retrying at ${retryAt.toISOString()}: ${message}`);
      }
    }
  }
  return report;
}

async function send(row: OutboxRow, smtpUrl: string | undefined): Promise<void> {
  if (!smtpUrl) {
    console.info(`[email] to=${row.to_email} subject=${JSON.stringify(row.subject)}${row.ics_body ? " (+ invite.ics)" : ""}\n${row.text_body}`);
    return;
  }
  const method = row.ics_body && /^METHOD:CANCEL/m.test(row.ics_body) ? "CANCEL" : "REQUEST";
  await transportFor(smtpUrl).sendMail({
    from: env.MAIL_FROM,
    to: row.to_email,
    subject: row.subject,
    text: row.text_body,
    // The invitation both as the calendar alternative (accept/decline in mail clients) and as a file.
    ...(row.ics_body
      ? {
          icalEvent: { method, filename: "invite.ics", content: row.ics_body },
          attachments: [{ filename: "invite.ics", content: row.ics_body, contentType: `text/calendar; method=${method}; charset=UTF-8` }],
        }
      : {}),
    headers: { "X-Circle-Time-Message": row.id },
  });
}
