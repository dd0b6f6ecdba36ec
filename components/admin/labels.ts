/** Words for the values the admin pages show (status badges carry words, never colour alone: UI.md). */
export const AMENITY_LABELS: Record<string, string> = {
  projector: "Projector",
  whiteboard: "Whiteboard",
  video_conference: "Video conference",
  phone: "Phone",
  tv_display: "TV display",
  air_conditioning: "Air conditioning",
};

export const ROOM_STATUS_LABELS: Record<string, { label: string; tone: "success" | "danger" | "warning" | "neutral" }> = {
  available: { label: "Available", tone: "success" },
  occupied: { label: "Occupied", tone: "danger" },
  reserved: { label: "Reserved soon", tone: "warning" },
  maintenance: { label: "Maintenance", tone: "neutral" },
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
