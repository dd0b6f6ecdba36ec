import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = (name = "created_at") => ts(name).notNull().defaultNow();

export const ROLES = ["admin", "user"] as const;
export const AMENITIES = [
  "projector",
  "whiteboard",
  "video_conference",
  "phone",
  "tv_display",
  "air_conditioning",
] as const;
export const BOOKING_STATUSES = ["confirmed", "pending", "cancelled", "completed", "no_show"] as const;
export const ACTIVE_BOOKING_STATUSES = ["confirmed", "pending"] as const;
export const ISSUE_CATEGORIES = ["equipment", "cleanliness", "temperature", "other"] as const;

export type Role = (typeof ROLES)[number];
export type Amenity = (typeof AMENITIES)[number];
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

// ── accounts ────────────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: varchar("email", { length: 254 }).notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    passwordHash: text("password_hash").notNull(),
    role: varchar("role", { length: 10, enum: ROLES }).notNull().default("user"),
    department: varchar("department", { length: 120 }),
    active: boolean("active").notNull().default(true),
    // System users (the panel's "Walk-in" organizer) cannot sign in.
    isSystem: boolean("is_system").notNull().default(false),
    // Moves on demotion, deactivation, a new password (triggers, migration 0004) and logout: older tokens are refused.
    tokenVersion: integer("token_version").notNull().default(0),
    createdAt: createdAt(),
    lastLoginAt: ts("last_login_at"),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    check("users_role_check", sql`${t.role} in ('admin', 'user')`),
  ],
);

export const refreshTokenFamilies = pgTable(
  "refresh_token_families",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
    revokedReason: varchar("revoked_reason", { length: 40 }),
  },
  (t) => [index("refresh_token_families_user_idx").on(t.userId)],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    jti: uuid("jti").primaryKey(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => refreshTokenFamilies.id, { onDelete: "cascade" }),
    issuedAt: createdAt("issued_at"),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    emailLower: varchar("email_lower", { length: 254 }).notNull(),
    ip: varchar("ip", { length: 64 }).notNull(),
    attemptedAt: createdAt("attempted_at"),
  },
  (t) => [index("login_attempts_lookup_idx").on(t.emailLower, t.ip, t.attemptedAt)],
);

// ── settings ────────────────────────────────────────────────────────────────

export const orgSettings = pgTable(
  "org_settings",
  {
    id: integer("id").primaryKey().default(1),
    orgName: varchar("org_name", { length: 120 }).notNull().default("Circle Time"),
    timezone: varchar("timezone", { length: 64 }).notNull().default("UTC"),
    checkinWindowMinutes: integer("checkin_window_minutes").notNull().default(15),
    autoReleaseMinutes: integer("auto_release_minutes").notNull().default(15),
    businessDays: integer("business_days").array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
    businessStart: varchar("business_start", { length: 5 }).notNull().default("08:00"),
    businessEnd: varchar("business_end", { length: 5 }).notNull().default("18:00"),
    minBookingMinutes: integer("min_booking_minutes").notNull().default(15),
    maxBookingMinutes: integer("max_booking_minutes").notNull().default(480),
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(180),
    updatedAt: createdAt("updated_at"),
  },
  (t) => [
    check("org_settings_singleton", sql`${t.id} = 1`),
    check("org_settings_checkin_window", sql`${t.checkinWindowMinutes} between 0 and 120`),
    check("org_settings_auto_release", sql`${t.autoReleaseMinutes} between 5 and 60`),
    check("org_settings_business_hours", sql`${t.businessStart} < ${t.businessEnd}`),
    check(
      "org_settings_booking_minutes",
      sql`${t.minBookingMinutes} >= 5 and ${t.minBookingMinutes} <= ${t.maxBookingMinutes}`,
    ),
    check("org_settings_horizon", sql`${t.bookingHorizonDays} between 1 and 730`),
  ],
);

/**
 * One row whose `version` a trigger replaces whenever rooms or buildings change (migration 0002), in the same
 * transaction: servers keep the room directory in memory and re-read it only when the version moved.
 */
export const roomDirectoryVersion = pgTable(
  "room_directory_version",
  {
    id: integer("id").primaryKey().default(1),
    version: uuid("version").notNull().defaultRandom(),
  },
  (t) => [check("room_directory_version_singleton", sql`${t.id} = 1`)],
);

// ── rooms ───────────────────────────────────────────────────────────────────

export const buildings = pgTable(
  "buildings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: varchar("name", { length: 120 }).notNull(),
    address: varchar("address", { length: 300 }),
    timezone: varchar("timezone", { length: 64 }).notNull(),
    floors: integer("floors").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("buildings_name_lower_key").on(sql`lower(${t.name})`),
    check("buildings_floors_check", sql`${t.floors} between 1 and 200`),
  ],
);

export const rooms = pgTable(
  "rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 120 }).notNull(),
    floor: integer("floor").notNull(),
    capacity: integer("capacity").notNull(),
    amenities: text("amenities").array().notNull().default(sql`'{}'::text[]`),
    imageUrl: varchar("image_url", { length: 500 }),
    maintenance: boolean("maintenance").notNull().default(false),
    // Floor-map rectangle; null means "lay it out automatically".
    mapX: integer("map_x"),
    mapY: integer("map_y"),
    mapWidth: integer("map_width"),
    mapHeight: integer("map_height"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rooms_building_name_lower_key").on(t.buildingId, sql`lower(${t.name})`),
    index("rooms_building_floor_idx").on(t.buildingId, t.floor),
    check("rooms_capacity_check", sql`${t.capacity} between 1 and 1000`),
    check("rooms_floor_check", sql`${t.floor} between -10 and 200`),
  ],
);

