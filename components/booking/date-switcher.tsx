"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { Input } from "@/components/ui/input";

/** Yesterday / today / tomorrow links and a date picker for `?date=` of a room's day. */
export function DateSwitcher({ roomId, date, prev, next, today }: { roomId: string; date: string; prev: string; next: string; today: string }) {
  const router = useRouter();
  const href = (d: string) => `/rooms/${roomId}?date=${d}`;
  return (
    <nav aria-label="Choose the day" className="flex flex-wrap items-end gap-2">
      <Link href={href(prev)} className={buttonVariants({ variant: "secondary", size: "sm" })} aria-label="Previous day">
        <ChevronLeft aria-hidden />
        Previous
      </Link>
      <Link href={href(today)} aria-current={date === today ? "date" : undefined} className={buttonVariants({ variant: date === today ? "primary" : "secondary", size: "sm" })}>
        Today
      </Link>
      <Link href={href(next)} className={buttonVariants({ variant: "secondary", size: "sm" })} aria-label="Next day">
        Next
        <ChevronRight aria-hidden />
      </Link>
      <div className="flex items-center gap-2">
        <Label htmlFor="day-picker" className="sr-only">
          Pick a date
        </Label>
        <Input
          id="day-picker"
          type="date"
          value={date}
          onChange={(e) => e.target.value && router.push(href(e.target.value))}
          className="h-8 w-40"
        />
      </div>
    </nav>
  );
}
