import { CircleCheck, CircleDot, Clock, Wrench } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { SpriteIcon } from "@/components/ui/static-icon";

/** A room's live status (CONTRACT §2) in words, colour and icon. */
export const STATUS_INFO = {
  available: { label: "Available", tone: "success", icon: CircleCheck },
  reserved: { label: "Booked soon", tone: "warning", icon: Clock },
  occupied: { label: "Occupied", tone: "danger", icon: CircleDot },
  maintenance: { label: "Out of service", tone: "neutral", icon: Wrench },
} as const;

export type RoomStatus = keyof typeof STATUS_INFO;

/** `<StatusBadge status="occupied" />` → a red "Occupied" badge. */
export function StatusBadge({ status }: { status: RoomStatus }) {
  const info = STATUS_INFO[status];
  return (
    <Badge tone={info.tone} data-testid="room-status">
      <SpriteIcon id={`status-${status}`} />
      {info.label}
    </Badge>
  );
}
