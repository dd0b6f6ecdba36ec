"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ComponentPropsWithoutRef } from "react";
import { cn } from "./cn";

/** Root of a menu of actions (Radix: arrow keys, typeahead, Escape). */
export const DropdownMenu = Menu.Root;
/** The button that opens the menu; use `asChild` with a `<Button>`. */
export const DropdownMenuTrigger = Menu.Trigger;

/** The menu's panel, aligned to the end of its trigger by default. */
export function DropdownMenuContent({ className, align = "end", sideOffset = 4, ...props }: ComponentPropsWithoutRef<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={sideOffset}
        className={cn("z-50 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200", className)}
        {...props}
      />
    </Menu.Portal>
  );
}

/** One action of the menu; `onSelect` runs it. */
export function DropdownMenuItem({ className, ...props }: ComponentPropsWithoutRef<typeof Menu.Item>) {
  return (
    <Menu.Item
      className={cn(
        "flex cursor-pointer select-none items-center gap-2 rounded px-3 py-2 text-sm text-slate-800 outline-none",
        "data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900 data-[disabled]:opacity-50 [&_svg]:size-4",
        className,
      )}
      {...props}
    />
  );
}
