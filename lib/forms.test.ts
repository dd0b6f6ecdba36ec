import { describe, expect, it } from "vitest";
import { createRoomInput } from "@/lib/rooms/schemas";
import { Conflict, Invalid } from "@/lib/errors";
import { parse } from "@/lib/http/route";
import { conflictAt, formFailure, formValues, listOf, numberOrUndefined } from "./forms";

describe("form answers of the admin server actions", () => {
  it("reads repeated fields as lists and leaves out React's $ACTION fields", () => {
    const data = new FormData();
    data.append("name", "Turing");
    data.append("amenities", "projector");
    data.append("amenities", "phone");
    data.append("$ACTION_ID_abc", "");
    expect(formValues(data)).toEqual({ name: "Turing", amenities: ["projector", "phone"] });
  });

  it("turns the API schema's problems into field errors by top-level field, keeping what was typed", () => {
    const values = { name: "", capacity: "0", amenities: ["projector", "projector"] };
    let err: unknown;
    try {
      parse(createRoomInput, {
        name: "",
        buildingId: "b1d7e2c4-8a3f-4e6b-9c0d-1a2b3c4d5e6f",
        floor: 1,
        capacity: numberOrUndefined(values.capacity),
        amenities: listOf(values.amenities),
      });
    } catch (e) {
      err = e;
    }
    const state = formFailure(err, values);
    expect(state.status).toBe("error");
    expect(state.fields).toEqual({ name: ["is required"], capacity: ["must be 1–1000"], amenities: ["must not repeat an amenity"] });
    expect(state.values).toBe(values);
    expect(state.message).toBe("Please correct the fields marked above.");
  });

  it("nested paths count for their field (businessDays.2 → businessDays)", () => {
    const state = formFailure(new Invalid("x", { "businessDays.2": ["days are 1 (Monday) to 7 (Sunday)"] }), {});
    expect(state.fields).toEqual({ businessDays: ["days are 1 (Monday) to 7 (Sunday)"] });
  });

  it("other domain errors become the message; anything else is rethrown", () => {
    expect(formFailure(new Conflict("The building still has rooms"), { name: "HQ" })).toMatchObject({
      status: "error",
      message: "The building still has rooms",
      fields: {},
      values: { name: "HQ" },
    });
    expect(() => formFailure(new Error("bug"), {})).toThrow("bug");
  });

  it("empty number fields are missing (the schema says 'is required'), not zero", () => {
    expect(numberOrUndefined("")).toBeUndefined();
    expect(numberOrUndefined(" 12 ")).toBe(12);
    expect(Number.isNaN(numberOrUndefined("abc"))).toBe(true);
  });

  it("a 409 about a field (taken email or name) marks that field; other errors pass unchanged", () => {
    const state = formFailure(conflictAt("email", new Conflict("A user with that email already exists")), { email: "ada@x.dev" });
    expect(state.fields).toEqual({ email: ["A user with that email already exists"] });
    expect(state.values).toEqual({ email: "ada@x.dev" });
    const other = new Invalid("bad");
    expect(conflictAt("email", other)).toBe(other);
  });
});
