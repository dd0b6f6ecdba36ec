import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // The LISTEN session of the real-time push (DOMAIN §6): a direct connection, not a pooler in transaction mode.
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  MIGRATE_ON_START: bool.default(true),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  // A migrated data directory dumped by PGlite's dumpDataDir (tests/pglite-image.ts): a new embedded database starts
  // from it instead of running initdb and every migration (about a second instead of several per test file).
  PGLITE_IMAGE: z.string().optional().or(z.literal("").transform(() => undefined)),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SCRYPT_LOG2_N: z.coerce.number().int().min(10).max(20).default(17),
  ACCESS_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  REFRESH_REUSE_LEEWAY_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Circle Time <no-reply@circletime.local>"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  DISABLE_SWEEP: bool.default(false),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Set by `npm start`'s cluster (scripts/start.mjs) in each worker: 1…WEB_CONCURRENCY; unset under plain `next start`.
  WORKER_INDEX: z.coerce.number().int().min(1).optional().or(z.literal("").transform(() => undefined)),
});

export type Env = z.infer<typeof schema>;

function loadEnv(): Env & { AUTH_SECRET: string } {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  const env = parsed.data;
  return { ...env, AUTH_SECRET: env.AUTH_SECRET ?? developmentSecret(env) };
}

/**
 * Outside production a missing AUTH_SECRET is generated once and kept under .data/,
 * so sessions survive restarts; production refuses to start without one.
 */
function developmentSecret(env: Env): string {
  if (env.NODE_ENV === "production" && !isBuildPhase()) {
    throw new Error(
      "AUTH_SECRET is not set. Production needs a secret of at least 32 characters: `openssl rand -base64 32`.",
    );
  }
  if (env.NODE_ENV === "test") return crypto.randomBytes(32).toString("base64url");
  const file = path.join(process.cwd(), ".data", "dev-auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

export const env = loadEnv();
