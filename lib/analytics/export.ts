import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import PDFDocument from "pdfkit";
import type { Executor } from "@/db/client";
import * as q from "./queries";
import type { Kpi, RoomCapacity, RoomGhosting, RoomUtilization, TrendPoint } from "./schemas";

/** CONTRACT §5 export: the CSV columns, in order. */
export const CSV_COLUMNS = [
  "Booking ID",
  "Room",
  "Building",
  "Title",
  "Organizer",
  "Department",
  "Start",
  "End",
  "Ended At",
  "Status",
  "Checked In",
  "Attendees",
] as const;

const PAGE_SIZE = 5000;

const isoOf = (v: Date | string | null) => (v === null ? "" : new Date(v).toISOString());

/**
 * The CSV export as a stream of UTF-8 bytes: RFC 4180 (CRLF records, fields quoted when they hold a comma, quote or
 * line break; csv-stringify; cells that would start a spreadsheet formula prefixed with '), header first, then bookings of every status starting in the period, read in keyset
 * pages of 5,000 in start order so a large organisation's year never sits in memory. Times are UTC ISO 8601.
 */
export function csvStream(db: Executor, scope: q.Scope): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { start: string; id: string } | null = null;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([[...CSV_COLUMNS]], { record_delimiter: "windows" })));
        return;
      }
      // Read pages until one has rows of the export (a page may hold only other zones' edge rows or other
      // buildings): a pull that enqueues nothing would not be called again.
      let rows: q.ExportRow[] = [];
      while (rows.length === 0) {
        if (done) return controller.close();
        const page = await q.selectExportPage(db, scope, after, PAGE_SIZE);
        if (page.length < PAGE_SIZE) done = true;
        if (page.length === 0) return controller.close();
        const last = page[page.length - 1];
        after = { start: isoOf(last.start_time), id: last.id };
        rows = page.filter((r) => r.in_period);
      }
      const records = rows.map((r) => [
        r.id,
        r.room,
        r.building,
        r.title,
        r.organizer,
        r.department ?? "",
        isoOf(r.start_time),
        isoOf(r.end_time),
        isoOf(r.ended_at),
        r.status,
        r.checked_in ? "true" : "false",
        String(r.attendee_count),
      ]);
      // escape_formulas: a cell a person wrote (a title "=HYPERLINK(…)") that starts with =, +, -, @, tab or CR gets
      // a leading ' so a spreadsheet shows it rather than running it (OWASP "CSV injection").
      controller.enqueue(encoder.encode(stringify(records, { record_delimiter: "windows", escape_formulas: true })));
    },
  });
}

/** Everything the PDF report shows, already computed by the service (the same figures as the API). */
export interface ReportData {
  title: string;
  subtitle: string;
  kpis: Kpi[];
  utilization: RoomUtilization[];
  ghosting: RoomGhosting[];
  capacity: RoomCapacity[];
  usedTrend: TrendPoint[];
  bookedTrend: TrendPoint[];
}

const INK = "#0f172a";
const MUTED = "#64748b";
const USED = "#4f46e5";
const BOOKED = "#a5b4fc";
const MARGIN = 40;

const BODY = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
let fontBytes: Record<string, Buffer> | undefined;

/**
 * The report's fonts, DejaVu Sans (package dejavu-fonts-ttf), read once: the PDF standard fonts know only Latin-1,
 * so room, building and people names in Greek, Cyrillic or with other accents came out garbled; pdfkit embeds the
 * glyphs used. (Scripts DejaVu lacks, such as CJK, show as empty boxes rather than wrong letters.)
 */
