"use server";

import { revalidatePath } from "next/cache";
import { requireAdminAction } from "@/lib/auth/session";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { formFailure, formSuccess, formValues, textOrUndefined, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";
import { pairDeviceInput, updateDeviceInput } from "@/lib/panel/schemas";
import { pairDevice, renameOrMoveDevice, revokeDevice } from "@/lib/panel/service";

/** A refusal of the pairing service as a problem of the field it is about (the code, or the room). */
function atField(err: unknown): unknown {
  if (!(err instanceof NotFound || err instanceof Conflict)) return err;
  return Invalid.field(/^room/i.test(err.message) ? "roomId" : "code", err.message);
}

/** Pairs the tablet showing `code` to a room (CONTRACT §4 pairing); the tablet picks up its token by itself. */
export async function pairDeviceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const input = parse(pairDeviceInput, {
      code: typeof values.code === "string" ? values.code.replace(/\s/g, "") : "",
      roomId: values.roomId ?? "",
      name: textOrUndefined(values.name),
    });
    const device = await pairDevice(input).catch((err) => {
      throw atField(err);
    });
    revalidatePath("/admin/devices");
    return formSuccess(`Paired ${device.name} to ${device.roomName}. The tablet switches to the room within seconds.`);
  } catch (err) {
    return formFailure(err, values);
  }
}

/** Renames a tablet and/or moves it to another room. */
export async function updateDeviceAction(deviceId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const device = await renameOrMoveDevice(deviceId, parse(updateDeviceInput, { name: values.name ?? "", roomId: values.roomId ?? "" }));
    revalidatePath("/admin/devices");
    return formSuccess(`Saved ${device.name} (${device.roomName}).`);
  } catch (err) {
    return formFailure(err, values);
  }
}

/** Revokes a tablet at once: its next call gets 401 and it returns to pairing. */
export async function revokeDeviceAction(deviceId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    await revokeDevice(deviceId);
    revalidatePath("/admin/devices");
    return formSuccess("Revoked.");
  } catch (err) {
    return formFailure(err, values);
  }
}
