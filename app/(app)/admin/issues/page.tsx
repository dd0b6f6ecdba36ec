import type { Metadata } from "next";
import { IssueStatusForm } from "@/components/admin/device-forms";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ISSUE_CATEGORIES } from "@/db/schema";
import { requireAdminPage } from "@/lib/auth/session";
import { listIssuesQuery } from "@/lib/panel/schemas";
import { listIssueReports } from "@/lib/panel/service";
import { listRooms } from "@/lib/rooms/service";
import { setIssueStatusAction } from "./actions";

export const metadata: Metadata = { title: "Issue reports · Admin" };

const CATEGORY_LABELS: Record<string, string> = {
  equipment: "Equipment",
  cleanliness: "Cleanliness",
  temperature: "Temperature",
  other: "Other",
};

type Search = { status?: string; roomId?: string; category?: string };

/** UI.md /admin/issues: reports from the door tablets, open first, filtered by status, room and category; resolve, reopen. */
export default async function AdminIssuesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { principal } = await requireAdminPage("/admin/issues");
  const search = await searchParams;
  // Unknown filter values are ignored rather than failing the page (the API answers them with a 400).
  const parsed = listIssuesQuery.safeParse({ status: search.status || undefined, roomId: search.roomId || undefined });
  const query = parsed.success ? parsed.data : {};
  const category = (ISSUE_CATEGORIES as readonly string[]).includes(search.category ?? "") ? search.category : undefined;
  const [reports, rooms] = await Promise.all([listIssueReports(query), listRooms(principal, {})]);
  // Open first, each group newest first (the service answers newest first).
  const shown = reports
    .filter((r) => !category || r.category === category)
    .sort((a, b) => Number(a.status === "resolved") - Number(b.status === "resolved"));
  const openCount = shown.filter((r) => r.status === "open").length;
  const dateTime = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Issue reports</h1>
        <p className="mt-1 text-sm text-slate-600">Reported at the door tablets. Times are UTC.</p>
      </header>

      <form action="/admin/issues" className="flex flex-wrap items-end gap-3" aria-label="Filter issue reports">
        <div>
          <Label htmlFor="filter-status">Status</Label>
          <Select id="filter-status" name="status" defaultValue={query.status ?? ""} className="mt-1 w-60">
            <option value="">Open first, then resolved</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="filter-room">Room</Label>
          <Select id="filter-room" name="roomId" defaultValue={query.roomId ?? ""} className="mt-1 w-56">
            <option value="">All rooms</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} · {r.building}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="filter-category">Category</Label>
          <Select id="filter-category" name="category" defaultValue={category ?? ""} className="mt-1 w-44">
            <option value="">All categories</option>
            {ISSUE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>

      <section aria-labelledby="issues-heading">
        <h2 id="issues-heading" className="mb-2 text-sm font-medium text-slate-600">
          {shown.length === 1 ? "1 report" : `${shown.length} reports`}, {openCount} open
        </h2>
        {shown.length === 0 ? (
          <EmptyState title="No issue reports" description="Nothing matches these filters. Reports arrive when someone uses “Report an issue” on a door tablet." />
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            {shown.map((issue) => {
              const resolved = issue.status === "resolved";
              return (
                <li key={issue.id} className="flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3" data-testid="admin-issue" data-status={issue.status}>
                  <div className="min-w-64 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{issue.roomName}</span>
                      <Badge tone="info">{CATEGORY_LABELS[issue.category] ?? issue.category}</Badge>
                      <Badge tone={resolved ? "success" : "warning"} data-testid="issue-status">
                        {resolved ? "Resolved" : "Open"}
                      </Badge>
                    </div>
                    <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{issue.description}</p>
                    <p className="mt-1 text-xs text-slate-600">
                      {issue.reportedBy} · {dateTime.format(new Date(issue.createdAt))}
                      {issue.resolvedAt && ` · resolved ${dateTime.format(new Date(issue.resolvedAt))}`}
                    </p>
                  </div>
                  <IssueStatusForm
                    action={setIssueStatusAction.bind(null, issue.id, resolved ? "open" : "resolved")}
                    resolved={resolved}
                    label={`${issue.roomName}, ${issue.description.slice(0, 40)}`}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
