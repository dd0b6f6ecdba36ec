import { presetRange } from "./presets";
import { analyticsQuery, type AnalyticsQuery } from "./schemas";

export { matchPreset, PRESETS, presetRange, type PresetId } from "./presets";

/**
 * The dashboard's period from its URL (`?startDate=…&endDate=…&building=…`, the API's own names): last 30 days when
 * the dates are absent, else validated exactly like the API (CONTRACT §5), with the readable problems on failure.
 */
export function periodFromSearchParams(
  params: Record<string, string | string[] | undefined>,
  today: string,
): { ok: true; query: AnalyticsQuery } | { ok: false; problems: string[]; fallback: AnalyticsQuery } {
  const one = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const fallback = presetRange("30d", today);
  const building = one("building") || undefined;
  const input = {
    startDate: one("startDate") ?? (one("endDate") ? undefined : fallback.startDate),
    endDate: one("endDate") ?? (one("startDate") ? undefined : fallback.endDate),
    building,
  };
  const parsed = analyticsQuery.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`),
    fallback,
  };
}

/** `?startDate=…&endDate=…[&building=…]` for links and API calls of the same period. */
export function periodSearch(q: { startDate: string; endDate: string; building?: string }): string {
  const p = new URLSearchParams({ startDate: q.startDate, endDate: q.endDate });
  if (q.building) p.set("building", q.building);
  return p.toString();
}
