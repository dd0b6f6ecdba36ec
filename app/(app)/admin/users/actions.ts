"use server";

import { revalidatePath } from "next/cache";
import { createUserInput, updateUserInput } from "@/lib/accounts/schemas";
import { createUser, updateUser } from "@/lib/accounts/service";
import { requireAdminAction } from "@/lib/auth/session";
import { Conflict, Invalid } from "@/lib/errors";
import { formFailure, formSuccess, formValues, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";

/** Creates a user who can sign in at once with the given password (CONTRACT §6). The password is never echoed back. */
export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { password, ...values } = formValues(formData);
  try {
    await requireAdminAction();
    const user = await createUser(
      parse(createUserInput, {
        email: values.email ?? "",
        name: values.name ?? "",
        role: values.role || undefined,
        department: values.department ?? "",
        password: typeof password === "string" ? password : "",
      }),
    );
    revalidatePath("/admin/users");
    return formSuccess(`${user.name} can now sign in as ${user.email}.`);
  } catch (err) {
    // The one conflict of a new user is a taken email: point at that field, like any other invalid input.
    return formFailure(err instanceof Conflict ? Invalid.field("email", err.message) : err, values);
  }
}

/** Saves a user's name, role and department; an admin cannot demote themself (409 from the service). */
export async function updateUserAction(userId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const actor = await requireAdminAction();
    const user = await updateUser(
      actor,
      userId,
      parse(updateUserInput, { name: values.name ?? "", role: values.role || undefined, department: values.department ?? "" }),
    );
    revalidatePath("/admin/users");
    return formSuccess(`Saved ${user.name}.`);
  } catch (err) {
    return formFailure(err, values);
  }
}

/** Deactivates (signs out everywhere, refuses sign-in) or reactivates a user; never oneself. */
export async function setUserActiveAction(userId: string, active: boolean, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const actor = await requireAdminAction();
    const user = await updateUser(actor, userId, parse(updateUserInput, { active }));
    revalidatePath("/admin/users");
    return formSuccess(active ? `${user.name} is active again.` : `${user.name} is deactivated and can no longer sign in.`);
  } catch (err) {
    return formFailure(err, values);
  }
}
