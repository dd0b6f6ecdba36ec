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

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(err: DomainError, headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { success: false, message: err.message, code: err.code };
  if (err instanceof Invalid && Object.keys(err.fields).length > 0) {
    body.errors = Object.entries(err.fields).flatMap(([path, problems]) => problems.map((p) => `${path}: ${p}`));
    body.fields = err.fields;
  } else if (err instanceof Invalid) {
    body.errors = [err.message];
  }
  const extra: Record<string, string> = { ...headers };
  if (err instanceof RateLimited) extra["retry-after"] = String(err.retryAfterSeconds);
  return json(body, err.status, extra);
}
