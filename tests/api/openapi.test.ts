import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as docsAssetRoute from "@/app/api/docs/[asset]/route";
import * as docsRoute from "@/app/api/docs/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as floorRoute from "@/app/api/buildings/[buildingId]/floors/[floor]/route";
import * as healthRoute from "@/app/api/health/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as openapiRoute from "@/app/api/openapi.json/route";
import * as roomRoute from "@/app/api/rooms/[roomId]/route";
import * as roomsRoute from "@/app/api/rooms/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as usersRoute from "@/app/api/users/route";
import { isMethodNotAllowed } from "@/lib/http/methods";
import { futureSlot, insertBooking } from "../fixtures/bookings";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, PASSWORD, resetDatabase, type CallResult } from "../helpers";

/** Route files under app/api that are deliberately not in the reference, with the reason. */
const NOT_DOCUMENTED: Record<string, string> = {
  "app/api/[...path]/route.ts": "the catch-all that answers unknown /api paths with a JSON 404",
  "app/api/docs/[asset]/route.ts": "the reference viewer's own script and style files",
  // Auth.js lives at app/auth/[...nextauth] (basePath /auth), outside app/api: the browser session, not the API.
};
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
let doc: Doc;

beforeAll(async () => {
  const res = await call(openapiRoute, { path: "/api/openapi.json" });
  expect(res.status).toBe(200);
  doc = res.json;
});

function routeFiles(): string[] {
  const root = path.resolve("app/api");
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.join("app/api", f).split(path.sep).join("/"))
    .sort();
}

/** `app/api/rooms/[roomId]/bookings/route.ts` → `/api/rooms/{roomId}/bookings`. */
function openApiPath(file: string): string {
  return "/" + path.posix.dirname(file).replace(/^app\//, "").replace(/\[([^\].]+)\]/g, "{$1}");
}

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator) whose $refs all resolve", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("needs no authentication and is plain JSON, not wrapped in the envelope", async () => {
    const res = await call(openapiRoute, { path: "/api/openapi.json" });
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.json.success).toBeUndefined();
    expect(res.json.info.title).toBe("Circle Time API");
  });

  it("declares the three ways to authenticate: bearer JWT, device token and session cookie", () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(schemes.deviceToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "authjs.session-token" });
    // CONTRACT §4: a device token is accepted on the panel endpoints only.
    expect(doc.paths["/api/panel/rooms/{roomId}/state"].get.security).toEqual([{ bearerAuth: [] }, { deviceToken: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/rooms"].get.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/users"].get.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/auth/login"].post.security).toBeUndefined();
  });

  it("every route file under app/api, and each method it really has, is in the document", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const file of files) {
      if (NOT_DOCUMENTED[file]) continue;
      const routeModule = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      const item = doc.paths[openApiPath(file)];
      for (const method of METHODS) {
        const handler = routeModule[method];
        if (typeof handler !== "function" || isMethodNotAllowed(handler)) continue;
        if (!item?.[method.toLowerCase()]) missing.push(`${method} ${openApiPath(file)} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("documents no path or method that the app does not serve", async () => {
    const served = new Set<string>();
    for (const file of routeFiles()) {
      const routeModule = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const method of METHODS) {
        if (typeof routeModule[method] === "function" && !isMethodNotAllowed(routeModule[method])) served.add(`${method} ${openApiPath(file)}`);
      }
    }
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item as object)
        .filter((k) => METHODS.includes(k.toUpperCase() as (typeof METHODS)[number]))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it("every operation has an id, a summary, a success response and the error envelope for each error status", () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths) as [string, Doc][]) {
      for (const [method, op] of Object.entries(item) as [string, Doc][]) {
        const where = `${method.toUpperCase()} ${p}`;
        expect(op.operationId, where).toBeTruthy();
        expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, where).toBeTruthy();
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => s === "200" || s === "201"), where).toBe(true);
        expect(statuses, where).toContain("500");
        if (op.security) expect(statuses, where).toEqual(expect.arrayContaining(["401", "403"]));
        if (op.requestBody) expect(statuses, where).toEqual(expect.arrayContaining(["400", "413"]));
        if (p.includes("{")) expect(statuses, where).toContain("404");
        for (const status of statuses.filter((s) => Number(s) >= 400)) {
          const schema = op.responses[status].content["application/json"].schema;
          if (status === "503") expect(schema.allOf ?? schema.properties?.code, where).toBeTruthy();
          else expect(schema, `${where} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
      }
    }
  });

  it("request bodies and parameters come from the handlers' zod schemas (limits and enums included)", () => {
    const createRoom = doc.paths["/api/rooms"].post.requestBody.content["application/json"].schema;
    expect(createRoom.required).toEqual(expect.arrayContaining(["name", "buildingId", "floor", "capacity"]));
    expect(createRoom.properties.capacity).toMatchObject({ type: "integer", minimum: 1, maximum: 1000 });
    expect(createRoom.additionalProperties).toBe(false);
    const settings = doc.paths["/api/settings"].patch.requestBody.content["application/json"].schema;
    expect(settings.properties.autoReleaseMinutes).toMatchObject({ minimum: 5, maximum: 60 });
    const roomsQuery = doc.paths["/api/rooms"].get.parameters.map((p: Doc) => `${p.in}:${p.name}`);
    expect(roomsQuery).toEqual(expect.arrayContaining(["query:search", "query:minCapacity", "query:availableFrom", "query:status"]));
    const day = doc.paths["/api/rooms/{roomId}/bookings"].get.parameters.map((p: Doc) => `${p.in}:${p.name}:${p.required ?? false}`);
    expect(day).toEqual(expect.arrayContaining(["path:roomId:true", "query:date:true"]));
    expect(doc.paths["/api/auth/login"].post.requestBody.content["application/json"].example).toBeTruthy();
  });
});

