import { CalendarClock, LogOut } from "lucide-react";
import Link from "next/link";
import { NavLinks } from "@/components/layout/nav-links";
import { Button } from "@/components/ui/button";
import { ToastProvider } from "@/components/ui/toast";
import { currentUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";
import { IconSprite, StaticIcon } from "@/components/ui/static-icon";
import { SPRITE_ICONS } from "@/components/rooms/amenities";

/**
 * The signed-in pages' frame: navigation bar (pages, the signed-in person, sign-out; "Admin" for admins) and
 * the toast area. A signed-out visitor gets no frame: each page calls `requireUser(itsPath)` itself, which
 * sends them to `/login?next=…` (a layout does not know the URL asked for).
 */
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) return <>{children}</>;
  return (
    <ToastProvider>
      <IconSprite icons={SPRITE_ICONS} />
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-800 focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
            <Link
              href="/rooms"
              className="flex items-center gap-2 py-1 text-lg font-semibold text-indigo-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
            >
              <StaticIcon icon={CalendarClock} className="size-5" />
              Circle Time
            </Link>
            <nav aria-label="Main" className="order-3 -mx-1 w-full sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
              <NavLinks isAdmin={user.role === "admin"} />
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span data-testid="signed-in-user" className="max-w-40 truncate text-slate-700 sm:max-w-none">
                {user.name}{" "}
                <span className="hidden text-slate-600 sm:inline">({user.role === "admin" ? "admin" : "member"})</span>
              </span>
              <form action={signOutAction}>
                <Button type="submit" variant="secondary" size="sm">
                  <StaticIcon icon={LogOut} />
                  Sign out
                </Button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
          {children}
        </main>
      </div>
    </ToastProvider>
  );
}
