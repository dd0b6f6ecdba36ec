/** Next.js start-up hook: validates the environment and starts the background sweep in the Node.js server. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Importing lib/env fails fast, with a clear message, when the configuration is wrong.
  const { env } = await import("@/lib/env");
  // The TCP peer's address for the throttles, and an answer to CONNECT (lib/http/node-server.ts).
  const { installServerHooks } = await import("@/lib/http/node-server");
  installServerHooks();
  // Token revocation: every user's token state in memory, kept current through LISTEN/NOTIFY (lib/auth/revocation.ts).
  const { tokenStatesReady } = await import("@/lib/auth/revocation");
  await tokenStatesReady().catch((err) => console.error(`[auth] token states not loaded yet: ${(err as Error).message}`));
  // PostgreSQL's time zone names for the shared time-zone type, also where pages' server actions validate input.
  const { databaseTimeZonesReady } = await import("@/lib/time-zones");
  await databaseTimeZonesReady().catch((err) => console.error(`[time] zone names not loaded yet: ${(err as Error).message}`));
  if (env.DISABLE_SWEEP) {
    console.info("[sweep] disabled by DISABLE_SWEEP; no-shows are then released only when a room is read");
    return;
  }
  if (env.WORKER_INDEX !== undefined && env.WORKER_INDEX !== 1) {
    // Under `npm start`'s cluster the first worker sweeps for all (a replacement keeps its index); another pass
    // from each worker would be safe but redundant work.
    return;
  }
  const { startSweep } = await import("@/lib/sweep/service");
  startSweep();
}
