"use client";

import { ChartNoAxesColumn } from "lucide-react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  ReferenceLine,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The dashboard's charts (recharts, client side only for the interaction: tooltips, resize). They draw what the
 * server page passes in, the service's own figures; no calculation happens here beyond picking fields.
 */

const USED = "#4f46e5";
const BOOKED = "#a5b4fc";
const RED = "#dc2626";
const AMBER = "#d97706";
const GREEN = "#059669";
const AXIS = { fontSize: 12, fill: "#475569" };

function NoData({ children }: { children: React.ReactNode }) {
  return <EmptyState icon={ChartNoAxesColumn} title={children} description="Pick a longer range or another building above." className="py-8" />;
}

/** Booked vs used % per day (null = no business time that day: a gap in the line). */
export function UtilizationTrendChart({ data }: { data: { date: string; booked: number | null; used: number | null }[] }) {
  if (!data.some((d) => d.booked !== null)) return <NoData>No business days have passed in this period yet.</NoData>;
  return (
    <div className="h-64" data-testid="chart-utilization-trend" role="img" aria-label="Line chart of booked and used share of business hours per day">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tick={AXIS} tickFormatter={(d: string) => d.slice(5)} minTickGap={24} label={{ value: "Date", position: "insideBottom", offset: -12, ...AXIS }} />
          <YAxis tick={AXIS} unit=" %" width={56} domain={[0, "auto"]} />
          <Tooltip formatter={(v) => (v === null || v === undefined ? "—" : `${v} %`)} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: "18px" }} />
          <Line type="linear" dataKey="booked" name="Booked" stroke={BOOKED} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          <Line type="linear" dataKey="used" name="Used" stroke={USED} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One series per day (ghosting %, bookings …). */
export function SingleTrendChart({ data, name, unit, color = RED, testId }: { data: { date: string; value: number | null }[]; name: string; unit: string; color?: string; testId: string }) {
  if (!data.some((d) => d.value !== null && d.value > 0)) return <NoData>Nothing to chart in this period.</NoData>;
  return (
    <div className="h-56" data-testid={testId} role="img" aria-label={`Line chart of ${name} per day`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tick={AXIS} tickFormatter={(d: string) => d.slice(5)} minTickGap={24} label={{ value: "Date", position: "insideBottom", offset: -12, ...AXIS }} />
          <YAxis tick={AXIS} unit={unit ? ` ${unit}` : undefined} width={56} />
          <Tooltip formatter={(v) => (v === null || v === undefined ? "—" : `${v}${unit ? ` ${unit}` : ""}`)} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: "18px" }} />
          <Line type="linear" dataKey="value" name={name} stroke={color} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Booked vs used hours per room, horizontal bars, most booked first. */
export function RoomHoursChart({ data }: { data: { roomName: string; booked: number; used: number }[] }) {
  if (!data.some((d) => d.booked > 0)) return <NoData>No room was booked in business hours in this period.</NoData>;
  return (
    <div style={{ height: Math.max(200, data.length * 26 + 60) }} data-testid="chart-room-hours" role="img" aria-label="Bar chart of booked and used hours per room">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 20, left: 8 }} barGap={1}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS} unit=" h" label={{ value: "Hours in business time", position: "insideBottom", offset: -12, ...AXIS }} />
          <YAxis type="category" dataKey="roomName" tick={AXIS} width={130} interval={0} />
          <Tooltip formatter={(v) => `${v} h`} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: "18px" }} />
          <Bar dataKey="booked" name="Booked" fill={BOOKED} isAnimationActive={false} />
          <Bar dataKey="used" name="Used" fill={USED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A single-series vertical bar chart (utilization by hour or weekday, ghosting by department). */
export function SimpleBarChart({ data, x, name, unit, xLabel, color = USED, testId }: { data: Record<string, string | number>[]; x: string; name: string; unit: string; xLabel: string; color?: string; testId: string }) {
  if (!data.some((d) => Number(d.value) > 0)) return <NoData>Nothing to chart in this period.</NoData>;
  return (
    <div className="h-56" data-testid={testId} role="img" aria-label={`Bar chart of ${name} by ${xLabel.toLowerCase()}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey={x} tick={AXIS} interval={0} label={{ value: xLabel, position: "insideBottom", offset: -12, ...AXIS }} />
          <YAxis tick={AXIS} unit={` ${unit}`} width={56} />
          <Tooltip formatter={(v) => `${v} ${unit}`} />
          <Bar dataKey="value" name={name} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Attendees vs seats per checked-in meeting group; dot size = number of meetings. */
export function CapacityScatter({ data }: { data: { roomName: string; roomCapacity: number; attendees: number; bookings: number }[] }) {
  if (data.length === 0) return <NoData>No checked-in meetings in this period.</NoData>;
  const max = Math.max(...data.map((d) => Math.max(d.roomCapacity, d.attendees)));
  return (
    <div className="h-72" data-testid="chart-capacity-scatter" role="img" aria-label="Scatter chart of attendees against room seats">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" dataKey="roomCapacity" name="Seats" tick={AXIS} domain={[0, max + 1]} label={{ value: "Room seats", position: "insideBottom", offset: -14, ...AXIS }} />
          <YAxis type="number" dataKey="attendees" name="Attendees" tick={AXIS} domain={[0, max + 1]} label={{ value: "Attendees", angle: -90, position: "insideLeft", ...AXIS }} width={56} />
          <ZAxis type="number" dataKey="bookings" range={[20, 400]} name="Meetings" />
          <Tooltip cursor={{ strokeDasharray: "3 3" }} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: "18px" }} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: max + 1, y: max + 1 }]} stroke="#94a3b8" strokeDasharray="4 4" label={{ value: "attendees = seats", position: "insideTopRight", ...AXIS }} />
          <Scatter name="Meetings (size = how many)" data={data} fill={USED} fillOpacity={0.6} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Right-sized / oversized / undersized share (%) per room, stacked to 100. */
export function SizingShareChart({ data }: { data: { roomName: string; rightSized: number; oversized: number; undersized: number }[] }) {
  if (data.length === 0) return <NoData>No checked-in meetings in this period.</NoData>;
  return (
    <div style={{ height: Math.max(200, data.length * 24 + 70) }} data-testid="chart-sizing-share" role="img" aria-label="Stacked bar chart of right-sized, oversized and undersized meetings per room">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 20, left: 8 }} stackOffset="expand">
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} label={{ value: "Share of checked-in meetings", position: "insideBottom", offset: -12, ...AXIS }} />
          <YAxis type="category" dataKey="roomName" tick={AXIS} width={130} interval={0} />
          <Tooltip />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: "18px" }} />
          <Bar dataKey="rightSized" name="Right-sized" stackId="s" fill={GREEN} isAnimationActive={false} />
          <Bar dataKey="oversized" name="Room too big" stackId="s" fill={AMBER} isAnimationActive={false} />
          <Bar dataKey="undersized" name="Room too small" stackId="s" fill={RED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
