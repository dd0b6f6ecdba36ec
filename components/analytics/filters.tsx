"use client";

import { Download } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { matchPreset, PRESETS, presetRange, type PresetId } from "@/lib/analytics/presets";

const TABS = [
  { href: "/admin/analytics", label: "Overview" },
  { href: "/admin/analytics/utilization", label: "Utilization" },
  { href: "/admin/analytics/ghosting", label: "Ghosting" },
  { href: "/admin/analytics/capacity", label: "Capacity" },
];

/** The analytics tab bar; each tab keeps the period and building of the URL. */
export function AnalyticsTabs() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <nav aria-label="Analytics sections" className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={search ? `${t.href}?${search}` : t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
              active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * Date range (presets and custom dates) and building filter, kept in the URL with the API's names
 * (`startDate`, `endDate`, `building`), and the CSV/PDF download links for the same selection.
 */
export function AnalyticsFilters({ today, buildings, startDate, endDate, building }: { today: string; buildings: { id: string; name: string }[]; startDate: string; endDate: string; building?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [from, setFrom] = useState(startDate);
  const [to, setTo] = useState(endDate);
  const active = matchPreset({ startDate, endDate }, today);

  const go = (next: { startDate: string; endDate: string; building?: string }) => {
    const p = new URLSearchParams({ startDate: next.startDate, endDate: next.endDate });
    if (next.building) p.set("building", next.building);
    setFrom(next.startDate);
    setTo(next.endDate);
    startTransition(() => router.push(`${pathname}?${p.toString()}`));
  };
  const exportHref = (format: "csv" | "pdf") => {
    const p = new URLSearchParams({ startDate, endDate, format });
    if (building) p.set("building", building);
    return `/api/analytics/export?${p.toString()}`;
  };

  return (
    <div className="flex flex-col gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 md:flex-row md:flex-wrap md:items-end" aria-busy={pending}>
      <div role="group" aria-label="Date range presets" className="flex flex-wrap gap-1">
        {PRESETS.map((p) => (
          <Button
            key={p.id}
            size="sm"
            variant={active === p.id ? "primary" : "secondary"}
            aria-pressed={active === p.id}
            onClick={() => go({ ...presetRange(p.id as PresetId, today), building })}
          >
            {p.label}
          </Button>
        ))}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label="Custom date range"
        onSubmit={(e) => {
          e.preventDefault();
          go({ startDate: from, endDate: to, building });
        }}
      >
        <label className="text-xs text-slate-700">
          From
          <Input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} required className="mt-0.5 h-8 w-40" />
        </label>
        <label className="text-xs text-slate-700">
          To
          <Input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required className="mt-0.5 h-8 w-40" />
        </label>
        <Button type="submit" size="sm" variant="secondary">
          Apply
        </Button>
      </form>
      <label className="text-xs text-slate-700">
        Building
        <Select
          value={building ?? ""}
          onChange={(e) => go({ startDate, endDate, building: e.target.value || undefined })}
          className="mt-0.5 h-8 min-w-44"
        >
          <option value="">All buildings</option>
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </Select>
      </label>
      <div className="flex gap-2 md:ml-auto">
        <a href={exportHref("csv")} download className={buttonVariants({ variant: "secondary", size: "sm" })}>
          <Download aria-hidden />
          Export CSV
        </a>
        <a href={exportHref("pdf")} download className={buttonVariants({ variant: "primary", size: "sm" })}>
          <Download aria-hidden />
          Export PDF
        </a>
      </div>
      {pending ? <p className="text-xs text-slate-600" role="status">Updating…</p> : null}
    </div>
  );
}
