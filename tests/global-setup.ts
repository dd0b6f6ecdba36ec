import type { TestProject } from "vitest/node";
import { ensurePgliteImage } from "./pglite-image";

/**
 * Vitest global setup: on the embedded database (no TEST_DATABASE_URL) migrate one PGlite once and dump it; every
 * test file's in-memory database then loads that image (PGLITE_IMAGE, chosen in vitest.config.ts).
 */
export default async function setup(project: TestProject) {
  const image = project.config.env.PGLITE_IMAGE;
  if (image) await ensurePgliteImage(String(image));
}
