import http from "node:http";
import type { Duplex } from "node:stream";
import { env } from "@/lib/env";
import { PEER_HEADER } from "./client-address";
import { API_METHODS, apiEdgeAnswer, apiSecurityHeaders, isApiPath } from "./edges";

let installed = false;

/**
 * Hooks into every Node.js HTTP server of this process (installed by `instrumentation.ts` at start-up;
 * idempotent), for what Next.js does not let a route see or answer, before Next.js reads the request:
 * - each request's TCP peer address is recorded in `PEER_HEADER`, overwriting a value a client may have sent
 *   (Next.js hands route handlers no socket and keeps a client's `X-Forwarded-For` as it is), for `clientAddress`;
 * - every /api answer gets the security headers (issue 10 point 11), and the requests Next.js would answer outside
 *   the envelope get the JSON 404/405 (`apiEdgeAnswer`, point 10). This is done here rather than in `proxy.ts`
 *   because Next.js reads the whole body of every request its proxy sees (up to 10 MB), which would defeat the
 *   streaming 64 KiB limit of the route wrapper;
 * - a `CONNECT` request, whose socket Node.js closes without an answer, gets the JSON 405.
 */
export function installServerHooks(): void {
  if (installed) return;
  installed = true;
  const https = env.APP_URL.startsWith("https:");
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function hookedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
      // An absolute-form target (`GET http://host/api/x`, RFC 9112 §3.2.2: what clients send to a proxy) is read
      // as its path, as the RFC asks of a server; Next.js would answer it with a 308 to itself, past the edges below.
      if (req.url && ABSOLUTE_FORM.test(req.url)) req.url = originForm(req.url);
      const url = req.url ?? "/";
      if (isApiPath(url)) {
        addMissingHeaders(res, apiSecurityHeaders(https));
        const edge = apiEdgeAnswer(req.method ?? "GET", url);
        if (edge) {
          res.writeHead(edge.status, { ...edge.headers, "content-length": Buffer.byteLength(edge.body), connection: "close" });
          res.end(req.method === "HEAD" ? undefined : edge.body);
          req.resume();
          return true;
        }
      }
    } else if (event === "connection") {
      // Node.js destroys the socket of a CONNECT when the server has no "connect" listener, and answers a request
      // it cannot parse (an unknown method, say) with an empty 400: give both the envelope.
      if (this.listenerCount("connect") === 0) {
        this.on("connect", (_req: http.IncomingMessage, socket: Duplex) => rawAnswer(socket, 405, "Method CONNECT is not allowed here", "method_not_allowed", https));
      }
      if (this.listenerCount("clientError") === 0) this.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, https));
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/** `http://host:1/a/b?q` → `/a/b?q`, keeping the path's encoding as sent. */
function originForm(url: string): string {
  const rest = url.replace(ABSOLUTE_FORM, "");
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/**
 * Gives a response the headers it does not set itself, when its head is written: an API answer that brings its own
 * policy (the HTML of /api/docs) keeps it instead of getting a second, stricter one next to it.
 */
function addMissingHeaders(res: http.ServerResponse, headers: Record<string, string>): void {
  const writeHead = res.writeHead as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = function withSecurityHeaders(this: http.ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      for (const [name, value] of Object.entries(headers)) if (!this.hasHeader(name)) this.setHeader(name, value);
    }
    return writeHead.apply(this, args);
  } as typeof res.writeHead;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 431: "Request Header Fields Too Large" };

function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, https: boolean): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (err.code === "HPE_INVALID_METHOD") rawAnswer(socket, 405, "This method is not allowed here", "method_not_allowed", https);
  else if (err.code === "HPE_HEADER_OVERFLOW") rawAnswer(socket, 431, "Request headers are too large", "headers_too_large", https);
  else rawAnswer(socket, 400, "Malformed HTTP request", "bad_request", https);
}

/** Writes a JSON envelope straight to a socket Node.js has not made a response for, then closes it. */
function rawAnswer(socket: Duplex, status: number, message: string, code: string, https: boolean): void {
  const body = JSON.stringify({ success: false, message, code });
  const headers: Record<string, string> = { ...apiSecurityHeaders(https), "content-type": "application/json; charset=utf-8" };
  if (status === 405) headers.allow = API_METHODS.join(", ");
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
      Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("") +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n` +
      body,
  );
}
