import type { UserPrincipal } from "@/lib/auth/principal";
import { pathWithQuery, principalOf, requireUser } from "@/lib/auth/session";
import { periodFromSearchParams } from "@/lib/analytics/period";
import type { AnalyticsQuery } from "@/lib/analytics/schemas";
import { listBuildings } from "@/lib/rooms/service";
import { getSettings } from "@/lib/settings/service";
import { localToday } from "@/lib/time";

/** What every analytics page needs before it renders: who asks, today, the buildings and the period of the URL. */
export type AnalyticsContext =
  | { kind: "forbidden" }
  | {
      kind: "ok";
      principal: UserPrincipal;
      today: string;
      buildings: { id: string; name: string }[];
      query: AnalyticsQuery;
      problems: string[];
    };

/**
 * Reads the session (signed-out → /login), refuses members (the page then shows "administrators only"), and reads
 * the period from the URL: today is the organisation's local date; an invalid range falls back to the last 30 days
 * and says why.
 */
export async function analyticsContext(params: Record<string, string | string[] | undefined>, path: string): Promise<AnalyticsContext> {
  const user = await requireUser(pathWithQuery(path, params));
  if (user.role !== "admin") return { kind: "forbidden" };
  const principal = principalOf(user);
  const [settings, buildings] = await Promise.all([getSettings(), listBuildings(principal)]);
  const today = localToday(settings.timezone);
  const period = periodFromSearchParams(params, today);
  const known = (q: AnalyticsQuery) => !q.building || buildings.some((b) => b.id === q.building);
  if (period.ok && known(period.query)) {
    return { kind: "ok", principal, today, buildings, query: period.query, problems: [] };
  }
  const problems = period.ok ? ["building: no such building"] : period.problems;
  return { kind: "ok", principal, today, buildings, query: period.ok ? { ...period.query, building: undefined } : period.fallback, problems };
}
