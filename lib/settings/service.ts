import { getDb, sqlState, type Executor } from "@/db/client";
import type { SettingsRow } from "@/db/schema";
import { Invalid } from "@/lib/errors";
import { notifyAllRoomsChanged } from "@/lib/realtime/service";
import type { SQL } from "drizzle-orm";
import * as q from "./queries";
import { readSettings, writeSettings } from "./queries";
import type { Settings, UpdateSettingsInput } from "./schemas";

function toSettings(row: SettingsRow): Settings {
  return {
    orgName: row.orgName,
    timezone: row.timezone,
    checkinWindowMinutes: row.checkinWindowMinutes,
    autoReleaseMinutes: row.autoReleaseMinutes,
    businessDays: [...row.businessDays].sort((a, b) => a - b),
    businessStart: row.businessStart,
    businessEnd: row.businessEnd,
    minBookingMinutes: row.minBookingMinutes,
    maxBookingMinutes: row.maxBookingMinutes,
    bookingHorizonDays: row.bookingHorizonDays,
  };
}

/** The organisation settings; pass a transaction to read them inside it. */
export async function getSettings(db?: Executor): Promise<Settings> {
  return toSettings(await readSettings(db ?? (await getDb())));
}

/**
 * The settings' version as an expression for another domain's statement (a new booking's room read): with it,
 * `getSettingsAt` answers from this process's copy while the row is unchanged, without a statement of its own.
 */
export function settingsVersion(): SQL<string | null> {
  return q.settingsVersion;
}

/** This process's copy of the settings and the version it was read at (frozen: handed to every caller). */
let remembered: { version: string; settings: Readonly<Settings> } | undefined;

/**
 * The settings as of `version` (read by `settingsVersion()` in the caller's statement, so as current as that
 * statement): the copy when it has that version, else read again (and kept). A changed row has a new version.
 */
export async function getSettingsAt(version: string | null, db?: Executor): Promise<Readonly<Settings>> {
  if (version !== null && remembered?.version === version) return remembered.settings;
  const found = await q.readVersionedSettings(db ?? (await getDb()));
  if (!found) return getSettings(db);
  const settings = toSettings(found.row);
  Object.freeze(settings.businessDays);
  remembered = { version: found.version, settings: Object.freeze(settings) };
  return settings;
}

export async function updateSettings(patch: UpdateSettingsInput): Promise<Settings> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const merged = { ...toSettings(await readSettings(tx)), ...patch };
    if (merged.businessStart >= merged.businessEnd) {
      throw Invalid.field(patch.businessEnd ? "businessEnd" : "businessStart", "business hours must end after they start");
    }
    if (merged.minBookingMinutes > merged.maxBookingMinutes) {
      throw Invalid.field(
        patch.maxBookingMinutes !== undefined ? "maxBookingMinutes" : "minBookingMinutes",
        "minBookingMinutes must not exceed maxBookingMinutes",
      );
    }
    try {
      const written = toSettings(await writeSettings(tx, patch));
      // DOMAIN §6: the check-in window and auto-release are part of every room's panel state.
      await notifyAllRoomsChanged(tx);
      return written;
    } catch (err) {
      if (sqlState(err) === "23514") throw new Invalid("A setting is out of range");
      throw err;
    }
  });
}
