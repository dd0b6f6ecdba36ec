"use client";

import type { RoomGhosting, RoomUtilization } from "@/lib/analytics/schemas";
import { SortableTable } from "./sortable-table";
import { SeverityBadge } from "./ui";

/** The utilization page's table (CONTRACT 5.2 fields), sortable; most used first. */
export function UtilizationTable({ rows }: { rows: RoomUtilization[] }) {
  return (
    <SortableTable
      caption="Utilization per room"
      testId="table-utilization"
      rows={rows}
      initial={2}
      columns={[
        { header: "Room", value: (r) => r.roomName },
        { header: "Building", value: (r) => r.buildingName },
        { header: "Used %", value: (r) => r.utilizationRate, numeric: true },
        { header: "Booked %", value: (r) => r.bookedRate, numeric: true },
        { header: "Bookings", value: (r) => r.totalBookings, numeric: true },
        { header: "Booked h", value: (r) => r.totalHoursBooked, numeric: true },
        { header: "Used h", value: (r) => r.totalHoursUsed, numeric: true },
        { header: "Peak hours", value: (r) => r.peakHours.join(", ") || "—" },
      ]}
    />
  );
}

/** The ghosting page's room table (CONTRACT 5.3 fields) with a severity in words, worst first. */
export function GhostingTable({ rows }: { rows: RoomGhosting[] }) {
  return (
    <SortableTable
      caption="Ghosting per room"
      testId="table-ghosting"
      rows={rows}
      initial={2}
      columns={[
        { header: "Room", value: (r) => r.roomName },
        { header: "Building", value: (r) => r.buildingName },
        { header: "Ghosting %", value: (r) => r.ghostingRate, numeric: true },
        {
          header: "Severity",
          value: (r) => r.ghostingRate,
          show: (r) => <SeverityBadge rate={r.ghostingRate} />,
        },
        { header: "No-shows", value: (r) => r.totalNoShows, numeric: true },
        { header: "Resolved", value: (r) => r.totalBookings, numeric: true },
        { header: "Avg wasted min", value: (r) => r.averageWastedMinutes, numeric: true },
      ]}
    />
  );
}
