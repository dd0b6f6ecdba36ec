"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";

/** The admin pages' side navigation (UI.md); the current page is marked for sight and for screen readers. */
const SECTIONS: { title: string; links: { href: string; label: string }[] }[] = [
  {
    title: "Analytics",
    links: [
      { href: "/admin/analytics", label: "Overview" },
      { href: "/admin/analytics/utilization", label: "Utilization" },
      { href: "/admin/analytics/ghosting", label: "Ghosting" },
      { href: "/admin/analytics/capacity", label: "Capacity" },
    ],
  },
  {
    title: "Manage",
    links: [
      { href: "/admin/rooms", label: "Rooms" },
      { href: "/admin/buildings", label: "Buildings" },
      { href: "/admin/users", label: "Users" },
      { href: "/admin/devices", label: "Tablets" },
      { href: "/admin/issues", label: "Issue reports" },
      { href: "/admin/settings", label: "Settings" },
    ],
  },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="w-full shrink-0 md:w-52">
      {SECTIONS.map((section) => (
        <div key={section.title} className="mb-5">
          <h2 className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{section.title}</h2>
          <ul className="mt-1 space-y-0.5">
            {section.links.map((link) => {
              const current = pathname === link.href || (link.href !== "/admin/analytics" && pathname.startsWith(`${link.href}/`));
              const item = (href: string) => (
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={`block rounded-md px-3 py-1.5 text-sm ${
                    current ? "bg-indigo-50 font-semibold text-indigo-800" : "text-slate-700 hover:bg-slate-100"
                  }`}
                >
                  {link.label}
                </Link>
              );
              return (
                <li key={link.href}>
                  {link.href.startsWith("/admin/analytics") ? (
                    <Suspense fallback={item(link.href)}>
                      <WithPeriod href={link.href} render={item} />
                    </Suspense>
                  ) : (
                    item(link.href)
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** An analytics link that keeps the period and building of the page it is on (`startDate`, `endDate`, `building`). */
function WithPeriod({ href, render }: { href: string; render: (href: string) => React.ReactNode }) {
  const params = useSearchParams();
  const kept = new URLSearchParams();
  for (const key of ["startDate", "endDate", "building"]) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const query = kept.toString();
  return render(query ? `${href}?${query}` : href);
}
