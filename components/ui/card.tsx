import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A white panel with a border: the container of lists, forms and KPI tiles. */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("rounded-xl bg-white shadow-sm ring-1 ring-slate-200", className)} {...props} />;
}

/** The top of a card: title and optional actions side by side. */
export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("flex flex-wrap items-start justify-between gap-2 px-5 pt-5", className)} {...props} />;
}

/** A card's heading; pick the level with `as` (default h2). */
export function CardTitle({ className, as: Tag = "h2", ...props }: HTMLAttributes<HTMLHeadingElement> & { as?: "h2" | "h3" | "h4" }) {
  return <Tag className={cn("text-base font-semibold text-slate-900", className)} {...props} />;
}

/** The body of a card. */
export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-5 py-4", className)} {...props} />;
}
