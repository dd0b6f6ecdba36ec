/** Next.js start-up hook: validates the environment and starts the background sweep in the Node.js server. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Importing lib/env fails fast, with a clear message, when the configuration is wrong.
  const { env } = await import("@/lib/env");
  // The login throttle needs the TCP peer's address, which Next.js does not pass to route handlers.
  const { recordPeerAddresses } = await import("@/lib/http/client-address");
  recordPeerAddresses();
  if (env.DISABLE_SWEEP) {
    console.info("[sweep] disabled by DISABLE_SWEEP; no-shows are then released only when a room is read");
    return;
  }
  const { startSweep } = await import("@/lib/sweep/service");
  startSweep();
}
