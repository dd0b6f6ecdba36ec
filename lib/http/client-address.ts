import { isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The private header in which our own HTTP server records the TCP peer's address of every request. Whatever a
 * client sends under this name is overwritten (`installServerHooks` in lib/http/node-server.ts), so it can be believed.
 */
export const PEER_HEADER = "x-circle-time-peer";

/**
 * The address of the client that sent `request` (IPv4 or IPv6 text, at most 64 characters; "unknown" when there
 * is none, e.g. a request built in-process without a peer).
 *
 * With `TRUST_PROXY_HOPS` = 0 (the default) it is the TCP peer's address, and `X-Forwarded-For` is ignored:
 * anybody can write that header. With N > 0 the app sits behind N reverse proxies, each of which appends the
 * address it received the request from to `X-Forwarded-For`; the address the outermost trusted proxy appended,
 * the N-th entry from the right of `X-Forwarded-For` + the peer, is the client's. Entries further left were
 * written by the client and are never used. When the chain is shorter than N, the leftmost entry is taken.
 *
 * Used for every per-address throttle: login failures (CONTRACT §1.1) and pairing-code creation.
 */
export function clientAddress(request: Request | { headers: Headers }): string {
  const peer = request.headers.get(PEER_HEADER)?.trim() || "unknown";
  const hops = env.TRUST_PROXY_HOPS;
  if (hops === 0) return normalise(peer);
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The chain as our server received it: what the proxies appended, then the proxy that connected to us.
  const chain = [...forwarded, peer];
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]);
}

function normalise(address: string): string {
  let text = address.trim();
  // "[::1]:1234" and "1.2.3.4:5678" as some proxies write them; "::ffff:1.2.3.4" as Node reports IPv4 peers.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.replace(/:\d+$/, "");
  if (text.toLowerCase().startsWith("::ffff:") && isIP(text.slice(7)) === 4) text = text.slice(7);
  return isIP(text) ? text : "unknown";
}
