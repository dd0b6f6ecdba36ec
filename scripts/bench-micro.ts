import "./load-env";
import crypto from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/**
 * `npx tsx scripts/bench-micro.ts` — small in-process measurements behind two choices, not part of the tests:
 * 1. verifying an access token with the key as raw bytes (jose imports it on every call) or as a CryptoKey
 *    imported once (lib/auth/tokens.ts);
 * 2. with BENCH_DATABASE_URL set (a database `npm run bench:api` seeded): the wall and Node CPU time of one
 *    rooms list (lib/rooms/service.ts listRooms) and its status query at the moment of the run;
 * 3. with it too, our whole share of a request: the route handlers of GET /api/health and GET /api/rooms called
 *    with a real Request (caller, validation, service, envelope, CORS), as Next.js calls them. What a request
 *    costs the server beyond this (compare the CPU per request of `npm start -- --experimental-cpu-prof`, see
 *    scripts/profile-summary.ts) is Next.js's routing and Node's HTTP.
 */
async function main() {
  const raw = crypto.createHash("sha256").update("bench").digest();
  const imported = await crypto.webcrypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const token = await new SignJWT({ role: "user", type: "access" }).setProtectedHeader({ alg: "HS256" }).setSubject("a").setExpirationTime("1h").sign(raw);
  for (const [name, key] of [["raw bytes", raw], ["CryptoKey", imported]] as const) {
    await time(`jwtVerify, key as ${name}`, 5000, () => jwtVerify(token, key, { algorithms: ["HS256"] }));
  }

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return console.log("(set BENCH_DATABASE_URL to also time the rooms list)");
  process.env.DATABASE_URL = url;
  process.env.DISABLE_SWEEP = "true";
  const { getDb, closeDb } = await import("@/db/client");
  const { listRooms } = await import("@/lib/rooms/service");
  await getDb();
  const ada = { kind: "user", userId: "00000000-0000-4000-8000-000000000000", role: "user", via: "token" } as const;
  const rooms = await listRooms(ada, {});
  const busy = rooms.filter((r) => r.status === "occupied" || r.status === "reserved").length;
  await time(`listRooms (${rooms.length} rooms, ${busy} occupied or reserved now)`, 500, () => listRooms(ada, {}));

  const { signToken } = await import("@/lib/auth/tokens");
  const bearer = `Bearer ${await signToken({ sub: ada.userId, role: "user", type: "access", jti: crypto.randomUUID() }, 3600)}`;
  const health = await import("@/app/api/health/route");
  const roomsRoute = await import("@/app/api/rooms/route");
  const noParams = { params: Promise.resolve({}) };
  const handle = async (handler: typeof health.GET, path: string, headers: Record<string, string>) => {
    const res = await handler(new Request(`http://127.0.0.1:3000${path}`, { headers }), noParams);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
  };
  await time("route handler GET /api/health (Request → Response body)", 5000, () => handle(health.GET, "/api/health", {}));
  await time("route handler GET /api/rooms (Request → Response body)", 500, () =>
    handle(roomsRoute.GET, "/api/rooms", { authorization: bearer }),
  );
  await closeDb();
}

async function time(name: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(300, n); i++) await fn();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const wallUs = Number(process.hrtime.bigint() - started) / 1000 / n;
  const used = process.cpuUsage(cpu);
  console.log(`${name}: ${wallUs.toFixed(0)} µs wall, ${((used.user + used.system) / n).toFixed(0)} µs Node CPU per call`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
