import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { ActiveSwitch, EditUserForm, NewUserForm } from "@/components/admin/user-forms";
import { listUsers } from "@/lib/accounts/service";
import { requireAdminPage } from "@/lib/auth/session";
import { createUserAction, setUserActiveAction, updateUserAction } from "./actions";

export const metadata: Metadata = { title: "Users · Admin" };

function lastSeen(iso: string | null): string {
  if (!iso) return "never signed in";
  return `last sign-in ${new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}`;
}

/** UI.md /admin/users: search, create with a password, change role and department, deactivate (not yourself). */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ search?: string }> }) {
  const { user: me } = await requireAdminPage("/admin/users");
  const { search } = await searchParams;
  const query = search?.trim().slice(0, 200) || undefined;
  const users = await listUsers(query);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="mt-1 text-sm text-slate-600">A deactivated user is signed out everywhere and cannot sign in until reactivated.</p>
      </header>

      <form role="search" action="/admin/users" className="flex max-w-xl items-end gap-2">
        <div className="flex-1">
          <label htmlFor="user-search" className="block text-sm font-medium text-slate-700">
            Search by name, email or department
          </label>
          <input
            id="user-search"
            name="search"
            type="search"
            defaultValue={query ?? ""}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-300"
          />
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">
          Search
        </button>
      </form>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-2 text-sm font-medium text-slate-600">
          {users.length === 1 ? "1 user" : `${users.length} users`}
          {query ? ` matching “${query}”` : ""}
        </h2>
        {users.length === 0 ? (
          <p className="rounded-xl bg-white p-6 text-sm text-slate-600 shadow-sm ring-1 ring-slate-200">
            Nobody matches. Try part of a name or email, or create the user below.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            {users.map((user) => {
              const self = user.id === me.id;
              return (
                <li key={user.id} className="px-4 py-3" data-testid="admin-user" data-email={user.email}>
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                    <div className="min-w-48 flex-1">
                      <p className="font-medium">
                        {user.name} {self && <span className="text-sm font-normal text-slate-600">(you)</span>}
                      </p>
                      <p className="text-sm text-slate-600">{user.email}</p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <Badge tone={user.role === "admin" ? "info" : "neutral"}>
                        {user.role === "admin" ? "Administrator" : "Member"}
                      </Badge>
                      {user.department && <span className="text-slate-700">{user.department}</span>}
                      <Badge data-testid="user-active" tone={user.active ? "success" : "danger"}>
                        {user.active ? "Active" : "Deactivated"}
                      </Badge>
                      <span className="text-slate-600">{lastSeen(user.lastLoginAt)}</span>
                    </div>
                    {!self && <ActiveSwitch action={setUserActiveAction.bind(null, user.id, !user.active)} user={user} />}
                  </div>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-indigo-700">Edit {user.name}</summary>
                    <div className="mt-2">
                      <EditUserForm action={updateUserAction.bind(null, user.id)} user={user} self={self} />
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="new-user-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="new-user-heading" className="mb-4 text-lg font-semibold">
          New user
        </h2>
        <NewUserForm action={createUserAction} />
      </section>
    </div>
  );
}
