import { describeError } from "@/db/client";
import { runLifecycleTransitions } from "@/lib/lifecycle/service";
import { env } from "@/lib/env";
import { deliverPendingEmails } from "@/lib/notifications/service";

export interface SweepReport {
  noShows: number;
  completed: number;
  emailsSent: number;
  emailsRetried: number;
  errors: string[];
}

/**
 * One pass of the background work of DOMAIN §2 and §5: release no-shows, complete finished meetings,
 * deliver email. Each step is guarded so that one failing does not stop the others.
 */
export async function runSweepOnce(): Promise<SweepReport> {
  const report: SweepReport = { noShows: 0, completed: 0, emailsSent: 0, emailsRetried: 0, errors: [] };
  try {
    Object.assign(report, await runLifecycleTransitions());
  } catch (err) {
    report.errors.push(`lifecycle: ${describeError(err)}`);
  }
  try {
    const delivery = await deliverPendingEmails();
    report.emailsSent = delivery.sent;
    report.emailsRetried = delivery.retried;
  } catch (err) {
    report.errors.push(`email: ${describeError(err)}`);
  }
  for (const error of report.errors) console.error(`[sweep] ${error}`);
  return report;
}

const globalForSweep = globalThis as unknown as { __circleTimeSweep?: { stop: () => void } };

/**
 * Starts the sweep inside this server process: once now, then every interval, never two passes at once.
 * Several server instances may each run it: the transitions are idempotent single statements and the
 * outbox is claimed with SKIP LOCKED, so nothing happens twice.
 */
export function startSweep(intervalMs = env.SWEEP_INTERVAL_SECONDS * 1000): () => void {
  if (globalForSweep.__circleTimeSweep) return globalForSweep.__circleTimeSweep.stop;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runSweepOnce();
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  const stop = () => {
    clearInterval(timer);
    globalForSweep.__circleTimeSweep = undefined;
  };
  globalForSweep.__circleTimeSweep = { stop };
  console.info(`[sweep] started: no-shows, completions and email every ${Math.round(intervalMs / 1000)} s`);
  return stop;
}
