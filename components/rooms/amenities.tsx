import { AirVent, CircleCheck, CircleDot, Clock, MapPin, Phone, Presentation, Projector, Tv, Users, Video, Wrench, type LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { SpriteIcon } from "@/components/ui/static-icon";

/** Every amenity of CONTRACT §2 with its words and icon. */
export const AMENITY_INFO: Record<string, { label: string; icon: LucideIcon }> = {
  projector: { label: "Projector", icon: Projector },
  whiteboard: { label: "Whiteboard", icon: Presentation },
  video_conference: { label: "Video conference", icon: Video },
  phone: { label: "Phone", icon: Phone },
  tv_display: { label: "TV display", icon: Tv },
  air_conditioning: { label: "Air conditioning", icon: AirVent },
};

/** The amenities of a room as icons (from the layout's sprite, see `SPRITE_ICONS`), each named for screen readers and on hover; `withLabels` shows the words. */
export function AmenityIcons({ amenities, withLabels = false, className }: { amenities: readonly string[]; withLabels?: boolean; className?: string }) {
  if (amenities.length === 0) return null;
  return (
    <ul className={cn("flex flex-wrap gap-1.5", className)} aria-label="Amenities">
      {amenities.map((a) => {
        const info = AMENITY_INFO[a];
        if (!info) return null;
        return (
          <li
            key={a}
            title={info.label}
            className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-1.5 py-1 text-xs text-slate-700"
          >
            <SpriteIcon id={a} className="size-4" />
            <span className={withLabels ? "" : "sr-only"}>{info.label}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The icons every list row repeats, drawn once per page by the signed-in layout (`<IconSprite>`). */
export const SPRITE_ICONS: Record<string, LucideIcon> = {
  ...Object.fromEntries(Object.entries(AMENITY_INFO).map(([key, { icon }]) => [key, icon])),
  "map-pin": MapPin,
  users: Users,
  "status-available": CircleCheck,
  "status-reserved": Clock,
  "status-occupied": CircleDot,
  "status-maintenance": Wrench,
};
