import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Health } from "./schemas";

const TIMEOUT_MS = 3000;

/** CONTRACT §6: `{ status, database }`; the database counts as down when it does not answer in time. */
export async function checkHealth(): Promise<Health> {
  try {
    // One timer for opening the handle and the round trip together.
    await withTimeout(getDb().then((db) => db.execute(sql`select 1`)));
    return { status: "ok", database: "ok" };
  } catch (err) {
    console.error("Health check failed:", (err as Error).message);
    return { status: "degraded", database: "unreachable" };
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
