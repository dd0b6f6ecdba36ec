"use server";

import { revalidatePath } from "next/cache";
import { requireAdminAction } from "@/lib/auth/session";
import { Conflict } from "@/lib/errors";
import { conflictAt, formFailure, formSuccess, formValues, numberOrUndefined, textOrUndefined, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";
import { createBuildingInput, updateBuildingInput } from "@/lib/rooms/schemas";
import { createBuilding, deleteBuilding, getBuilding, listRooms, updateBuilding } from "@/lib/rooms/service";

type Values = Record<string, string | string[]>;

/** The building form's fields in the API's shape (CONTRACT §2), validated by the API's own schema. */
function buildingFields(v: Values) {
  return {
    name: v.name ?? "",
    address: textOrUndefined(v.address) ?? null,
    timezone: v.timezone ?? "",
    floors: numberOrUndefined(v.floors),
  };
}

function refresh() {
  revalidatePath("/admin/buildings");
  revalidatePath("/admin/rooms");
  revalidatePath("/rooms", "layout");
}

/** Creates a building from the "New building" form. */
export async function createBuildingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const building = await createBuilding(parse(createBuildingInput, buildingFields(values)));
    refresh();
    return formSuccess(`Building ${building.name} created.`);
  } catch (err) {
    return formFailure(conflictAt("name", err), values); // 409 here: the name is taken
  }
}

/** Saves one building's form. */
export async function updateBuildingAction(buildingId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await requireAdminAction();
    const building = await updateBuilding(buildingId, parse(updateBuildingInput, buildingFields(values)));
    refresh();
    return formSuccess(`Saved ${building.name}.`);
  } catch (err) {
    return formFailure(conflictAt("name", err), values); // 409 here: the name is taken
  }
}

/** Deletes a building; the 409 says how many rooms are still in it (the page links to them). */
export async function deleteBuildingAction(buildingId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const principal = await requireAdminAction();
    const building = await getBuilding(principal, buildingId);
    try {
      await deleteBuilding(buildingId);
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      const count = (await listRooms(principal, { building: buildingId })).length;
      throw new Conflict(`${building.name} still has ${count === 1 ? "1 room" : `${count} rooms`}: delete them or move them to another building first.`);
    }
    refresh();
    return formSuccess(`Building ${building.name} deleted.`);
  } catch (err) {
    return formFailure(err, values);
  }
}
