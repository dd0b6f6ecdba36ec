import { DateTime } from "luxon";
import { analyticsQuery, type AnalyticsQuery } from "./schemas";

/** The dashboard's date range presets (UI.md `/admin/analytics`). */
export const PRESETS = [
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "90d", label: "Last 90 days" },
  { id: "month", label: "This month" },
  { id: "quarter", label: "Last quarter" },
] as const;
export type PresetId = (typeof PRESETS)[number]["id"];

/** The local dates (inclusive) of a preset, relative to `today` (`YYYY-MM-DD` in the organisation's zone). */
export function presetRange(preset: PresetId, today: string): { startDate: string; endDate: string } {
  const t = DateTime.fromISO(today, { zone: "UTC" });
  const fmt = (d: DateTime) => d.toFormat("yyyy-MM-dd");
  switch (preset) {
    case "7d":
      return { startDate: fmt(t.minus({ days: 6 })), endDate: today };
    case "30d":
      return { startDate: fmt(t.minus({ days: 29 })), endDate: today };
    case "90d":
      return { startDate: fmt(t.minus({ days: 89 })), endDate: today };
    case "month":
      return { startDate: fmt(t.startOf("month")), endDate: today };
    case "quarter": {
      const q = t.startOf("quarter").minus({ quarters: 1 });
      return { startDate: fmt(q), endDate: fmt(q.endOf("quarter")) };
    }
  }
}

/** Which preset (if any) a range is, for highlighting the preset button. */
export function matchPreset(range: { startDate: string; endDate: string }, today: string): PresetId | null {
  for (const p of PRESETS) {
    const r = presetRange(p.id, today);
    if (r.startDate === range.startDate && r.endDate === range.endDate) return p.id;
  }
  return null;
}

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