describe("real answers match the documented response schemas", () => {
  beforeEach(resetDatabase);

  function expectDocumented(p: string, method: string, res: CallResult) {
    const op = doc.paths[p][method.toLowerCase()];
    const response = op.responses[String(res.status)];
    expect(response, `${method} ${p} answered ${res.status}, which is not documented`).toBeDefined();
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile({ ...response.content["application/json"].schema, components: doc.components });
    const ok = validate(res.json);
    expect(validate.errors ?? [], `${method} ${p} ${res.status}`).toEqual([]);
    expect(ok).toBe(true);
  }

  it("login, rooms, a room, a floor map, bookings, users, settings and health", async () => {
    const admin = await createTestUser({ role: "admin" });
    const room = await createTestRoom({ amenities: ["projector"] });
    await insertBooking({ roomId: room.id, organizerId: admin.id, startInMinutes: -10, checkedIn: true });

    expectDocumented("/api/auth/login", "POST", await call(loginRoute, { path: "/api/auth/login", body: { email: admin.email, password: PASSWORD } }));
    expectDocumented("/api/rooms", "GET", await call(roomsRoute, { path: "/api/rooms", token: admin.token }));
    expectDocumented(
      "/api/rooms/{roomId}",
      "GET",
      await call(roomRoute, { path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: admin.token }),
    );
    expectDocumented(
      "/api/buildings/{buildingId}/floors/{floor}",
      "GET",
      await call(floorRoute, { path: "/api/buildings/x/floors/1", params: { buildingId: room.buildingId, floor: "1" }, token: admin.token }),
    );
    const created = await call(bookingsRoute, {
      path: "/api/bookings",
      token: admin.token,
      body: { roomId: room.id, title: "Documented", ...futureSlot(48), attendeeIds: [admin.id] },
    });
    expect(created.status).toBe(201);
    expectDocumented("/api/bookings", "POST", created);
    expectDocumented("/api/users", "GET", await call(usersRoute, { path: "/api/users", token: admin.token }));
    expectDocumented("/api/settings", "GET", await call(settingsRoute, { path: "/api/settings", token: admin.token }));
    expectDocumented("/api/health", "GET", await call(healthRoute, { path: "/api/health" }));
  });

  it("errors: 400 with fields, 401, 403, 404 and 409 carry the documented envelope", async () => {
    const member = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    const room = await createTestRoom();
    await insertBooking({ roomId: room.id, organizerId: member.id, startInMinutes: 60 });

    const invalid = await call(roomsRoute, { path: "/api/rooms", token: admin.token, body: { name: "" } });
    expect(invalid.status).toBe(400);
    expectDocumented("/api/rooms", "POST", invalid);
    const anonymous = await call(roomsRoute, { path: "/api/rooms" });
    expect(anonymous.status).toBe(401);
    expectDocumented("/api/rooms", "GET", anonymous);
    const forbidden = await call(usersRoute, { path: "/api/users", token: member.token });
    expect(forbidden.status).toBe(403);
    expectDocumented("/api/users", "GET", forbidden);
    const missing = await call(roomRoute, { path: "/api/rooms/x", params: { roomId: "not-a-uuid" }, token: admin.token });
    expect(missing.status).toBe(404);
    expectDocumented("/api/rooms/{roomId}", "GET", missing);
    const conflict = await call(roomRoute, { method: "DELETE", path: "/api/rooms/x", params: { roomId: room.id }, token: admin.token });
    expect(conflict.status).toBe(409);
    expectDocumented("/api/rooms/{roomId}", "DELETE", conflict);
  });
});

describe("GET /api/docs", () => {
  it("is an HTML page that loads the viewer from our own server only, under a strict CSP", async () => {
    const req = new Request("http://localhost:3000/api/docs");
    const res = await docsRoute.GET(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) expect(source.startsWith("/api/")).toBe(true);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("passes a proxy's per-request nonce on to its tags", async () => {
    const req = new Request("http://localhost:3000/api/docs", { headers: { "x-nonce": "abc123" } });
    const html = await (await docsRoute.GET(req, { params: Promise.resolve({}) })).text();
    expect(html.match(/nonce="abc123"/g)?.length).toBe(3);
  });

  it("serves the viewer's files from node_modules and 404s anything else", async () => {
    const bundle = await docsAssetRoute.GET(new Request("http://localhost:3000/api/docs/swagger-ui-bundle.js"), {
      params: Promise.resolve({ asset: "swagger-ui-bundle.js" }),
    });
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(500_000);
    const js = await docsAssetRoute.GET(new Request("http://localhost:3000/api/docs/init.js"), { params: Promise.resolve({ asset: "init.js" }) });
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(await js.text()).toContain('url: "/api/openapi.json"');
    const css = await docsAssetRoute.GET(new Request("http://localhost:3000/api/docs/swagger-ui.css"), { params: Promise.resolve({ asset: "swagger-ui.css" }) });
    expect(css.headers.get("content-type")).toContain("text/css");
    expect((await css.text()).length).toBeGreaterThan(10_000);
    const other = await call(docsAssetRoute, { path: "/api/docs/package.json", params: { asset: "package.json" } });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe("not_found");
  });
});
