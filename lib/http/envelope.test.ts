import { describe, expect, it } from "vitest";
import { stringifyBody } from "./envelope";

describe("stringifyBody", () => {
  it("gives the JSON of JSON.stringify for any body", () => {
    const bodies = [
      { success: true, data: null },
      { success: true, data: [] },
      { success: true, data: [{ a: 1 }, { b: [1, 2] }] },
      { success: true, data: { when: new Date(0) }, message: "ok" },
      { success: false, message: "no", code: "conflict" },
    ];
    for (const body of bodies) expect(JSON.parse(stringifyBody(body))).toEqual(JSON.parse(JSON.stringify(body)));
  });

  it("serialises a list of frozen objects item by item, with the envelope's other fields", () => {
    const items = [Object.freeze({ id: "a", tags: Object.freeze(["x"]) }), Object.freeze({ id: "b", tags: Object.freeze([]) })];
    const body = { success: true, data: items, message: "two rooms" };
    expect(JSON.parse(stringifyBody(body))).toEqual({ success: true, data: [{ id: "a", tags: ["x"] }, { id: "b", tags: [] }], message: "two rooms" });
    // The same frozen objects give the same text on the next call.
    expect(stringifyBody(body)).toBe(stringifyBody({ ...body }));
  });
});
