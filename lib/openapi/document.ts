/**
 * The OpenAPI 3.1 document served at GET /api/openapi.json (CONTRACT §6) and rendered at /api/docs.
 *
 * How to document an endpoint (the pattern every domain follows):
 *   1. The route validates with zod schemas from `lib/<domain>/schemas.ts` (`route({ body, query })`); the data it
 *      returns has an output schema there too (e.g. `room`, `booking`), with `.meta({ id, example })` when it is
 *      a named type, and its TypeScript type is `z.infer` of it.
 *   2. `lib/<domain>/openapi.ts` exports `<domain>Paths: ZodOpenApiPathsObject`, one `operation({...})` (from
 *      `./operation`) per path and method, passing those same schemas: `auth` as in `route()`, `path`, `query`,
 *      `body`, `success` and the domain's extra error statuses. Shared errors, envelopes and security come free.
 *   3. Add it to `DOMAIN_PATHS` below.
 * tests/api/openapi.test.ts validates the document and fails for any `app/api/**\/route.ts` method missing here.
 */
import { createDocument, type ZodOpenApiObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { accountsPaths } from "@/lib/accounts/openapi";
import { analyticsPaths } from "@/lib/analytics/openapi";
import { bookingsPaths } from "@/lib/bookings/openapi";
import { healthPaths } from "@/lib/health/openapi";
import { panelPaths } from "@/lib/panel/openapi";
import { roomsPaths } from "@/lib/rooms/openapi";
import { settingsPaths } from "@/lib/settings/openapi";
import { errorEnvelope, SECURITY } from "./operation";
import { openapiPaths } from "./paths";

const DOMAIN_PATHS: ZodOpenApiPathsObject[] = [accountsPaths, roomsPaths, bookingsPaths, panelPaths, analyticsPaths, settingsPaths, healthPaths, openapiPaths];

const DESCRIPTION = `Meeting-room booking: find and book rooms, check in at the door, analytics for administrators.

**Conventions (CONTRACT §0).** JSON bodies with camelCase keys. Success: \`{ "success": true, "data": …, "message"? }\`,
201 for creates. Error: \`{ "success": false, "message", "code", "errors"?, "fields"? }\`. Times out are ISO 8601 UTC
with \`Z\`; times in with an offset, or without one meaning the room's building's local time. Dates are \`YYYY-MM-DD\`
local days. IDs are UUIDs; an id that is not a UUID is a 404. A path with a trailing slash is served the same.
Every path answers other methods with 405 and an \`Allow\` header, and \`OPTIONS\` for CORS preflight.

**Authentication.** \`POST /api/auth/login\` gives a 30-minute access token and a 7-day refresh token; send
\`Authorization: Bearer <access>\`. Door tablets send their device token the same way. Our own pages use the
session cookie; a state-changing request with the cookie must come from our origin (\`Origin\` checked) or gets 403.`;

function build(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const domain of DOMAIN_PATHS) {
    for (const [path, item] of Object.entries(domain)) {
      if (paths[path]) throw new Error(`OpenAPI path ${path} is described twice`);
      paths[path] = item;
    }
  }
  const document: ZodOpenApiObject = {
    openapi: "3.1.0",
    info: { title: "Circle Time API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: "/", description: "This server" }],
    tags: [
      { name: "Authentication", description: "CONTRACT §1" },
      { name: "Rooms", description: "CONTRACT §2" },
      { name: "Buildings", description: "CONTRACT §2 (ext)" },
      { name: "Bookings", description: "CONTRACT §3" },
      { name: "Panel", description: "CONTRACT §4: the door tablets" },
      { name: "Pairing", description: "CONTRACT §4: an unpaired tablet gets its device token" },
      { name: "Devices", description: "CONTRACT §4: paired tablets (admins)" },
      { name: "Issues", description: "CONTRACT §4: problems reported at the door" },
      { name: "Analytics", description: "CONTRACT §5, DOMAIN §4 (administrators only)" },
      { name: "Users", description: "CONTRACT §6" },
      { name: "Settings", description: "CONTRACT §6, DOMAIN §1" },
      { name: "Health", description: "CONTRACT §6" },
      { name: "Reference", description: "This document" },
    ],
    paths,
    components: {
      schemas: { Error: errorEnvelope },
      securitySchemes: {
        [SECURITY.bearer]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A user's access token from POST /api/auth/login or /api/auth/refresh (HS256, 30 minutes).",
        },
        [SECURITY.device]: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "ctd_…",
          description: "A paired door tablet's device token (prefix `ctd_`), bound to one room; accepted only on the panel endpoints (`/api/panel/…`) of that room.",
        },
        [SECURITY.cookie]: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser session of our own pages (`__Secure-authjs.session-token` over HTTPS). Same-origin only.",
        },
      },
    },
  };
  return createDocument(document);
}

let cached: ReturnType<typeof createDocument> | undefined;

/** The whole document, built once per process from the domains' zod schemas (it never changes at run time). */
export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= build();
  return cached;
}
