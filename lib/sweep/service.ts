import { describeError } from "@/db/client";
import { rollUpAnalytics } from "@/lib/analytics/service";
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
 * Keeps the analytics rollup (migration 0008) current: rolls it forward when a day has passed, rebuilds it after a
 * change of the business calendar. Until it has run, the analytics compute the missing dates live (exact, slower).
 * Returns what it did, or null when it failed (logged).
 */
export async function runAnalyticsRollupOnce(): Promise<"rebuilt" | "rolled" | "current" | null> {
  try {
    const started = Date.now();
    const result = await rollUpAnalytics();
    if (result !== "current") console.info(`[sweep] analytics rollup ${result} in ${Date.now() - started} ms`);
    return result;
  } catch (err) {
    console.error(`[sweep] analytics rollup: ${describeError(err)}`);
    return null;
  }
}

/** A task run now and then every `intervalMs`, never twice at once, on a timer that does not keep the process alive. */
function every(intervalMs: number, task: () => Promise<unknown>): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

/**
 * Starts the sweep inside this server process: once now, then every interval, never two passes at once. The
 * analytics rollup runs on its own timer beside it, so that rebuilding it (seconds on a large organisation) never
 * delays a no-show release. Several server instances may each run both: the transitions are idempotent single
 * statements, the outbox is claimed with SKIP LOCKED and the rollup locks its state row, so nothing happens twice.
 */
export function startSweep(intervalMs = env.SWEEP_INTERVAL_SECONDS * 1000): () => void {
  if (globalForSweep.__circleTimeSweep) return globalForSweep.__circleTimeSweep.stop;
  const stopSweep = every(intervalMs, runSweepOnce);
  const stopRollup = every(intervalMs, runAnalyticsRollupOnce);
  const stop = () => {
    stopSweep();
    stopRollup();
    globalForSweep.__circleTimeSweep = undefined;
  };
  globalForSweep.__circleTimeSweep = { stop };
  console.info(`[sweep] started: no-shows, completions, email and the analytics rollup every ${Math.round(intervalMs / 1000)} s`);
  return stop;
}
