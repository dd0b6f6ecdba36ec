import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";

/**
 * Helpers with which each domain's `openapi.ts` describes its operations (see lib/openapi/document.ts for the
 * pattern). They add what every endpoint shares (CONTRACT §0): the success envelope around `data`, the error
 * envelope for each error status, and the security requirements that match `route()`'s `auth` option.
 */

/** Who may call an operation: the same names as `route({ auth })` in lib/http/route.ts. */
export type Access = "public" | "user" | "admin" | "user-or-device";

/** Names of the security schemes in `components.securitySchemes` (lib/openapi/document.ts). */
export const SECURITY = { bearer: "bearerAuth", device: "deviceToken", cookie: "sessionCookie" } as const;

/** CONTRACT §0 error codes, by status. */
export const ERROR_CODES = {
  400: "validation_error",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
  500: "internal_error",
  503: "service_unavailable",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

/** CONTRACT §0: the error envelope; `errors` and `fields` come with 400s, `requestId` with 500s. */
export const errorEnvelope = z
  .object({
    success: z.literal(false),
    message: z.string().meta({ description: "A readable sentence; never leaks internals." }),
    code: z.enum(Object.values(ERROR_CODES) as [string, ...string[]]),
    errors: z.array(z.string()).optional().meta({ description: "One readable line per problem, e.g. `endTime: must be after startTime`." }),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "The same problems keyed by field path, for forms." }),
    requestId: z
      .string()
      .optional()
      .meta({ description: "With 500 only: the id of the server log line that describes the failure (issue 10 point 12)." }),
  })
  .meta({ id: "Error", description: "The error envelope of every endpoint (CONTRACT §0)." });

/** CONTRACT §0: `{ success: true, data, message? }` around a response's data. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data, message: z.string().optional() });
}

const DEFAULT_ERRORS: Record<ErrorStatus, string> = {
  400: "Invalid input: the body, query or a parameter failed validation (see `errors` and `fields`).",
  401: "No valid credentials: missing, expired or malformed token, or a revoked device.",
  403: "Authenticated but not allowed.",
  404: "Not found (an id that is not a UUID is a 404 too).",
  405: "Method not allowed (the `Allow` header lists the methods of the path).",
  409: "Conflict with the current state.",
  413: "The request body is larger than 64 KiB.",
  429: "Too many attempts; `Retry-After` says how many seconds to wait.",
  500: "Something went wrong on our side; the details are in the server log.",
  503: "A dependency is unavailable.",
};

const EXAMPLE_MESSAGES: Record<ErrorStatus, string> = {
  400: "title: is required",
  401: "Authentication required",
  403: "Administrators only",
  404: "Not found",
  405: "Method PUT is not allowed here",
  409: "The room is already booked at that time",
  413: "Request body is larger than 64 KiB",
  429: "Too many attempts; try again later",
  500: "Something went wrong on our side",
  503: "The database is unreachable",
};

/** One error response: the envelope, an example with the status's code, and `Retry-After` for 429. */
export function errorResponse(status: ErrorStatus, description = DEFAULT_ERRORS[status]): ZodOpenApiResponseObject {
  const example: Record<string, unknown> = { success: false, message: EXAMPLE_MESSAGES[status], code: ERROR_CODES[status] };
  if (status === 400) {
    example.errors = [EXAMPLE_MESSAGES[400]];
    example.fields = { title: ["is required"] };
  }
  return {
    description,
    ...(status === 429 ? { headers: z.object({ "retry-after": z.string().meta({ description: "Seconds to wait." }) }) } : {}),
    content: { "application/json": { schema: errorEnvelope, example } },
  };
}

/** The success response of an operation: enveloped JSON data, or raw content (a file, HTML, a stream). */
export type Success =
  | { status?: 200 | 201; description: string; data: z.ZodType; example?: unknown; message?: string }
  | { status?: 200 | 201; description: string; content: NonNullable<ZodOpenApiResponseObject["content"]> };

