import { afterAll } from "vitest";
import { closeDb } from "@/db/client";
import { stopRealtime } from "@/lib/realtime/service";

afterAll(async () => {
  // The LISTEN session first: on the embedded database it lives on the same client.
  await stopRealtime();
  await closeDb();
});
