import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installServerHooks } from "./node-server";

// The server hooks of lib/http/node-server.ts on a real Node.js HTTP server (the one `next start` runs is one too).
let server: http.Server;
let port: number;

beforeAll(async () => {
  installServerHooks();
  server = http.createServer((req, res) => {
    // Next.js appends a route's own headers: an answer with its own policy (the HTML of /api/docs).
    if (req.url === "/api/docs") res.appendHeader("content-security-policy", "default-src 'self'");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ success: true, data: "reached the route" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
});

/** A raw request, so that methods and paths fetch would refuse or normalise go out as written. */
function raw(text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString();
      const end = answer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(answer.slice(0, end))?.[1] ?? "-1");
      if (length >= 0 && Buffer.byteLength(answer.slice(end + 4)) >= length) socket.end();
    });
    socket.on("close", () => {
      const end = answer.indexOf("\r\n\r\n");
      resolve({ status: Number(answer.slice(9, 12)), headers: answer.slice(0, end), body: answer.slice(end + 4) });
    });
    socket.on("error", reject);
  });
}

describe("HTTP edges before Next.js routes the request (issue 10 point 10)", () => {
  it("answers TRACE, unknown methods, bad percent-escapes, /api, /api/ and // with the JSON envelope", async () => {
    const cases: [string, number][] = [
      ["TRACE /api/health HTTP/1.1", 405],
      ["FOO /api/health HTTP/1.1", 405],
      ["GET /api/bookings/%FF HTTP/1.1", 404],
      ["GET /api/bookings/%E0%A4%A HTTP/1.1", 404],
      ["GET /api/bookings/a%00b HTTP/1.1", 404],
      ["GET /api HTTP/1.1", 404],
      ["GET /api/ HTTP/1.1", 404],
      ["GET /api//bookings HTTP/1.1", 404],
      // The same in absolute form (the target a client sends to a proxy), which Next.js answers with a 308 to itself.
      ["TRACE http://localhost/api/health HTTP/1.1", 405],
      ["GET http://localhost/api/bookings/%FF HTTP/1.1", 404],
      ["GET http://localhost/api HTTP/1.1", 404],
    ];
    for (const [line, status] of cases) {
      const res = await raw(`${line}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(res.status, line).toBe(status);
      expect(res.headers).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(res.body)).toMatchObject({ success: false, code: status === 405 ? "method_not_allowed" : "not_found" });
      if (status === 405) expect(res.headers).toMatch(/allow: GET, HEAD, POST/i);
    }
  });

  it("lets other API requests through, with the security headers", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await res.json()).toEqual({ success: true, data: "reached the route" });
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("reads an absolute-form target as its path, so its API answer gets the security headers too", async () => {
    const res = await raw("GET http://localhost:1/api/health?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ success: true, data: "reached the route" });
    expect(res.headers).toMatch(/x-content-type-options: nosniff/i);
  });

  it("keeps an answer's own Content-Security-Policy instead of adding a second one", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/docs`);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers CONNECT with a 405 instead of closing the socket", async () => {
    const res = await raw("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, code: "method_not_allowed" });
  });
});
