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
export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: "admin" | "user";
  department: string | null;
}

/** The user as the admin's user list returns it (CONTRACT §6). */
export interface AdminUser extends AuthUser {
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
