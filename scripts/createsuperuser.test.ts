import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ct-superuser-"));
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const childEnv = {
  ...process.env,
  NODE_ENV: "development" as const,
  DATABASE_URL: "",
  PGLITE_DATA_DIR: path.join(dir, "pglite"),
  AUTH_SECRET: "test-secret-test-secret-test-secret-1234",
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function createsuperuser(args: string[], env: Record<string, string> = {}) {
  return run(tsx, ["scripts/createsuperuser.ts", ...args], { env: { ...childEnv, ...env }, timeout: 60_000 });
}

describe("npm run createsuperuser", () => {
  it("creates an admin from flags, then refuses the same email", async () => {
    const first = await createsuperuser(["--email", "ada@example.com", "--name", "Ada", "--password", "a-long-password"]);
    expect(first.stdout).toContain("Superuser created: Ada <ada@example.com>");
    await expect(
      createsuperuser(["--email", "ADA@example.com", "--name", "Ada", "--password", "a-long-password"]),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("already exists") });
  }, 120_000);

  it("reads CT_SUPERUSER_* variables, and without a terminal says what is missing", async () => {
    const made = await createsuperuser([], {
      CT_SUPERUSER_EMAIL: "grace@example.com",
      CT_SUPERUSER_NAME: "Grace",
      CT_SUPERUSER_PASSWORD: "another-long-password",
    });
    expect(made.stdout).toContain("Superuser created: Grace <grace@example.com>");
    await expect(createsuperuser(["--email", "x@example.com"])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Missing --name, --password"),
    });
    await expect(createsuperuser(["--email", "y@example.com", "--name", "Y", "--password", "short"])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("at least 10 characters"),
    });
  }, 120_000);
});
