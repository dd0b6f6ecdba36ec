import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A grey pulsing block standing in for content while it loads; size it with classes (`h-6 w-40`). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-slate-200", className)} {...props} />;
}
