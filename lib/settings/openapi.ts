import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "@/lib/openapi/operation";
import { settings, updateSettingsInput } from "./schemas";

/** CONTRACT §6: the organisation settings (DOMAIN §1). */
export const settingsPaths: ZodOpenApiPathsObject = {
  "/api/settings": {
    get: operation({
      id: "getSettings",
      summary: "The organisation settings",
      tags: ["Settings"],
      auth: "user",
      success: { description: "Every setting.", data: settings },
    }),
    patch: operation({
      id: "updateSettings",
      summary: "Change settings (any subset of fields)",
      tags: ["Settings"],
      auth: "admin",
      body: updateSettingsInput,
      bodyExample: { businessStart: "07:30", businessEnd: "19:00", autoReleaseMinutes: 10 },
      success: { description: "Every setting after the change.", data: settings },
      errors: { 400: "Invalid input, e.g. business hours ending before they start or a minimum above the maximum." },
    }),
  },
};
