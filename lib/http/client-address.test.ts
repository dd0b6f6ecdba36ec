import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { clientAddress, PEER_HEADER } from "./client-address";
import { installServerHooks } from "./node-server";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

describe("clientAddress (issue 10 point 8)", () => {
  afterEach(() => {
    env.TRUST_PROXY_HOPS = 0;
  });

  it("ignores X-Forwarded-For by default: the TCP peer is the client", () => {
    expect(clientAddress(request({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.1" }))).toBe("198.51.100.7");
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.1" }))).toBe("unknown");
    expect(clientAddress(request({ [PEER_HEADER]: "::ffff:10.0.0.5" }))).toBe("10.0.0.5");
  });

  it("with TRUST_PROXY_HOPS=N takes the address the outermost trusted proxy appended, not the client's", () => {
    env.TRUST_PROXY_HOPS = 1;
    // The client wrote "1.1.1.1"; our proxy (the peer, 10.0.0.2) appended the address it saw.
    const viaOne = request({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "1.1.1.1, 198.51.100.7" });
    expect(clientAddress(viaOne)).toBe("198.51.100.7");
    env.TRUST_PROXY_HOPS = 2;
    const viaTwo = request({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.0.0.9" });
    expect(clientAddress(viaTwo)).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost there is.
    expect(clientAddress(request({ [PEER_HEADER]: "10.0.0.2" }))).toBe("10.0.0.2");
    // Garbage written by a client never becomes an address.
    env.TRUST_PROXY_HOPS = 1;
    expect(clientAddress(request({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "<script>" }))).toBe("unknown");
  });

  it("a real HTTP server records the socket's address, overwriting what the client sent", async () => {
    installServerHooks();
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.66" } });
      expect(await res.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      server.close();
    }
  });
});

