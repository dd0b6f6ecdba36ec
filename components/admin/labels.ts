/** Words for the values the admin pages show (status badges carry words, never colour alone: UI.md). */
export const AMENITY_LABELS: Record<string, string> = {
  projector: "Projector",
  whiteboard: "Whiteboard",
  video_conference: "Video conference",
  phone: "Phone",
  tv_display: "TV display",
  air_conditioning: "Air conditioning",
};

export const ROOM_STATUS_LABELS: Record<string, { label: string; className: string }> = {
  available: { label: "Available", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  occupied: { label: "Occupied", className: "bg-red-50 text-red-800 ring-red-200" },
  reserved: { label: "Reserved soon", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  maintenance: { label: "Maintenance", className: "bg-slate-100 text-slate-800 ring-slate-300" },
};

export const WEEKDAYS = [
  { value: "1", label: "Mon" },
  { value: "2", label: "Tue" },
  { value: "3", label: "Wed" },
  { value: "4", label: "Thu" },
  { value: "5", label: "Fri" },
  { value: "6", label: "Sat" },
  { value: "7", label: "Sun" },
];
