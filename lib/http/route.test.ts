import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorToResponse, MAX_BODY_BYTES, route } from "./route";

const echo = route({ auth: "public", body: z.object({ name: z.string() }) }, async ({ body }) => body);
const post = (init: RequestInit & { duplex?: "half" }) => echo(new Request("http://localhost/api/echo", { method: "POST", ...init }), { params: Promise.resolve({}) });

describe("the route wrapper's body reading (issue 10 points 1 and 10)", () => {
  it("refuses a chunked body with 413 as soon as it passes 64 KiB, without reading the rest", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const sixteenMiB = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled * chunk.byteLength > 16 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await post({ body: sixteenMiB, duplex: "half", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ success: false, code: "payload_too_large" });
    expect(pulled * chunk.byteLength).toBeLessThanOrEqual(MAX_BODY_BYTES + 3 * chunk.byteLength);
  });

  it("answers 400, not a logged 500, when the client aborts in the middle of the body", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let sent = false;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"name":'));
        } else controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const res = await post({ body: cut, duplex: "half", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, code: "validation_error", message: "Request body ended before it was complete" });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("answers 415 for JSON sent as another media type, and accepts application/json and +json", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await post({ body: JSON.stringify({ name: "a" }), headers: { "content-type": type } });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ success: false, code: "unsupported_media_type" });
    }
    for (const type of ["application/json", "application/json; charset=utf-8", "application/merge-patch+json"]) {
      const res = await post({ body: JSON.stringify({ name: "a" }), headers: { "content-type": type } });
      expect(res.status).toBe(200);
    }
  });

  it("answers 400 for invalid UTF-8 bytes", async () => {
    const res = await post({ body: new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
  });
});

describe("errorToResponse", () => {
  it("maps SQLSTATE 22021 (a character PostgreSQL cannot store) to 400, as a safety net", async () => {
    const wrapped = Object.assign(new Error("Failed query: insert … params: secret"), { cause: { code: "22021" } });
    const res = errorToResponse(wrapped);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, code: "validation_error" });
  });

  it("gives a 500 a requestId and logs it without the error's message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const wrapped = Object.assign(new Error("Failed query: insert … params: scrypt$17$8$1$salt$hash"), { cause: { code: "XX000" } });
      const res = errorToResponse(wrapped, new Request("http://localhost/api/users", { method: "POST" }));
      const body = await res.json();
      expect(res.status).toBe(500);
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const line = spy.mock.calls.flat().map(String).join(" ");
      expect(line).toContain(body.requestId);
      expect(line).toContain("POST /api/users");
      expect(line).not.toContain("scrypt");
    } finally {
      spy.mockRestore();
    }
  });
});
