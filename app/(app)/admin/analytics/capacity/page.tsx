import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { CapacityScatter, SizingShareChart } from "@/components/analytics/charts";
import { analyticsContext } from "@/components/analytics/context";
import { AnalyticsToolbar } from "@/components/analytics/header";
import { AdminOnly, DashboardSkeleton, DataTable, EmptyState, Panel } from "@/components/analytics/ui";
import type { UserPrincipal } from "@/lib/auth/principal";
import { periodSearch } from "@/lib/analytics/period";
import type { AnalyticsQuery } from "@/lib/analytics/schemas";
import { getCapacity, getCapacityInsights } from "@/lib/analytics/service";

export const metadata: Metadata = { title: "Capacity · Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** UI.md `/admin/analytics/capacity`: attendees vs seats, right-sized share per room, advice from the data. */
export default async function CapacityPage({ searchParams }: Props) {
  await connection();
  const ctx = await analyticsContext(await searchParams, "/admin/analytics/capacity");
  if (ctx.kind === "forbidden") return <AdminOnly />;
  return (
    <div className="space-y-4">
      <AnalyticsToolbar today={ctx.today} buildings={ctx.buildings} query={ctx.query} problems={ctx.problems} />
      <Suspense key={periodSearch(ctx.query)} fallback={<DashboardSkeleton />}>
        <Capacity principal={ctx.principal} query={ctx.query} />
      </Suspense>
    </div>
  );
}

async function Capacity({ principal, query }: { principal: UserPrincipal; query: AnalyticsQuery }) {
  const [rooms, insights] = await Promise.all([getCapacity(principal, query), getCapacityInsights(principal, query)]);
  const used = rooms.filter((r) => r.rightSizedBookings + r.oversizedBookings + r.undersizedBookings > 0);
  return (
    <div className="space-y-4">
      <Panel title="Right-sizing advice" description="From the checked-in meetings of the period (rooms with at least 5)." testId="panel-advice">
        {insights.advice.length === 0 ? (
          <EmptyState>Every room with enough meetings is about the right size for them.</EmptyState>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="advice">
            {insights.advice.map((a) => (
              <li key={a.roomId} className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
                {a.text}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Panel title="Attendees vs seats" description="Each dot: meetings of one room with one head count; below the diagonal the room was bigger than needed." testId="panel-scatter">
          <CapacityScatter data={insights.points} />
        </Panel>
        <Panel title="Meeting size per room" description="Too big: fewer people than half the seats. Too small: more people than seats." testId="panel-sizing">
          <SizingShareChart data={used.map((r) => ({ roomName: r.roomName, rightSized: r.rightSizedBookings, oversized: r.oversizedBookings, undersized: r.undersizedBookings }))} />
        </Panel>
      </div>
      <Panel title="Every room" testId="panel-capacity-table">
        {rooms.length === 0 ? (
          <EmptyState>No rooms in this selection.</EmptyState>
        ) : (
          <DataTable
            caption="Capacity per room"
            testId="table-capacity"
            headers={["Room", "Seats", "Avg attendees", "Seats used", "Too big", "Too small", "Right-sized"]}
            rows={rooms.map((r) => [r.roomName, r.roomCapacity, r.averageAttendees, `${r.capacityUtilization} %`, r.oversizedBookings, r.undersizedBookings, r.rightSizedBookings])}
          />
        )}
      </Panel>
    </div>
  );
}
