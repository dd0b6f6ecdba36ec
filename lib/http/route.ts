import crypto from "node:crypto";
import { z } from "zod";
import { describeError, sqlState } from "@/db/client";
import { resolvePrincipal } from "@/lib/auth/resolve";
import { isAdmin, type DevicePrincipal, type Principal, type UserPrincipal } from "@/lib/auth/principal";
import { DomainError, Forbidden, Invalid, NotFound, Unauthorized } from "@/lib/errors";
import { databaseTimeZonesReady } from "@/lib/time-zones";
import { corsHeaders } from "./cors";
import { errorResponse, json, Reply } from "./envelope";

export { Reply } from "./envelope";

export const MAX_BODY_BYTES = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// CONTRACT §0: V1's snake_case query names are accepted beside the camelCase ones.
const QUERY_ALIASES: Record<string, string> = {
  start_date: "startDate",
  end_date: "endDate",
  min_capacity: "minCapacity",
  searchQuery: "search",
  available_from: "availableFrom",
  available_to: "availableTo",
  include_cancelled: "includeCancelled",
};

/**
 * Who may call: "none" — anyone, and the caller is not even looked at (no token check: the health probe's hot
 * path); "public" — anyone, the caller resolved when there is one; "user", "admin", "user-or-device".
 */
type Access = "none" | "public" | "user" | "admin" | "user-or-device";
type PrincipalFor<A extends Access> = A extends "none"
  ? null
  : A extends "public"
    ? Principal | null
    : A extends "user-or-device"
      ? Principal
      : UserPrincipal;

export interface Context<A extends Access, B, Q> {
  req: Request;
  principal: PrincipalFor<A>;
  body: B;
  query: Q;
  params: Record<string, string>;
}

interface Options<A extends Access, B extends z.ZodType, Q extends z.ZodType> {
  auth: A;
  body?: B;
  query?: Q;
  /** Accept the token as `?token=` too (EventSource cannot send headers). */
  tokenInQuery?: boolean;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type Handler = (req: Request, ctx: RouteContext) => Promise<Response>;

/**
 * The one wrapper for every /api handler: resolves the caller, validates params, query and body with zod,
 * calls the service, and turns the result or the domain error into the envelope of CONTRACT §0.
 */
export function route<A extends Access, B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  options: Options<A, B, Q>,
  fn: (ctx: Context<A, z.infer<B>, z.infer<Q>>) => Promise<unknown>,
): Handler {
  return async (req, routeCtx) => {
    try {
      const params = await readParams(routeCtx);
      const principal = options.auth === "none" ? null : await authorize(req, options);
      // The time-zone type checks PostgreSQL's zone names, loaded once per process (lib/time-zones.ts).
      if (options.query || options.body) await databaseTimeZonesReady();
      const query = options.query ? parse(options.query, readQuery(req), "query") : undefined;
      const body = options.body ? parse(options.body, await readJsonBody(req)) : undefined;
      const result = await fn({ req, principal, body, query, params } as Context<A, z.infer<B>, z.infer<Q>>);
      const response = result instanceof Response ? result : toResponse(result);
      return withCors(req, response);
    } catch (err) {
      return withCors(req, errorToResponse(err, req));
    }
  };
}

function toResponse(result: unknown): Response {
  if (result instanceof Reply) {
    return json({ success: true, data: result.data, ...(result.message ? { message: result.message } : {}) }, result.status);
  }
  return json({ success: true, data: result ?? null }, 200);
}

async function readParams(ctx: RouteContext | undefined): Promise<Record<string, string>> {
  const raw = ctx?.params ? await ctx.params : undefined;
  const params: Record<string, string> = {};
  if (!raw) return params;
  for (const [name, value] of Object.entries(raw)) {
    const text = Array.isArray(value) ? value.join("/") : value;
    // A path segment that is not well-formed text (a bad percent-escape Next.js left as it was) names nothing.
    if (!text.isWellFormed() || /[\u0000-\u001F\u007F]/.test(text)) throw new NotFound();
    // CONTRACT §0: an id that is not a UUID cannot name anything, so it is a 404, never a 500.
    if ((name === "id" || name.endsWith("Id")) && !UUID.test(text)) throw new NotFound();
    params[name] = text;
  }
  return params;
}

async function authorize(req: Request, options: Options<Access, z.ZodType, z.ZodType>): Promise<Principal | null> {
  const principal = await resolvePrincipal(req, { tokenInQuery: options.tokenInQuery ?? false });
  if (options.auth === "public") return principal;
  if (!principal) throw new Unauthorized();
  if (principal.kind === "user" && principal.via === "session" && !isSafeMethod(req.method)) {
    assertSameOrigin(req);
  }
  if (principal.kind === "device" && options.auth !== "user-or-device") {
    throw new Forbidden("A door tablet may only use the panel endpoints of its own room");
  }
  if (options.auth === "admin" && !isAdmin(principal)) throw new Forbidden("Administrators only");
  return principal;
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** CONTRACT §0: a cookie-authenticated change must come from our own pages. */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  if (!origin) throw new Forbidden("Cross-origin request refused");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Forbidden("Cross-origin request refused");
  }
  if (originHost !== host) throw new Forbidden("Cross-origin request refused");
}

