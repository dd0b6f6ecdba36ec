"use client";

import { CalendarCheck, LayoutGrid, Map, Search } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/rooms", label: "Find a room", icon: Search, match: "/rooms" },
  { href: "/bookings", label: "My bookings", icon: CalendarCheck, match: "/bookings" },
  { href: "/floors", label: "Floor map", icon: Map, match: "/floors" },
];
const ADMIN = { href: "/admin", label: "Admin", icon: LayoutGrid, match: "/admin" };

/** The page links of the navigation bar; the current page is marked (`aria-current="page"`). */
export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, ADMIN] : LINKS;
  return (
    <ul className="flex items-center gap-1 overflow-x-auto">
      {links.map(({ href, label, icon: Icon, match }) => {
        const current = pathname === match || pathname.startsWith(`${match}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              className={cn(
                "flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium",
                "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
                current ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