function fonts(): Record<string, Buffer> {
  fontBytes ??= Object.fromEntries(
    [BODY, BOLD].map((name) => [name, fs.readFileSync(path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", `${name}.ttf`))]),
  );
  return fontBytes;
}

/**
 * The PDF report (CONTRACT §5 export format=pdf), drawn with pdfkit: title with period and building, KPI cards, a
 * booked-vs-used trend line, a booked-vs-used bar chart of the most booked rooms, and the per-room utilization,
 * ghosting and capacity tables. Returns the whole file (a few pages; small enough to buffer).
 */
export function renderPdf(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: data.title, Author: "Circle Time" } });
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc.fillColor(INK).font(BOLD).fontSize(18).text(data.title);
  doc.font(BODY).fontSize(10).fillColor(MUTED).text(data.subtitle).moveDown();

  // KPI cards, four per row.
  const cardW = (width - 3 * 8) / 4;
  const cardsTop = doc.y;
  data.kpis.forEach((k, i) => {
    const x = MARGIN + (i % 4) * (cardW + 8);
    const y = cardsTop + Math.floor(i / 4) * 58;
    doc.roundedRect(x, y, cardW, 50, 4).strokeColor("#e2e8f0").stroke();
    doc.fillColor(MUTED).fontSize(8).text(k.label, x + 6, y + 6, { width: cardW - 12 });
    // The value on one line: 14 pt, smaller when it would not fit the card ("12,345 bookings").
    const value = `${k.value}${k.unit === "%" ? " %" : ` ${k.unit}`}`;
    let size = 14;
    doc.font(BOLD).fontSize(size);
    while (doc.widthOfString(value) > cardW - 12 && size > 8) doc.fontSize(--size);
    doc.fillColor(INK).text(value, x + 6, y + 18, { width: cardW - 12, lineBreak: false });
    const change = k.label === "Total Rooms" ? "in this selection" : k.change === null ? "no earlier data" : `${k.change > 0 ? "+" : ""}${k.change} % vs previous period`;
    const color = k.changeType === "positive" ? "#15803d" : k.changeType === "negative" ? "#b91c1c" : MUTED;
    doc.font(BODY).fillColor(color).fontSize(7).text(change, x + 6, y + 37, { width: cardW - 12 });
  });
  doc.x = MARGIN;
  doc.y = cardsTop + Math.ceil(data.kpis.length / 4) * 58 + 10;

  lineChart(doc, "Utilization per day (%): booked vs used", data.bookedTrend, data.usedTrend, width);
  barChart(doc, "Most booked rooms (hours): booked vs used", data.utilization, width);

  table(doc, "Utilization per room", ["Room", "Building", "Used %", "Booked %", "Bookings", "Booked h", "Used h", "Peak hours"],
    data.utilization.map((r) => [r.roomName, r.buildingName, r.utilizationRate, r.bookedRate, r.totalBookings, r.totalHoursBooked, r.totalHoursUsed, r.peakHours.join(" ")]),
    [0.2, 0.15, 0.09, 0.09, 0.09, 0.09, 0.09, 0.2], width);
  table(doc, "Ghosting per room", ["Room", "Building", "Ghosting %", "No-shows", "Resolved", "Avg wasted min"],
    data.ghosting.map((r) => [r.roomName, r.buildingName, r.ghostingRate, r.totalNoShows, r.totalBookings, r.averageWastedMinutes]),
    [0.25, 0.2, 0.13, 0.13, 0.13, 0.16], width);
  table(doc, "Capacity per room", ["Room", "Seats", "Avg attendees", "Capacity %", "Oversized", "Undersized", "Right-sized"],
    data.capacity.map((r) => [r.roomName, r.roomCapacity, r.averageAttendees, r.capacityUtilization, r.oversizedBookings, r.undersizedBookings, r.rightSizedBookings]),
    [0.25, 0.1, 0.13, 0.13, 0.13, 0.13, 0.13], width);

  doc.end();
  return finished;
}

type Doc = InstanceType<typeof PDFDocument>;

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string) {
  doc.x = MARGIN;
  doc.fillColor(INK).font(BOLD).fontSize(12).text(text, MARGIN, doc.y);
  doc.font(BODY).moveDown(0.3);
}

