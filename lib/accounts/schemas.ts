import { z } from "zod";
import { ROLES } from "@/db/schema";
import { text } from "@/lib/input";

const email = z
  .string({ error: "is required" })
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be a valid email address" }));

export const loginInput = z.object({
  email,
  password: z.string({ error: "is required" }).min(1, "is required").max(1024, "is too long"),
});

export const refreshInput = z.object({
  refresh: z.string({ error: "is required" }).min(1, "is required").max(4096, "is too long"),
});

export const password = z
  .string({ error: "is required" })
  .min(10, "must be at least 10 characters")
  .max(256, "must be at most 256 characters");

const name = text({ max: 120 });
const department = text({ max: 120, required: false }).nullable();

export const createUserInput = z.object({
  email,
  name,
  role: z.enum(ROLES, { error: "must be admin or user" }).default("user"),
  department: department.optional().transform((d) => (d === "" ? null : (d ?? null))),
  password,
});

export const updateUserInput = z
  .object({
    name: name.optional(),
    role: z.enum(ROLES, { error: "must be admin or user" }).optional(),
    department: department.optional().transform((d) => (d === "" ? null : d)),
    active: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "at least one field is required" });

export const listUsersQuery = z.object({
  search: text({ max: 200, required: false }).optional(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;

/** The user as login and /me return it (CONTRACT §1.1). */
export const authUser = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().meta({ format: "email" }),
    role: z.enum(ROLES),
    department: z.string().nullable(),
  })
  .meta({
    id: "User",
    description: "A person as login and /api/auth/me return them (CONTRACT §1.1).",
    example: { id: "7d0f3c52-6f1e-4a39-9a53-3c1c2f4e8a10", name: "Ada Lovelace", email: "ada.lovelace@circletime.dev", role: "user", department: "Engineering" },
  });
export type AuthUser = z.infer<typeof authUser>;

/** The user as the admin's user list returns it (CONTRACT §6): instants are ISO 8601 UTC. */
export const adminUser = authUser
  .extend({ active: z.boolean(), createdAt: z.iso.datetime(), lastLoginAt: z.iso.datetime().nullable() })
  .meta({
    id: "AdminUser",
    description: "A person as the administrators' user list shows them (CONTRACT §6).",
    example: {
      id: "7d0f3c52-6f1e-4a39-9a53-3c1c2f4e8a10",
      name: "Ada Lovelace",
      email: "ada.lovelace@circletime.dev",
      role: "user",
      department: "Engineering",
      active: true,
      createdAt: "2026-01-05T09:12:00.000Z",
      lastLoginAt: "2026-03-02T07:58:41.000Z",
    },
  });
export type AdminUser = z.infer<typeof adminUser>;

/** CONTRACT §1.2: a fresh access/refresh pair; `token` repeats `access` for V1 clients. */
export const tokenPair = z
  .object({
    token: z.string().meta({ description: "The same string as `access` (V1 compatibility)." }),
    access: z.string().meta({ description: "Access token (JWT, HS256), 30 minutes by default." }),
    refresh: z.string().meta({ description: "Refresh token (JWT), 7 days by default, rotated on every use." }),
  })
  .meta({ id: "TokenPair" });
export type TokenPair = z.infer<typeof tokenPair>;

/** CONTRACT §1.1: the login answer, a token pair and the user. */
export const loginResult = tokenPair.extend({ user: authUser }).meta({ id: "LoginResult" });
