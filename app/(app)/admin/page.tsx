import { redirect } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/session";

/** UI.md: /admin opens the analytics overview. */
export default async function AdminHome() {
  await requireAdminPage("/admin");
  redirect("/admin/analytics");
}
