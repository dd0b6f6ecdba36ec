import { AnalyticsFilters } from "./filters";

/** The filter bar and, when the URL's range was refused, the reason (the page then shows the last 30 days). */
export function AnalyticsToolbar({ today, buildings, query, problems }: { today: string; buildings: { id: string; name: string }[]; query: { startDate: string; endDate: string; building?: string }; problems: string[] }) {
  return (
    <div className="space-y-2">
      <AnalyticsFilters key={`${query.startDate}|${query.endDate}|${query.building ?? ""}`} today={today} buildings={buildings} startDate={query.startDate} endDate={query.endDate} building={query.building} />
      {problems.length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          That range could not be used ({problems.join("; ")}); showing {query.startDate} to {query.endDate} instead.
        </p>
      ) : null}
    </div>
  );
}
