import { ArrowDownRight, ArrowRight, ArrowUpRight, ChartNoAxesColumn, ShieldAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState as UiEmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { HeatmapCell, Kpi } from "@/lib/analytics/schemas";

/** A titled card (components/ui) around one chart or table. */
export function Panel({ title, description, children, className = "", testId }: { title: string; description?: string; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <Card className={className} data-testid={testId}>
      <section aria-label={title}>
        <CardHeader className="block">
          <CardTitle>{title}</CardTitle>
          {description ? <p className="mt-0.5 text-xs text-slate-600">{description}</p> : null}
        </CardHeader>
        <CardContent>{children}</CardContent>
      </section>
    </Card>
  );
}

/** What a chart or list shows when the period has nothing to show (UI.md: say so, never an empty frame). */
export function EmptyState({ children }: { children: React.ReactNode }) {
  return <UiEmptyState icon={ChartNoAxesColumn} title={children} description="Pick a longer range or another building above." className="py-8" />;
}

/** The loading state of a whole analytics page: KPI row and two chart panels. */
export function DashboardSkeleton() {
  return (
    <div className="space-y-4" role="status" aria-label="Loading analytics">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 rounded-xl" />
        ))}
      </div>
      <Skeleton className="h-72 rounded-xl" />
      <Skeleton className="h-56 rounded-xl" />
    </div>
  );
}

/** Shown instead of a page to a signed-in member (UI.md: a 403 page that says it is for administrators). */
export function AdminOnly() {
  return (
    <Card className="p-8 text-center" data-testid="admin-only">
      <ShieldAlert aria-hidden className="mx-auto mb-3 size-8 text-slate-500" />
      <h1 className="text-xl font-semibold">Administrators only</h1>
      <p className="mt-2 text-sm text-slate-600">Room analytics are for administrators. Ask an administrator if you need these figures.</p>
    </Card>
  );
}

/** `12.5 %`, `3.2 h`, `42 bookings`: a KPI value with its unit. */
export function formatValue(value: number, unit: string): string {
  if (unit === "%") return `${value} %`;
  if (unit === "h") return `${value} h`;
  return `${value.toLocaleString("en")}`;
}

const TONE = { positive: "success", negative: "danger", neutral: "neutral" } as const;

/** KPI cards: value, and the period-over-period change with an arrow, a colour by `changeType` and words. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  return (
    <div role="list" className="grid grid-cols-2 gap-3 xl:grid-cols-4" aria-label="Key figures">
      {kpis.map((k) => {
        const Arrow = k.change === null || k.change === 0 ? ArrowRight : k.change > 0 ? ArrowUpRight : ArrowDownRight;
        const words = k.change === null ? "no earlier data" : `${k.change > 0 ? "+" : ""}${k.change} % vs previous period`;
        return (
          <Card key={k.label} className="p-4" data-testid={`kpi-${k.label}`} role="listitem">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{k.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="kpi-value">
              {formatValue(k.value, k.unit)}
              {k.unit === "rooms" || k.unit === "bookings" ? <span className="ml-1 text-sm font-normal text-slate-600">{k.unit}</span> : null}
            </p>
            {k.label === "Total Rooms" ? (
              <p className="mt-1 text-xs text-slate-600">in this selection</p>
            ) : (
              <Badge tone={TONE[k.changeType]} className="mt-1 rounded-md" data-testid="kpi-change">
                <Arrow aria-hidden />
                {words}
                <span className="sr-only">({k.changeType === "neutral" ? "no change" : k.changeType === "positive" ? "better" : "worse"})</span>
              </Badge>
            )}
          </Card>
        );
      })}
    </div>
  );
}

/** Shade relative to the busiest cell of the grid, so the pattern shows whatever the overall level. */
function heatColor(value: number, max: number): string {
  const f = max > 0 ? value / max : 0;
  if (value <= 0) return "bg-slate-50 text-slate-500";
  if (f < 0.2) return "bg-indigo-50 text-slate-800";
  if (f < 0.4) return "bg-indigo-100 text-slate-800";
  if (f < 0.6) return "bg-indigo-200 text-slate-900";
  if (f < 0.8) return "bg-indigo-500 text-white";
  return "bg-indigo-700 text-white";
}

/** Weekday × local hour grid of used %, each cell with its number (colour is never the only signal). */
export function Heatmap({ cells }: { cells: HeatmapCell[] }) {
  const days = [...new Set(cells.map((c) => c.day))];
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  if (!cells.some((c) => c.value > 0)) return <EmptyState>No room was used in business hours in this period.</EmptyState>;
  const value = (d: string, h: number) => cells.find((c) => c.day === d && c.hour === h)?.value ?? 0;
  const max = Math.max(...cells.map((c) => c.value));
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-xs" data-testid="heatmap">
        <caption className="sr-only">Used share of business hours by weekday and local hour, in percent</caption>
        <thead>
          <tr>
            <th scope="col" className="w-12 text-left font-medium text-slate-600">
              <span className="sr-only">Weekday</span>
            </th>
            {hours.map((h) => (
              <th key={h} scope="col" className="font-medium text-slate-600">
                {String(h).padStart(2, "0")}:00
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row" className="text-left font-medium text-slate-700">
                {d.slice(0, 3)}
              </th>
              {hours.map((h) => (
                <td key={h} className={`rounded px-1 py-2 text-center tabular-nums ${heatColor(value(d, h), max)}`} title={`${d} ${h}:00–${h + 1}:00: ${value(d, h)} % used`}>
                  {value(d, h)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">Percent of business minutes used (checked in), local time of each building; darker = closer to the busiest hour ({max} %).</p>
    </div>
  );
}

/** Critical > 25 %, Warning > 15 %, else Good (UI.md ghosting page), in words and colour. */
export function SeverityBadge({ rate }: { rate: number }) {
  if (rate > 25) return <Badge tone="danger">Critical</Badge>;
  if (rate > 15) return <Badge tone="warning">Warning</Badge>;
  return <Badge tone="success">Good</Badge>;
}

const NUMERIC = /^-?[\d.,]+( %| h)?$/;
const isNumeric = (c: React.ReactNode) => typeof c === "number" || (typeof c === "string" && NUMERIC.test(c));

/** A plain read-only table (components/ui Table); numeric columns (judged by the first row) are right-aligned. */
export function DataTable({ caption, headers, rows, testId }: { caption: string; headers: string[]; rows: React.ReactNode[][]; testId?: string }) {
  return (
    <Table data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          {headers.map((h, i) => (
            <TableHead key={h} className={rows[0] && isNumeric(rows[0][i]) ? "text-right" : ""}>
              {h}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i}>
            {r.map((c, j) => (
              <TableCell key={j} className={`${isNumeric(c) ? "whitespace-nowrap text-right tabular-nums" : ""} ${j === 0 ? "font-medium text-slate-900" : ""}`}>
                {c}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
