import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation, uuidParams } from "@/lib/openapi/operation";
import {
  adminUser,
  authUser,
  createUserInput,
  listUsersQuery,
  loginInput,
  loginResult,
  refreshInput,
  tokenPair,
  updateUserInput,
} from "./schemas";

const TOKENS = { token: "eyJhbGciOiJIUzI1NiJ9.…", access: "eyJhbGciOiJIUzI1NiJ9.…", refresh: "eyJhbGciOiJIUzI1NiJ9.…" };
const ADA = { id: "7d0f3c52-6f1e-4a39-9a53-3c1c2f4e8a10", name: "Ada Lovelace", email: "ada.lovelace@circletime.dev", role: "user", department: "Engineering" };

/** CONTRACT §1 (authentication) and §6 (users): the paths of the accounts domain. */
export const accountsPaths: ZodOpenApiPathsObject = {
  "/api/auth/login": {
    post: operation({
      id: "login",
      summary: "Sign in with email and password",
      description: "Email is matched case-insensitively. Unknown email, wrong password and deactivated user all get the same 401.",
      tags: ["Authentication"],
      auth: "public",
      body: loginInput,
      bodyExample: { email: "ada.lovelace@circletime.dev", password: "circle-time-demo" },
      success: { description: "A token pair and the user.", data: loginResult, example: { ...TOKENS, user: ADA } },
      errors: { 401: "Invalid credentials.", 429: "5 failed attempts for one email from one address within 15 minutes." },
    }),
  },
  "/api/auth/refresh": {
    post: operation({
      id: "refreshTokens",
      summary: "Exchange a refresh token for a new pair",
      description: "The presented refresh token is spent. Presenting a spent one again revokes every token of that login (reuse detection).",
      tags: ["Authentication"],
      auth: "public",
      body: refreshInput,
      bodyExample: { refresh: TOKENS.refresh },
      success: { description: "A new token pair.", data: tokenPair, example: TOKENS },
      errors: { 401: "Expired, malformed, spent or access-type token, or a deactivated user." },
    }),
  },
  "/api/auth/me": {
    get: operation({
      id: "getCurrentUser",
      summary: "The signed-in user",
      tags: ["Authentication"],
      auth: "user",
      success: { description: "The user behind the token or session.", data: authUser, example: ADA },
    }),
  },
  "/api/auth/logout": {
    post: operation({
      id: "logout",
      summary: "Revoke a login's refresh tokens",
      tags: ["Authentication"],
      auth: "public",
      body: refreshInput,
      bodyExample: { refresh: TOKENS.refresh },
      success: { description: "Logged out.", data: z.object({ loggedOut: z.literal(true) }), example: { loggedOut: true } },
      errors: { 401: "The refresh token is not valid." },
    }),
  },
  "/api/users": {
    get: operation({
      id: "listUsers",
      summary: "List users",
      description: "Optional `search` matches name, email or department, case-insensitively.",
      tags: ["Users"],
      auth: "admin",
      query: listUsersQuery,
      success: { description: "Users ordered by name.", data: z.array(adminUser) },
    }),
    post: operation({
      id: "createUser",
      summary: "Create a user with a password",
      tags: ["Users"],
      auth: "admin",
      body: createUserInput,
      bodyExample: { email: "grace.hopper@circletime.dev", name: "Grace Hopper", role: "user", department: "Engineering", password: "a-long-passphrase" },
      success: { status: 201, description: "The new user.", data: adminUser },
      errors: { 409: "A user with this email exists." },
    }),
  },
  "/api/users/{id}": {
    patch: operation({
      id: "updateUser",
      summary: "Change a user's name, role, department or active flag",
      description: "An admin cannot demote or deactivate themself. A deactivated user cannot log in or refresh; their refresh tokens die with it.",
      tags: ["Users"],
      auth: "admin",
      path: uuidParams("id"),
      body: updateUserInput,
      bodyExample: { role: "admin", department: "Operations" },
      success: { description: "The updated user.", data: adminUser },
      errors: { 409: "An admin demoting or deactivating themself." },
    }),
  },
};
