import type { HeatmapCell, Kpi } from "@/lib/analytics/schemas";

/** A titled white panel. */
export function Panel({ title, description, children, className = "", testId }: { title: string; description?: string; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 ${className}`} aria-label={title} data-testid={testId}>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-0.5 text-xs text-slate-600">{description}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** What a chart or list shows when the period has nothing to show (UI.md: say so, never an empty frame). */
export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">{children}</p>;
}

/** Grey placeholder blocks while a section loads. */
export function Skeleton({ className = "h-48" }: { className?: string }) {
  return <div className={`animate-pulse rounded-xl bg-slate-200/70 ${className}`} aria-hidden="true" />;
}

/** The loading state of a whole analytics page: KPI row and two chart panels. */
export function DashboardSkeleton() {
  return (
    <div className="space-y-4" role="status" aria-label="Loading analytics">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-72" />
      <Skeleton className="h-56" />
    </div>
  );
}

/** Shown instead of a page to a signed-in member (UI.md: a 403 page that says it is for administrators). */
export function AdminOnly() {
  return (
    <section className="rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200" data-testid="admin-only">
      <h1 className="text-xl font-semibold">Administrators only</h1>
      <p className="mt-2 text-sm text-slate-600">Room analytics are for administrators. Ask an administrator if you need these figures.</p>
    </section>
  );
}

/** `12.5 %`, `3.2 h`, `42 bookings`: a KPI value with its unit. */
export function formatValue(value: number, unit: string): string {
  if (unit === "%") return `${value} %`;
  if (unit === "h") return `${value} h`;
  return `${value.toLocaleString("en")}`;
}

const ARROWS = { positive: "text-emerald-700 bg-emerald-50", negative: "text-red-700 bg-red-50", neutral: "text-slate-600 bg-slate-100" };

/** KPI cards: value, and the period-over-period change with an arrow, a colour by `changeType` and words. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  return (
    <ul className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Key figures">
      {kpis.map((k) => {
        const arrow = k.change === null || k.change === 0 ? "→" : k.change > 0 ? "↑" : "↓";
        const words = k.change === null ? "no earlier data" : `${k.change > 0 ? "+" : ""}${k.change} % vs previous period`;
        return (
          <li key={k.label} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={`kpi-${k.label}`}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{k.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="kpi-value">
              {formatValue(k.value, k.unit)}
              {k.unit === "rooms" || k.unit === "bookings" ? <span className="ml-1 text-sm font-normal text-slate-600">{k.unit}</span> : null}
            </p>
            {k.label === "Total Rooms" ? (
              <p className="mt-1 text-xs text-slate-600">in this selection</p>
            ) : (
              <p className={`mt-1 inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs ${ARROWS[k.changeType]}`} data-testid="kpi-change">
                <span aria-hidden="true">{arrow}</span>
                {words}
                <span className="sr-only">({k.changeType === "neutral" ? "no change" : k.changeType === "positive" ? "better" : "worse"})</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function heatColor(value: number): string {
  if (value <= 0) return "bg-slate-50 text-slate-500";
  if (value < 10) return "bg-indigo-50 text-slate-800";
  if (value < 25) return "bg-indigo-100 text-slate-800";
  if (value < 40) return "bg-indigo-200 text-slate-900";
  if (value < 60) return "bg-indigo-400 text-white";
  return "bg-indigo-700 text-white";
}

/** Weekday × local hour grid of used %, each cell with its number (colour is never the only signal). */
export function Heatmap({ cells }: { cells: HeatmapCell[] }) {
  const days = [...new Set(cells.map((c) => c.day))];
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  if (!cells.some((c) => c.value > 0)) return <EmptyState>No room was used in business hours in this period.</EmptyState>;
  const value = (d: string, h: number) => cells.find((c) => c.day === d && c.hour === h)?.value ?? 0;
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
                <td key={h} className={`rounded px-1 py-2 text-center tabular-nums ${heatColor(value(d, h))}`} title={`${d} ${h}:00–${h + 1}:00: ${value(d, h)} % used`}>
                  {value(d, h)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">Percent of business minutes used (checked in), local time of each building.</p>
    </div>
  );
}

/** Critical > 25 %, Warning > 15 %, else Good (UI.md ghosting page), in words and colour. */
export function SeverityBadge({ rate }: { rate: number }) {
  const [label, cls] = rate > 25 ? ["Critical", "bg-red-100 text-red-800"] : rate > 15 ? ["Warning", "bg-amber-100 text-amber-900"] : ["Good", "bg-emerald-100 text-emerald-800"];
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${cls}`}>{label}</span>;
}

/** A plain read-only table with headers. */
export function DataTable({ caption, headers, rows, testId }: { caption: string; headers: string[]; rows: React.ReactNode[][]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" className={`py-2 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={`py-2 pr-3 ${j > 0 ? "text-right tabular-nums" : "font-medium text-slate-900"}`}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