/** What a domain says about one operation; `operation()` turns it into an OpenAPI operation object. */
export interface OperationSpec {
  /** Unique across the document, camelCase (becomes `operationId`). */
  id: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: Access;
  /** Path parameters, e.g. `z.object({ roomId: z.uuid() })`. */
  path?: z.ZodObject;
  /** The same zod schema the route passes to `route({ query })`. */
  query?: z.ZodObject;
  /** The same zod schema the route passes to `route({ body })`. */
  body?: z.ZodType;
  bodyExample?: unknown;
  success: Success;
  /**
   * Error statuses beyond the ones added automatically (401/403 when authenticated, 400 with a body or query,
   * 404 with path parameters, 413 with a body, 500 always), or a more precise description for one of those.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Responses that fit neither shape (e.g. health's 503 that carries data), merged last. */
  responses?: ZodOpenApiResponsesObject;
}

const ACCESS_TEXT: Record<Access, string> = {
  public: "No authentication.",
  user: "Any signed-in user (bearer access token or the session cookie); door tablets get 403.",
  admin: "Administrators only (role `admin`); others get 403.",
  "user-or-device": "Any signed-in user, or the door tablet paired to the room concerned (device token; panel endpoints only).",
};

function security(auth: Access): Record<string, string[]>[] | undefined {
  if (auth === "public") return undefined;
  const schemes: Record<string, string[]>[] = [{ [SECURITY.bearer]: [] }, { [SECURITY.cookie]: [] }];
  if (auth === "user-or-device") schemes.splice(1, 0, { [SECURITY.device]: [] });
  return schemes;
}

/** Builds one OpenAPI operation from a spec, adding the shared envelopes, errors and security (CONTRACT §0). */
export function operation(spec: OperationSpec): ZodOpenApiOperationObject {
  const { success } = spec;
  const status = String(success.status ?? 200);
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  if ("data" in success) {
    const example = success.example === undefined ? undefined : { success: true, data: success.example, ...(success.message ? { message: success.message } : {}) };
    responses[status] = {
      description: success.description,
      content: { "application/json": { schema: envelope(success.data), ...(example ? { example } : {}) } },
    };
  } else {
    responses[status] = { description: success.description, content: success.content };
  }

  const errors = new Map<ErrorStatus, string | undefined>();
  if (spec.body || spec.query) errors.set(400, undefined);
  if (spec.auth !== "public") {
    errors.set(401, undefined);
    errors.set(403, spec.auth === "admin" ? "Not an administrator (or a door tablet)." : undefined);
  }
  if (spec.path) errors.set(404, undefined);
  if (spec.body) errors.set(413, undefined);
  for (const [code, text] of Object.entries(spec.errors ?? {})) errors.set(Number(code) as ErrorStatus, text);
  errors.set(500, errors.get(500));
  for (const [code, text] of [...errors].sort(([a], [b]) => a - b)) responses[String(code)] = errorResponse(code, text);
  Object.assign(responses, spec.responses);

  const description = [spec.description, `**Who:** ${ACCESS_TEXT[spec.auth]}`].filter(Boolean).join("\n\n");
  const auth = security(spec.auth);
  return {
    operationId: spec.id,
    summary: spec.summary,
    description,
    tags: spec.tags,
    ...(auth ? { security: auth } : {}),
    ...(spec.path || spec.query ? { requestParams: { ...(spec.path ? { path: spec.path } : {}), ...(spec.query ? { query: spec.query } : {}) } } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: spec.body, ...(spec.bodyExample === undefined ? {} : { example: spec.bodyExample }) } },
          },
        }
      : {}),
    responses,
  };
}

/** Path parameters named like the route folders: `{roomId}` etc. are UUIDs; anything else is a 404. */
export function uuidParams<K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((n) => [n, z.uuid().meta({ description: "A UUID; anything else is a 404." })])) as Record<K, z.ZodUUID>);
}
