/**
 * Server time of the signed-in pages (UI.md: "/rooms answers in under 200 ms on the demo data"): requests each
 * page `BENCH_PAGE_REQUESTS` times (default 30, after 3 uncounted warm-ups) one after another, reading the whole
 * streamed answer, and prints p50, p95 and max. Against a running server (`npm run demo`).
 *
 *   BENCH_BASE_URL=http://127.0.0.1:3000 npx tsx scripts/bench-pages.ts
 */
import { sessionCookie } from "./page-session";

const base = (process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const requests = Number(process.env.BENCH_PAGE_REQUESTS ?? 30);
const email = process.env.BENCH_EMAIL ?? "ada.lovelace@circletime.dev";
const password = process.env.BENCH_PASSWORD ?? "circle-time-demo";

async function time(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  await res.arrayBuffer();
  return performance.now() - start;
}

async function main() {
  const cookie = await sessionCookie(base, email, password);
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const token = ((await login.json()) as { data: { access: string } }).data.access;
  const rooms = ((await (await fetch(`${base}/api/rooms`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { id: string }[] }).data;
  const pages = ["/rooms", "/rooms?minCapacity=6&amenities=whiteboard&status=available", `/rooms/${rooms[0].id}`, "/bookings"];
  for (const page of pages) {
    for (let i = 0; i < 3; i++) await time(base + page, cookie);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await time(base + page, cookie));
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
    console.log(`${page.padEnd(60)} p50 ${at(0.5).padStart(4)} ms  p95 ${at(0.95).padStart(4)} ms  max ${at(1).padStart(4)} ms  (${requests} requests)`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
