import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { StaticIcon } from "./static-icon";

export interface EmptyStateProps {
  /** A lucide icon component, e.g. `CalendarX`. */
  icon?: LucideIcon;
  title: ReactNode;
  /** What to do next, in words. */
  description?: ReactNode;
  /** A button or link that does it. */
  action?: ReactNode;
  /** `error` uses the red look, for "could not load" states. */
  tone?: "empty" | "error";
  className?: string;
}

/** The message of an empty or failed list: what happened and what to do (UI.md "Look and feel"). */
export function EmptyState({ icon: Icon, title, description, action, tone = "empty", className }: EmptyStateProps) {
  return (
    <div
      role={tone === "error" ? "alert" : undefined}
      className={cn(
        "flex flex-col items-center rounded-xl border border-dashed px-6 py-10 text-center",
        tone === "error" ? "border-red-300 bg-red-50" : "border-slate-300 bg-white",
        className,
      )}
    >
      {Icon && <StaticIcon icon={Icon} className={cn("mb-3 size-8", tone === "error" ? "text-red-600" : "text-slate-500")} />}
      <p className="font-medium text-slate-900">{title}</p>
      {description && <p className="mt-1 max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
