import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** Badge colours; each pairs with words in the badge, colour is never the only signal (UI.md). */
export const badgeVariants = cva(
  "inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset [&_svg]:size-3.5",
  {
    variants: {
      tone: {
        neutral: "bg-slate-100 text-slate-700 ring-slate-300",
        success: "bg-emerald-50 text-emerald-800 ring-emerald-300",
        warning: "bg-amber-50 text-amber-900 ring-amber-300",
        danger: "bg-red-50 text-red-800 ring-red-300",
        info: "bg-indigo-50 text-indigo-800 ring-indigo-300",
      },
    },
    defaultVariants: { tone: "neutral" },
  },
);

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement>, VariantProps<typeof badgeVariants> {}

/** A small label: `<Badge tone="success">Available</Badge>`. Tones: neutral, success, warning, danger, info. */
export function Badge({ className, tone, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