// ── bookings ────────────────────────────────────────────────────────────────

export const bookingSeries = pgTable("booking_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  roomId: uuid("room_id")
    .notNull()
    .references(() => rooms.id, { onDelete: "restrict" }),
  organizerId: uuid("organizer_id")
    .notNull()
    .references(() => users.id, { onDelete: "restrict" }),
  recurrence: jsonb("recurrence").notNull(),
  createdAt: createdAt(),
});

// The exclusion constraint "bookings_no_overlap" (btree_gist, half-open tstzrange over active bookings)
// is hand-written in migration 0001, since Drizzle cannot express it.
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "restrict" }),
    organizerId: uuid("organizer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    seriesId: uuid("series_id").references(() => bookingSeries.id, { onDelete: "set null" }),
    title: varchar("title", { length: 200 }).notNull(),
    description: varchar("description", { length: 2000 }),
    startTime: ts("start_time").notNull(),
    endTime: ts("end_time").notNull(),
    status: varchar("status", { length: 12, enum: BOOKING_STATUSES }).notNull().default("confirmed"),
    attendeeCount: integer("attendee_count").notNull().default(1),
    checkedInAt: ts("checked_in_at"),
    endedAt: ts("ended_at"),
    cancelledAt: ts("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: createdAt("updated_at"),
  },
  (t) => [
    index("bookings_room_start_idx").on(t.roomId, t.startTime),
    index("bookings_organizer_start_idx").on(t.organizerId, t.startTime),
    index("bookings_start_idx").on(t.startTime),
    index("bookings_series_idx").on(t.seriesId),
    // The sweep looks only at confirmed bookings.
    index("bookings_confirmed_start_idx").on(t.startTime).where(sql`${t.status} = 'confirmed'`),
    // The lazy release of a room's overdue no-shows: a range over the bookings still waiting for a check-in (0007).
    index("bookings_awaiting_checkin_idx")
      .on(t.roomId, t.startTime)
      .where(sql`${t.status} = 'confirmed' and ${t.checkedInAt} is null`),
    check("bookings_time_order", sql`${t.startTime} < ${t.endTime}`),
    check(
      "bookings_status_check",
      sql`${t.status} in ('confirmed', 'pending', 'cancelled', 'completed', 'no_show')`,
    ),
    check("bookings_attendee_count_check", sql`${t.attendeeCount} between 1 and 10000`),
  ],
);

export const bookingAttendees = pgTable(
  "booking_attendees",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.userId] }), index("booking_attendees_user_idx").on(t.userId)],
);

// ── panel ───────────────────────────────────────────────────────────────────

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 120 }).notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    pairedAt: createdAt("paired_at"),
    lastSeenAt: ts("last_seen_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [uniqueIndex("devices_token_hash_key").on(t.tokenHash), index("devices_room_idx").on(t.roomId)],
);

export const pairingCodes = pgTable(
  "pairing_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: varchar("code", { length: 6 }).notNull(),
    pollSecretHash: varchar("poll_secret_hash", { length: 64 }).notNull(),
    expiresAt: ts("expires_at").notNull(),
    deviceId: uuid("device_id").references(() => devices.id, { onDelete: "cascade" }),
    // Who asked for the code: the per-address rate limit counts recent rows (db/migrations/0005).
    clientAddress: varchar("client_address", { length: 64 }).notNull().default("unknown"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pairing_codes_code_key").on(t.code),
    index("pairing_codes_client_created_idx").on(t.clientAddress, t.createdAt),
    index("pairing_codes_expires_idx").on(t.expiresAt),
  ],
);

export const issueReports = pgTable(
  "issue_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    deviceId: uuid("device_id").references(() => devices.id, { onDelete: "set null" }),
    reportedById: uuid("reported_by_id").references(() => users.id, { onDelete: "set null" }),
    category: varchar("category", { length: 20, enum: ISSUE_CATEGORIES }).notNull(),
    description: varchar("description", { length: 2000 }).notNull(),
    status: varchar("status", { length: 10, enum: ["open", "resolved"] }).notNull().default("open"),
    createdAt: createdAt(),
    resolvedAt: ts("resolved_at"),
    resolvedById: uuid("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("issue_reports_status_idx").on(t.status, t.createdAt),
    check("issue_reports_category_check", sql`${t.category} in ('equipment', 'cleanliness', 'temperature', 'other')`),
    check("issue_reports_status_check", sql`${t.status} in ('open', 'resolved')`),
  ],
);

// ── notifications ───────────────────────────────────────────────────────────

export const notificationOutbox = pgTable(
  "notification_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: varchar("kind", { length: 40 }).notNull(),
    toEmail: varchar("to_email", { length: 254 }).notNull(),
    subject: varchar("subject", { length: 300 }).notNull(),
    textBody: text("text_body").notNull(),
    icsBody: text("ics_body"),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    sentAt: ts("sent_at"),
    failedAt: ts("failed_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("notification_outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`)],
);

// ── analytics ───────────────────────────────────────────────────────────────
// The daily per-room rollup of the analytics (analytics_rollup_state, analytics_room_days,
// analytics_room_day_departments), the SQL functions that compute it and the triggers that keep it exact are
// hand-written in migration 0008 and read only through lib/analytics/queries.ts.

export type UserRow = typeof users.$inferSelect;
export type BuildingRow = typeof buildings.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type SettingsRow = typeof orgSettings.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;
