import { forbidden } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { currentUser } from "@/lib/auth/session";

/**
 * Every /admin page: the side navigation beside the page. A member gets the 403 page; a signed-out visitor is
 * sent to sign in by the page itself (which knows its own path for `next`). Each page checks the role too.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) return <>{children}</>;
  if (user.role !== "admin") forbidden();
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <AdminNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