function lineChart(doc: Doc, title: string, booked: TrendPoint[], used: TrendPoint[], width: number) {
  const h = 130;
  ensureSpace(doc, h + 50);
  heading(doc, title);
  const top = doc.y + 4;
  const left = MARGIN + 28;
  const w = width - 28;
  doc.fontSize(7).fillColor(MUTED);
  for (const v of [0, 50, 100]) {
    const y = top + h - (v / 100) * h;
    doc.moveTo(left, y).lineTo(left + w, y).strokeColor("#e2e8f0").lineWidth(0.5).stroke();
    doc.text(`${v} %`, MARGIN, y - 3, { width: 24, align: "right" });
  }
  const n = Math.max(booked.length - 1, 1);
  const series = (points: TrendPoint[], color: string) => {
    let pen = false;
    points.forEach((p, i) => {
      if (p.value === null) return void (pen = false);
      const x = left + (i / n) * w;
      const y = top + h - (Math.min(p.value, 100) / 100) * h;
      if (pen) doc.lineTo(x, y);
      else doc.moveTo(x, y);
      pen = true;
    });
    doc.strokeColor(color).lineWidth(1.5).stroke();
  };
  series(booked, BOOKED);
  series(used, USED);
  if (booked.length) {
    doc.fillColor(MUTED).text(booked[0].date, left, top + h + 4);
    doc.text(booked[booked.length - 1].date, left + w - 60, top + h + 4, { width: 60, align: "right" });
  }
  legend(doc, left + w / 2 - 60, top + h + 4);
  doc.x = MARGIN;
  doc.y = top + h + 24;
}

function legend(doc: Doc, x: number, y: number) {
  doc.rect(x, y + 1, 8, 6).fill(BOOKED);
  doc.fillColor(MUTED).fontSize(7).text("Booked", x + 11, y);
  doc.rect(x + 50, y + 1, 8, 6).fill(USED);
  doc.fillColor(MUTED).text("Used", x + 61, y);
}

function barChart(doc: Doc, title: string, rooms: RoomUtilization[], width: number) {
  const top10 = [...rooms].sort((a, b) => b.totalHoursBooked - a.totalHoursBooked).slice(0, 10);
  const rowH = 14;
  ensureSpace(doc, top10.length * rowH + 50);
  heading(doc, title);
  const max = Math.max(1, ...top10.map((r) => r.totalHoursBooked));
  const labelW = 110;
  const w = width - labelW - 50;
  let y = doc.y + 2;
  for (const r of top10) {
    doc.fillColor(INK).fontSize(7).text(r.roomName, MARGIN, y + 2, { width: labelW - 4, ellipsis: true, lineBreak: false });
    doc.rect(MARGIN + labelW, y, (r.totalHoursBooked / max) * w, 5).fill(BOOKED);
    doc.rect(MARGIN + labelW, y + 6, (r.totalHoursUsed / max) * w, 5).fill(USED);
    doc.fillColor(MUTED).text(`${r.totalHoursBooked} / ${r.totalHoursUsed} h`, MARGIN + labelW + w + 4, y + 2, { lineBreak: false });
    y += rowH;
  }
  legend(doc, MARGIN + labelW, y + 2);
  doc.x = MARGIN;
  doc.y = y + 20;
}

function table(doc: Doc, title: string, headers: string[], rows: (string | number)[][], widths: number[], width: number) {
  ensureSpace(doc, 60);
  heading(doc, title);
  const cols = widths.map((f) => f * width);
  const row = (cells: (string | number)[], bold: boolean) => {
    ensureSpace(doc, 14);
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? BOLD : BODY).fontSize(7.5).fillColor(bold ? MUTED : INK);
    cells.forEach((c, i) => {
      doc.text(String(c), x, y, { width: cols[i] - 4, ellipsis: true, lineBreak: false });
      x += cols[i];
    });
    doc.x = MARGIN;
    doc.y = y + 12;
  };
  row(headers, true);
  for (const r of rows) row(r, false);
  doc.font(BODY).moveDown(0.8);
}
