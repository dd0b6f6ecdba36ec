import { readFile } from "node:fs/promises";
import path from "node:path";
import { NotFound } from "@/lib/errors";

/**
 * /api/docs: Swagger UI (swagger-ui-dist, served from our own node_modules, no CDN) rendering /api/openapi.json.
 * Every script is a same-origin file, so the page works under a CSP without 'unsafe-inline' scripts; when a
 * proxy passes a per-request nonce in the `x-nonce` request header, the tags carry it too.
 */
const SWAGGER_UI_DIR = path.join(process.cwd(), "node_modules", "swagger-ui-dist");
const ASSET_VERSION = "5.35.0";

// validatorUrl: null — Swagger UI would otherwise send the document to validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
});
`;

interface Asset {
  type: string;
  load: () => Promise<Buffer | string>;
}

const ASSETS: Record<string, Asset> = {
  "swagger-ui.css": { type: "text/css; charset=utf-8", load: () => readFile(path.join(SWAGGER_UI_DIR, "swagger-ui.css")) },
  "swagger-ui-bundle.js": {
    type: "text/javascript; charset=utf-8",
    load: () => readFile(path.join(SWAGGER_UI_DIR, "swagger-ui-bundle.js")),
  },
  "init.js": { type: "text/javascript; charset=utf-8", load: async () => INIT_SCRIPT },
};

const loaded = new Map<string, Promise<Buffer | string>>();

/** One of the viewer's files, read once per process; anything else is a 404. */
export async function docsAsset(name: string): Promise<Response> {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) throw new NotFound(`No such file: ${name}`);
  let body = loaded.get(name);
  if (!body) {
    body = asset.load();
    loaded.set(name, body);
    body.catch(() => loaded.delete(name));
  }
  return new Response(new Uint8Array(Buffer.from(await body)), {
    headers: { "content-type": asset.type, "cache-control": "public, max-age=86400", "x-content-type-options": "nosniff" },
  });
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

function escapeAttribute(value: string): string {
  return value.replace(/[^A-Za-z0-9+/=_-]/g, "");
}

/** The HTML of /api/docs, with its own strict Content-Security-Policy (no inline script, nothing off-site). */
export function docsPage(req: Request): Response {
  const nonce = req.headers.get("x-nonce");
  const n = nonce ? ` nonce="${escapeAttribute(nonce)}"` : "";
  const v = `?v=${ASSET_VERSION}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Circle Time API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css${v}"${n}>
</head>
<body>
<main id="swagger-ui" aria-label="Circle Time API reference"><noscript>The reference needs JavaScript; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="/api/docs/swagger-ui-bundle.js${v}"${n}></script>
<script src="/api/docs/init.js${v}"${n}></script>
</body>
</html>
`;
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CSP,
      "x-content-type-options": "nosniff",
    },
  });
}
