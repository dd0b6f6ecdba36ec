import { DomainError, Invalid, RateLimited } from "@/lib/errors";

/** A successful answer with a status other than 200 or a message (CONTRACT §0). */
export class Reply<T = unknown> {
  constructor(
    readonly data: T,
    readonly status = 200,
    readonly message?: string,
  ) {}
}

export function created<T>(data: T, message?: string): Reply<T> {
  return new Reply(data, 201, message);
}

/** The JSON of frozen objects, which cannot change, so it is computed once per object. */
const frozenJson = new WeakMap<object, string>();

function jsonOfFrozen(item: object): string {
  let text = frozenJson.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    frozenJson.set(item, text);
  }
  return text;
}

/**
 * `JSON.stringify(body)`, except that a success envelope whose data is a list of frozen objects (the room
 * directory's) reuses each item's JSON: the same text, a fraction of the work for a list of hundreds.
 */
export function stringifyBody(body: unknown): string {
  if (body && typeof body === "object" && "data" in body && Array.isArray(body.data) && body.data.length > 0 && body.data.every(isFrozenObject)) {
    const { data, ...rest } = body as { data: object[] };
    const head = JSON.stringify({ ...rest, data: [] }).slice(0, -3);
    return `${head}[${data.map(jsonOfFrozen).join(",")}]}`;
  }
  return JSON.stringify(body);
}

function isFrozenObject(item: unknown): item is object {
  return typeof item === "object" && item !== null && Object.isFrozen(item);
}

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(stringifyBody(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The error envelope of CONTRACT §0 for a domain error; `extra` adds fields such as the 500's `requestId`. */
export function errorResponse(err: DomainError, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Response {
  const body: Record<string, unknown> = { success: false, message: err.message, code: err.code, ...extra };
  if (err instanceof Invalid && Object.keys(err.fields).length > 0) {
    body.errors = Object.entries(err.fields).flatMap(([path, problems]) => problems.map((p) => `${path}: ${p}`));
    body.fields = err.fields;
  } else if (err instanceof Invalid) {
    body.errors = [err.message];
  }
  const allHeaders: Record<string, string> = { ...headers };
  if (err instanceof RateLimited) allHeaders["retry-after"] = String(err.retryAfterSeconds);
  return json(body, err.status, allHeaders);
}
