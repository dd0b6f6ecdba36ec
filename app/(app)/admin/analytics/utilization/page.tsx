import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { RoomHoursChart, SimpleBarChart } from "@/components/analytics/charts";
import { analyticsContext } from "@/components/analytics/context";
import { AnalyticsToolbar } from "@/components/analytics/header";
import { UtilizationTable } from "@/components/analytics/tables";
import { AdminOnly, DashboardSkeleton, EmptyState, Panel } from "@/components/analytics/ui";
import type { UserPrincipal } from "@/lib/auth/principal";
import { periodSearch } from "@/lib/analytics/period";
import type { AnalyticsQuery } from "@/lib/analytics/schemas";
import { getUsageProfile, getUtilization } from "@/lib/analytics/service";

export const metadata: Metadata = { title: "Utilization · Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** UI.md `/admin/analytics/utilization`: booked vs used per room, by hour and weekday, peak hours, sortable table. */
export default async function UtilizationPage({ searchParams }: Props) {
  await connection();
  const ctx = await analyticsContext(await searchParams, "/admin/analytics/utilization");
  if (ctx.kind === "forbidden") return <AdminOnly />;
  return (
    <div className="space-y-4">
      <AnalyticsToolbar today={ctx.today} buildings={ctx.buildings} query={ctx.query} problems={ctx.problems} />
      <Suspense key={periodSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <Utilization principal={ctx.principal} query={ctx.query} />
      </Suspense>
    </div>
  );
}

async function Utilization({ principal, query }: { principal: UserPrincipal; query: AnalyticsQuery }) {
  const [rooms, profile] = await Promise.all([getUtilization(principal, query), getUsageProfile(principal, query)]);
  const bars = [...rooms].sort((a, b) => b.totalHoursBooked - a.totalHoursBooked).map((r) => ({ roomName: r.roomName, booked: r.totalHoursBooked, used: r.totalHoursUsed }));
  return (
    <div className="space-y-4">
      <Panel title="Booked vs used hours per room" description="Business hours only; most booked first. The gap is booked time nobody used." testId="panel-room-hours">
        <RoomHoursChart data={bars} />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="By hour of day" description="Percent of business minutes used, local time." testId="panel-by-hour">
          <SimpleBarChart data={profile.byHour.map((h) => ({ hour: `${String(h.hour).padStart(2, "0")}:00`, value: h.utilization }))} x="hour" name="Used" unit="%" xLabel="Local hour" testId="chart-by-hour" />
        </Panel>
        <Panel title="By weekday" description="Percent of business minutes used." testId="panel-by-weekday">
          <SimpleBarChart data={profile.byWeekday.map((d) => ({ day: d.day.slice(0, 3), value: d.utilization }))} x="day" name="Used" unit="%" xLabel="Weekday" testId="chart-by-weekday" />
        </Panel>
      </div>
      <Panel title="Every room" description="Click a column to sort. Peak hours: the local hours with the most used minutes." testId="panel-utilization-table">
        {rooms.length === 0 ? <EmptyState>No rooms in this selection.</EmptyState> : <UtilizationTable rows={rooms} />}
      </Panel>
    </div>
  );
}