function readQuery(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  // Most requests have no query string: no URL to parse then.
  if (!req.url.includes("?")) return query;
  // URLSearchParams turns a bad percent-escape into U+FFFD; the shared text type refuses control characters.
  for (const [name, value] of new URL(req.url).searchParams) {
    if (name === "token") continue;
    query[QUERY_ALIASES[name] ?? name] = value;
  }
  return query;
}

/**
 * The request body as JSON (issue 10 points 1 and 10): read as a stream and refused with 413 as soon as it passes
 * MAX_BODY_BYTES, whatever the framing (Content-Length or chunked); decoded as strict UTF-8 (400 on invalid bytes,
 * never replacement characters); 415 when it is sent as anything but JSON. An empty body is `{}`.
 */
async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLarge();
  const bytes = await readLimited(req.body);
  if (bytes.byteLength === 0) return {};
  const type = req.headers.get("content-type");
  if (type !== null && !isJsonType(type)) throw new UnsupportedMediaType();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).trim();
  } catch {
    throw new Invalid("Request body is not valid UTF-8");
  }
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("Request body must be valid JSON");
  }
}

function isJsonType(contentType: string): boolean {
  const essence = contentType.split(";")[0].trim().toLowerCase();
  return essence === "application/json" || /^application\/[\w.+-]+\+json$/.test(essence);
}

async function readLimited(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch {
      // The client went away mid-body (Node's "aborted"): its fault, not a server error to log as a 500.
      throw new Invalid("Request body ended before it was complete");
    }
    const { done, value } = part;
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

class PayloadTooLarge extends DomainError {
  constructor() {
    super(`Request body is larger than ${MAX_BODY_BYTES / 1024} KiB`, 413, "payload_too_large");
  }
}

class UnsupportedMediaType extends DomainError {
  constructor() {
    super("Request body must be JSON (Content-Type: application/json)", 415, "unsupported_media_type");
  }
}

/**
 * Validates `input` with `schema`; throws Invalid (400) naming each field, or `where` ("body", "query") for a problem
 * of the whole object such as an unknown key.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: "body" | "query" = "body"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw zodToInvalid(result.error, where);
}

/** A zod error as Invalid: `fields` maps each path (or `where` for the whole object) to its problems. */
export function zodToInvalid(error: z.ZodError, where: "body" | "query" = "body"): Invalid {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join(".") : where;
    (fields[path] ??= []).push(issue.message);
  }
  const lines = Object.entries(fields).flatMap(([path, problems]) => problems.map((p) => `${path}: ${p}`));
  const invalid = new Invalid(lines.length === 1 ? lines[0] : "Some fields are invalid", fields);
  return invalid;
}

/**
 * Maps any error to the envelope: a DomainError as it says; database invariants a service did not translate to
 * 409/400 (CONTRACT §0); anything else to 500 with a fresh `requestId`, logged with the same id, the SQLSTATE and
 * the constraint but never the message of a database error (it carries SQL parameters: hashes, tokens).
 */
export function errorToResponse(err: unknown, req?: Request): Response {
  if (err instanceof DomainError) return errorResponse(err);
  // Safety net for invariants the database enforced but a service did not translate.
  switch (sqlState(err)) {
    case "23P01":
      return errorResponse(new DomainError("The room is already booked at that time", 409, "conflict"));
    case "23505":
      return errorResponse(new DomainError("That already exists", 409, "conflict"));
    case "40P01":
    case "40001":
      return errorResponse(new DomainError("Another change to the same data got there first; try again", 409, "conflict"));
    case "22021": // a character PostgreSQL cannot store (NUL): the text type refuses it first
    case "22P05":
    case "22000":
    case "23514":
    case "22P02":
    case "22007":
    case "22008":
      return errorResponse(new Invalid("A value is out of range"));
  }
  const requestId = crypto.randomUUID();
  const where = req ? ` ${req.method} ${new URL(req.url).pathname}` : "";
  console.error(`[api] 500 requestId=${requestId}${where} ${describeError(err)}`);
  return errorResponse(new DomainError("Something went wrong on our side", 500, "internal_error"), {}, { requestId });
}

function withCors(req: Request, response: Response): Response {
  for (const [name, value] of Object.entries(corsHeaders(req))) response.headers.set(name, value);
  return response;
}

export type { DevicePrincipal, UserPrincipal };
