import type { Executor } from "@/db/client";
import { notificationOutbox } from "@/db/schema";

export interface OutgoingEmail {
  kind: "booking_confirmed" | "booking_cancelled" | "booking_no_show" | "booking_ended_early";
  toEmail: string;
  subject: string;
  textBody: string;
  /** An iCalendar (.ics) invitation attached to the message. */
  icsBody?: string | null;
  bookingId?: string | null;
}

/**
 * DOMAIN §5: writes an email to the outbox inside the caller's transaction, so the message exists exactly
 * when the change it describes was committed. The sweep delivers it.
 */
export async function enqueueEmail(tx: Executor, email: OutgoingEmail): Promise<void> {
  await tx.insert(notificationOutbox).values({
    kind: email.kind,
    toEmail: email.toEmail,
    subject: email.subject,
    textBody: email.textBody,
    icsBody: email.icsBody ?? null,
    bookingId: email.bookingId ?? null,
  });
}
