import http from "node:http";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";

// Issue 10 points 8, 10 and 11 over real HTTP against `next start`: what only the real server shows.
const port = Number(process.env.E2E_PORT ?? 3100);
const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo" };

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("pageerror", (err) => violations.push(err.message));
  return violations;
}

test("pages carry a nonce-based CSP and the security headers, and still work in Chromium", async ({ page }) => {
  const violations = watchCsp(page);
  const res = await page.goto("/login");
  const headers = res!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("img-src 'self' data: blob:");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // APP_URL is http here: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // A new nonce every time, on Next.js's own scripts.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const again = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce);

  // The page hydrates under the policy: the sign-in form works, and so does the signed-in page.
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(violations).toEqual([]);
});

test("API answers carry the security headers too", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

test("HTTP edges answer with the JSON envelope", async ({ request }) => {
  const expectEnvelope = async (res: Awaited<ReturnType<typeof request.get>>, status: number, code: string) => {
    expect(res.status()).toBe(status);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(await res.json()).toMatchObject({ success: false, code });
  };
  await expectEnvelope(await request.get("/api/bookings/%FF"), 404, "not_found");
  await expectEnvelope(await request.get("/api/rooms/%E0%A4%A"), 404, "not_found");
  await expectEnvelope(await request.get("/api"), 404, "not_found");
  await expectEnvelope(await request.get("/api/"), 404, "not_found");
  await expectEnvelope(await request.get("/api//bookings", { maxRedirects: 0 }), 404, "not_found");
  for (const method of ["TRACE", "FOO"]) {
    const res = await request.fetch("/api/health", { method });
    await expectEnvelope(res, 405, "method_not_allowed");
    expect(res.headers()["allow"]).toContain("GET");
  }
});

test("CONNECT gets a 405 envelope", async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
    let text = "";
    socket.on("data", (d) => (text += d.toString()));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 405 /);
});

test("a 16 MiB chunked body is refused with 413 without being read whole", async () => {
  const started = Date.now();
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/api/auth/login", method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" || (err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 256) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
  expect(status).toBe(413);
  expect(Date.now() - started).toBeLessThan(20_000);
});

test("a forged X-Forwarded-For neither escapes the login throttle nor locks out the address it names", async ({ request }) => {
  // No such user (failures count all the same), new each run: the throttle remembers for 15 minutes.
  const email = `throttle-probe-${Date.now()}@example.com`;
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await request.post("/api/auth/login", {
      data: { email, password: "wrong-password-here" },
      headers: { "x-forwarded-for": `198.51.100.${i + 1}`, "x-circle-time-peer": `198.51.100.${i + 1}` },
    });
    statuses.push(res.status());
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
});
