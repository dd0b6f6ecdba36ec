import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { accessTokenTtlSeconds, signToken } from "@/lib/auth/tokens";
import { PEER_HEADER } from "@/lib/http/client-address";
import type { Handler } from "@/lib/http/route";

export const PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

/** Empties every table (keeping the system user) and restores default settings. */
export async function resetDatabase(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    truncate table notification_outbox, issue_reports, pairing_codes, devices, booking_attendees, bookings,
      booking_series, rooms, buildings, refresh_tokens, refresh_token_families, login_attempts cascade`);
  await db.execute(sql`delete from users where not is_system`);
  await db.execute(sql`delete from org_settings`);
  await db.execute(sql`insert into org_settings (id) values (1)`);
  // The analytics rollup (migration 0008) lost its rows with the rooms: nothing is rolled up any more.
  await db.execute(sql`update analytics_rollup_state set rolled_through = null`);
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  token: string;
}

export async function createTestUser(
  opts: { role?: Role; email?: string; name?: string; department?: string | null; active?: boolean } = {},
): Promise<TestUser> {
  const db = await getDb();
  passwordHash ??= hashPassword(PASSWORD);
  const suffix = crypto.randomBytes(4).toString("hex");
  const role = opts.role ?? "user";
  const [row] = await db
    .insert(users)
    .values({
      email: opts.email ?? `${role}-${suffix}@example.com`,
      name: opts.name ?? `Test ${role} ${suffix}`,
      role,
      department: opts.department ?? null,
      active: opts.active ?? true,
      passwordHash: await passwordHash,
    })
    .returning();
  return { id: row.id, email: row.email, name: row.name, role, token: await accessTokenFor(row.id, role) };
}

export function accessTokenFor(userId: string, role: Role, ttlSeconds = accessTokenTtlSeconds()): Promise<string> {
  return signToken({ sub: userId, role, type: "access", jti: crypto.randomUUID() }, ttlSeconds);
}

export interface CallOptions {
  method?: string;
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Calls an exported route handler with a real Request, as Next.js would. */
export async function call(module: Record<string, unknown>, opts: CallOptions): Promise<CallResult> {
  const method = opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? "POST" : "GET");
  const handler = module[method] as Handler;
  // The TCP peer, as our HTTP server records it (lib/http/client-address.ts); a test may name another one.
  const headers: Record<string, string> = { [PEER_HEADER]: "127.0.0.1", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const req = new Request(`http://localhost:3000${opts.path}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/**
 * Analytics tests run each figure twice: computed live from the bookings (`false`: the rollup's watermark cleared),
 * and read from the rollup of migration 0008 (`true`: rolled forward to two days before today, as the sweep does).
 */
export async function setAnalyticsRollup(on: boolean): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update analytics_rollup_state set rolled_through = null`);
  if (on) {
    const { rollUpAnalytics } = await import("@/lib/analytics/service");
    const result = await rollUpAnalytics();
    if (result !== "rebuilt") throw new Error(`expected the analytics rollup to be rebuilt, got ${result}`);
  }
}
