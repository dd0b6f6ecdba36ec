import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AnalyticsTabs } from "@/components/analytics/filters";
import { AdminOnly } from "@/components/analytics/ui";
import { currentUser } from "@/lib/auth/session";

/** The analytics section: its title and tab bar (overview, utilization, ghosting, capacity), administrators only. */
export default async function AnalyticsLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // Signed out: to /login?next=… here, before the pages' loading state starts streaming a 200 (proxy.ts gives the path).
  if (!user) redirect(`/login?next=${encodeURIComponent((await headers()).get("x-request-path") ?? "/admin/analytics")}`);
  if (user.role !== "admin") return <AdminOnly />;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Room analytics</h1>
        <p className="text-sm text-slate-600">How the rooms are really used: business hours only, in each building&apos;s local time, up to now.</p>
      </div>
      <Suspense fallback={<div className="h-10" />}>
        <AnalyticsTabs />
      </Suspense>
      {children}
    </div>
  );
}
