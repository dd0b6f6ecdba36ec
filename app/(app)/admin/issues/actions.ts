"use server";

import { revalidatePath } from "next/cache";
import { requireAdminAction } from "@/lib/auth/session";
import { formFailure, formSuccess, formValues, type FormState } from "@/lib/forms";
import { parse } from "@/lib/http/route";
import { setIssueStatusInput } from "@/lib/panel/schemas";
import { setIssueStatus } from "@/lib/panel/service";

/** Resolves or reopens an issue report (CONTRACT §4 ext, PATCH /api/issues/{id}). */
export async function setIssueStatusAction(issueId: string, status: "open" | "resolved", _prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const admin = await requireAdminAction();
    const issue = await setIssueStatus(admin, issueId, parse(setIssueStatusInput, { status }).status);
    revalidatePath("/admin/issues");
    return formSuccess(issue.status === "resolved" ? "Resolved." : "Reopened.");
  } catch (err) {
    return formFailure(err, values);
  }
}
