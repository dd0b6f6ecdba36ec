import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { UtilizationTrendChart } from "@/components/analytics/charts";
import { analyticsContext } from "@/components/analytics/context";
import { AnalyticsToolbar } from "@/components/analytics/header";
import { AdminOnly, DashboardSkeleton, DataTable, EmptyState, Heatmap, KpiCards, Panel } from "@/components/analytics/ui";
import type { UserPrincipal } from "@/lib/auth/principal";
import { periodSearch } from "@/lib/analytics/period";
import type { AnalyticsQuery } from "@/lib/analytics/schemas";
import { getHeatmap, getKpis, getTrends, getUtilization } from "@/lib/analytics/service";

export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** UI.md `/admin/analytics`: KPI cards, booked-vs-used trend, weekday × hour heatmap, most and least used rooms. */
export default async function AnalyticsOverviewPage({ searchParams }: Props) {
  await connection();
  const ctx = await analyticsContext(await searchParams, "/admin/analytics");
  if (ctx.kind === "forbidden") return <AdminOnly />;
  return (
    <div className="space-y-4">
      <AnalyticsToolbar today={ctx.today} buildings={ctx.buildings} query={ctx.query} problems={ctx.problems} />
      <Suspense key={periodSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <Overview principal={ctx.principal} query={ctx.query} />
      </Suspense>
    </div>
  );
}

async function Overview({ principal, query }: { principal: UserPrincipal; query: AnalyticsQuery }) {
  const [kpis, used, booked, heatmap, rooms] = await Promise.all([
    getKpis(principal, query),
    getTrends(principal, { ...query, metric: "utilization" }),
    getTrends(principal, { ...query, metric: "booked" }),
    getHeatmap(principal, query),
    getUtilization(principal, query),
  ]);
  const trend = used.map((p, i) => ({ date: p.date, used: p.value, booked: booked[i].value }));
  const ranked = [...rooms].sort((a, b) => b.utilizationRate - a.utilizationRate || b.bookedRate - a.bookedRate);
  const row = (r: (typeof rooms)[number]) => [r.roomName, r.buildingName, `${r.utilizationRate} %`, `${r.bookedRate} %`, r.totalBookings];
  return (
    <div className="space-y-4">
      <KpiCards kpis={kpis} />
      <Panel title="Utilization per day" description="Share of business hours booked and actually used (checked in), all selected rooms." testId="panel-trend">
        <UtilizationTrendChart data={trend} />
      </Panel>
      <Panel title="When rooms are used" description="Weekday × local hour: percent of business minutes used." testId="panel-heatmap">
        <Heatmap cells={heatmap} />
      </Panel>
      <div className="grid gap-4 2xl:grid-cols-2">
        <Panel title="Most used rooms" testId="panel-most-used">
          {rooms.length === 0 ? <EmptyState>No rooms in this selection.</EmptyState> : <DataTable caption="Most used rooms" headers={["Room", "Building", "Used", "Booked", "Bookings"]} rows={ranked.slice(0, 5).map(row)} testId="table-most-used" />}
        </Panel>
        <Panel title="Least used rooms" testId="panel-least-used">
          {rooms.length === 0 ? <EmptyState>No rooms in this selection.</EmptyState> : <DataTable caption="Least used rooms" headers={["Room", "Building", "Used", "Booked", "Bookings"]} rows={ranked.slice(-5).reverse().map(row)} testId="table-least-used" />}
        </Panel>
      </div>
    </div>
  );
}
