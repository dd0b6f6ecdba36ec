import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/settings-form";
import { requireAdminPage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/service";
import { updateSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings · Admin" };

/** UI.md /admin/settings: every field of DOMAIN §1, validated as PATCH /api/settings does. */
export default async function AdminSettingsPage() {
  await requireAdminPage("/admin/settings");
  const settings = await getSettings();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">The rules every booking, room timeline and door tablet follows.</p>
      </header>
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <SettingsForm action={updateSettingsAction} settings={settings} timezones={Intl.supportedValuesOf("timeZone")} />
      </section>
    </div>
  );
}
