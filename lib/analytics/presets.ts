import { DateTime } from "luxon";

/*
 * The dashboard's date range presets, shared by the server pages and the client filter bar: pure date arithmetic
 * on luxon only (nothing here may import the database, or the browser bundle would pull it in).
 */

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

