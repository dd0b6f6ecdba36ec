import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { SimpleBarChart, SingleTrendChart } from "@/components/analytics/charts";
import { analyticsContext } from "@/components/analytics/context";
import { AnalyticsToolbar } from "@/components/analytics/header";
import { GhostingTable } from "@/components/analytics/tables";
import { AdminOnly, DashboardSkeleton, EmptyState, KpiCards, Panel } from "@/components/analytics/ui";
import type { UserPrincipal } from "@/lib/auth/principal";
import { periodSearch } from "@/lib/analytics/period";
import type { AnalyticsQuery } from "@/lib/analytics/schemas";
import { getDepartmentGhosting, getGhosting, getKpis, getTrends } from "@/lib/analytics/service";

export const metadata: Metadata = { title: "Ghosting · Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** UI.md `/admin/analytics/ghosting`: ghosting trend, departments, worst rooms with a severity, wasted and recovered hours. */
export default async function GhostingPage({ searchParams }: Props) {
  await connection();
  const ctx = await analyticsContext(await searchParams, "/admin/analytics/ghosting");
  if (ctx.kind === "forbidden") return <AdminOnly />;
  return (
    <div className="space-y-4">
      <AnalyticsToolbar today={ctx.today} buildings={ctx.buildings} query={ctx.query} problems={ctx.problems} />
      <Suspense key={periodSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <Ghosting principal={ctx.principal} query={ctx.query} />
      </Suspense>
    </div>
  );
}

const GHOSTING_KPIS = ["Ghosting Rate", "Wasted Hours", "Recovered Hours", "Total Bookings"];

async function Ghosting({ principal, query }: { principal: UserPrincipal; query: AnalyticsQuery }) {
  const [kpis, trend, departments, rooms] = await Promise.all([
    getKpis(principal, query),
    getTrends(principal, { ...query, metric: "ghosting" }),
    getDepartmentGhosting(principal, query),
    getGhosting(principal, query),
  ]);
  return (
    <div className="space-y-4">
      <KpiCards kpis={GHOSTING_KPIS.map((l) => kpis.find((k) => k.label === l)!)} />
      <Panel title="Ghosting per day" description="No-shows among the day's resolved bookings (checked in, completed or no-show)." testId="panel-ghosting-trend">
        <SingleTrendChart data={trend} name="Ghosting" unit="%" testId="chart-ghosting-trend" />
      </Panel>
      <Panel title="By department" description="Ghosting of the organizer's department." testId="panel-departments">
        {departments.length === 0 ? (
          <EmptyState>No resolved bookings in this period.</EmptyState>
        ) : (
          <SimpleBarChart data={departments.map((d) => ({ department: d.department, value: d.ghostingRate }))} x="department" name="Ghosting" unit="%" xLabel="Department" color="#dc2626" testId="chart-departments" />
        )}
      </Panel>
      <Panel title="Rooms by ghosting" description="Critical above 25 %, Warning above 15 %. Wasted minutes: the mean booked length of a no-show." testId="panel-ghosting-table">
        {rooms.length === 0 ? <EmptyState>No rooms in this selection.</EmptyState> : <GhostingTable rows={rooms} />}
      </Panel>
    </div>
  );
}
