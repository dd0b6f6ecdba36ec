/**
 * Lighthouse (12.2.3) performance and accessibility of "Find a room" (/rooms) and "A room's day"
 * (/rooms/[roomId]), signed in, against a running server (UI.md: both at least 90). Runs Debian's Chromium
 * headless through chrome-launcher; prints one line per page and form factor, and exits non-zero below 90.
 *
 *   npm run lighthouse                                   # against http://127.0.0.1:3000 (npm run demo)
 *   LIGHTHOUSE_BASE_URL=http://127.0.0.1:3204 npm run lighthouse
 *
 * Env: LIGHTHOUSE_BASE_URL, LIGHTHOUSE_EMAIL / LIGHTHOUSE_PASSWORD (default: the demo member),
 * CHROMIUM_PATH (default /usr/bin/chromium), LIGHTHOUSE_FORM_FACTORS (default "mobile,desktop").
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Flags } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { sessionCookie } from "./page-session";

const base = (process.env.LIGHTHOUSE_BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const email = process.env.LIGHTHOUSE_EMAIL ?? "ada.lovelace@circletime.dev";
const password = process.env.LIGHTHOUSE_PASSWORD ?? "circle-time-demo";
const formFactors = (process.env.LIGHTHOUSE_FORM_FACTORS ?? "mobile,desktop").split(",").map((s) => s.trim());
const THRESHOLD = 90;

async function firstRoomId(): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const token = ((await login.json()) as { data: { access: string } }).data.access;
  const rooms = await fetch(`${base}/api/rooms`, { headers: { authorization: `Bearer ${token}` } });
  const list = ((await rooms.json()) as { data: { id: string; status: string }[] }).data;
  const room = list.find((r) => r.status !== "maintenance") ?? list[0];
  if (!room) throw new Error("No rooms: seed the database first (npm run db:seed)");
  return room.id;
}

async function main() {
  const cookie = await sessionCookie(base, email, password);
  const roomId = await firstRoomId();
  const pages = [
    { name: "/rooms", url: `${base}/rooms` },
    { name: "/rooms/[roomId]", url: `${base}/rooms/${roomId}` },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  let failed = false;
  try {
    for (const formFactor of formFactors) {
      for (const page of pages) {
        const flags: Flags = {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: { Cookie: cookie },
        };
        const result = await lighthouse(page.url, flags, formFactor === "desktop" ? desktopConfig : undefined);
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        const { categories, audits, finalDisplayedUrl, runtimeError } = result.lhr;
        if (runtimeError) console.error(`${page.name} ${formFactor}: Lighthouse could not measure: ${runtimeError.code} ${runtimeError.message}`);
        if (!finalDisplayedUrl.startsWith(page.url.split("?")[0])) throw new Error(`${page.url} ended at ${finalDisplayedUrl} (not signed in?)`);
        const performance = Math.round((categories.performance.score ?? 0) * 100);
        const accessibility = Math.round((categories.accessibility.score ?? 0) * 100);
        const metric = (id: string) => audits[id]?.displayValue ?? "–";
        console.log(
          `${page.name.padEnd(16)} ${formFactor.padEnd(7)} performance ${String(performance).padStart(3)}  accessibility ${String(accessibility).padStart(3)}` +
            `  (FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")})`,
        );
        if (performance < THRESHOLD || accessibility < THRESHOLD) failed = true;
      }
    }
  } finally {
    chrome.kill();
  }
  if (failed) {
    console.error(`Below ${THRESHOLD} somewhere above.`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
