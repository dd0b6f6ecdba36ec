"use server";

import { revalidatePath } from "next/cache";
import { requireAdminAction } from "@/lib/auth/session";
import { formFailure, formSuccess, formValues, listOf, numberOrUndefined, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";
import { updateSettingsInput } from "@/lib/settings/schemas";
import { updateSettings } from "@/lib/settings/service";

/** Saves every organisation setting (DOMAIN §1), validated by the API's own schema and the service's cross-field rules. */
export async function updateSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const v = formValues(formData);
  try {
    await requireAdminAction();
    await updateSettings(
      parse(updateSettingsInput, {
        orgName: v.orgName ?? "",
        timezone: v.timezone ?? "",
        checkinWindowMinutes: numberOrUndefined(v.checkinWindowMinutes),
        autoReleaseMinutes: numberOrUndefined(v.autoReleaseMinutes),
        businessDays: listOf(v.businessDays).map(Number),
        businessStart: v.businessStart ?? "",
        businessEnd: v.businessEnd ?? "",
        minBookingMinutes: numberOrUndefined(v.minBookingMinutes),
        maxBookingMinutes: numberOrUndefined(v.maxBookingMinutes),
        bookingHorizonDays: numberOrUndefined(v.bookingHorizonDays),
      }),
    );
    // Business hours and rules change every page that shows a day or checks a booking.
    revalidatePath("/", "layout");
    return formSuccess("Settings saved. They apply at once to the room pages, new bookings and the door tablets.");
  } catch (err) {
    return formFailure(err, v);
  }
}
