import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-slate-500">Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt className="text-slate-500">Role</dt>
        <dd>{user.role === "admin" ? "Administrator" : "Member"}</dd>
        <dt className="text-slate-500">Department</dt>
        <dd>{user.department ?? "—"}</dd>
      </dl>
    </section>
  );
}
