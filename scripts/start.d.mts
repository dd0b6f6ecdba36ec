/** Types of scripts/start.mjs (plain JavaScript so that `npm start` needs no TypeScript tooling). */
export function workerCount(env: { WEB_CONCURRENCY?: string; DATABASE_URL?: string }, cores: number): number;
export function startCluster(options: {
  exec: string;
  args: string[];
  count: number;
  log?: (line: string) => void;
}): { stop: (signal?: NodeJS.Signals) => Promise<void> };
