import { eq, sql } from "drizzle-orm";
import { getDb, listen, selectRows } from "@/db/client";
import { users, type Role } from "@/db/schema";

/**
 * Issue 10 point 9: what an access or refresh token is checked against, kept in memory so that verifying a token
 * costs no database read, and kept current through PostgreSQL LISTEN/NOTIFY so that a revocation reaches every
 * server process within a second. Per user: the token version (tokens issued under an older one are refused), the
 * current role (a demoted admin's token carries "admin" but is no longer believed) and whether the user may sign in.
 * The triggers of migration 0004 announce every change on channel `user_tokens`.
 */
export interface TokenState {
  version: number;
  role: Role;
  /** Active and not a system user. */
  active: boolean;
}

export const USER_TOKENS_CHANNEL = "user_tokens";

interface Cache {
  states: Map<string, TokenState>;
  ready?: Promise<void>;
}

const globalForTokens = globalThis as unknown as { __circleTimeTokenStates?: Cache };
const cache: Cache = (globalForTokens.__circleTimeTokenStates ??= { states: new Map() });

type Announcement = { id: string; deleted: true } | ({ id: string } & TokenState);

function apply(payload: string): void {
  let message: Announcement;
  try {
    message = JSON.parse(payload) as Announcement;
  } catch {
    return;
  }
  if (typeof message.id !== "string") return;
  if ("deleted" in message) {
    cache.states.delete(message.id);
    return;
  }
  // Versions only move forward: an announcement overtaken by a fresher read is ignored.
  const known = cache.states.get(message.id);
  if (known && known.version > message.version) return;
  cache.states.set(message.id, { version: message.version, role: message.role, active: message.active });
}

async function loadAll(): Promise<void> {
  const rows = await selectRows<{ id: string; token_version: number; role: Role; active: boolean }>(
    await getDb(),
    sql`select id, token_version, role, active and not is_system as active from users`,
  );
  // Announcements that arrive while this runs carry newer states than the snapshot, or the same.
  for (const row of rows) cache.states.set(row.id, { version: row.token_version, role: row.role, active: row.active });
}

/**
 * Starts listening (once per process) and loads every user's state; again after a lost connection comes back, so
 * a change announced while it was down is not missed. The listener is started before the snapshot is read, so no
 * change falls between the two. Called at start-up (instrumentation.ts) and by the first token check.
 */
export function tokenStatesReady(): Promise<void> {
  cache.ready ??= (async () => {
    let first = true;
    await listen(USER_TOKENS_CHANNEL, apply, () => {
      if (first) first = false;
      else void loadAll().catch(() => cache.states.clear());
    });
    await loadAll();
  })().catch((err) => {
    cache.ready = undefined;
    throw err;
  });
  return cache.ready;
}

/**
 * A user's token state: from memory, or — for a user this process has not heard of yet (created a moment ago on
 * another instance) — from the database once. `undefined` when there is no such user.
 */
export async function tokenState(userId: string): Promise<TokenState | undefined> {
  await tokenStatesReady();
  const known = cache.states.get(userId);
  if (known) return known;
  const [row] = await (await getDb())
    .select({ version: users.tokenVersion, role: users.role, active: users.active, isSystem: users.isSystem })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return undefined;
  const state = { version: row.version, role: row.role, active: row.active && !row.isSystem };
  cache.states.set(userId, state);
  return state;
}

/**
 * Drops this process's copy of a user's state after a change it just committed, so its very next request reads
 * the new one instead of waiting for the announcement (other processes get that within milliseconds).
 */
export function forgetTokenState(userId: string): void {
  cache.states.delete(userId);
}
