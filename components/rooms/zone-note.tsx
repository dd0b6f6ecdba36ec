"use client";

import { useSyncExternalStore } from "react";
import { zoneLabel } from "@/components/format";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Names the building's time zone after a time ("Berlin time") when it differs from the browser's (UI.md).
 * The server does not know the browser's zone, so it renders nothing there and the browser fills it in.
 */
export function ZoneNote({ zone, prefix = " ", className }: { zone: string; prefix?: string; className?: string }) {
  const mine = useSyncExternalStore(subscribe, browserZone, () => null);
  if (!mine || mine === zone) return null;
  return (
    <span className={className} data-testid="zone-note">
      {prefix}
      {zoneLabel(zone)}
    </span>
  );
}
