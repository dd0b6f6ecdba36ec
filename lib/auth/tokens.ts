import crypto from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";
import { Unauthorized } from "@/lib/errors";
import type { Role } from "@/db/schema";

const ALGORITHM = "HS256";
// A key of its own for API tokens, derived from AUTH_SECRET so that one secret configures everything.
const rawKey = crypto.createHash("sha256").update(`circle-time/api-jwt/${env.AUTH_SECRET}`).digest();
// Imported once: handed raw bytes, jose imports the key again on every call (about 100 µs of every request).
let cryptoKey: Promise<CryptoKey> | undefined;
const key = () =>
  (cryptoKey ??= crypto.webcrypto.subtle.importKey("raw", rawKey, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]));

export type TokenType = "access" | "refresh";
/** The claims of our JWTs; `ver` is the user's token version when it was issued (lib/auth/revocation.ts). */
export interface TokenClaims {
  sub: string;
  role: Role;
  type: TokenType;
  jti: string;
  fam?: string;
  ver: number;
  iat: number;
  exp: number;
}

export function accessTokenTtlSeconds(): number {
  return env.ACCESS_TOKEN_TTL_MINUTES * 60;
}

export function refreshTokenTtlSeconds(): number {
  return env.REFRESH_TOKEN_TTL_DAYS * 24 * 3600;
}

/** Signs a token (HS256) with `iat`, `exp` = iat + ttlSeconds, `jti` and the user's token version `ver` (default 0). */
export async function signToken(
  claims: { sub: string; role: Role; type: TokenType; jti: string; fam?: string; ver?: number },
  ttlSeconds: number,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const payload: Record<string, unknown> = { role: claims.role, type: claims.type, ver: claims.ver ?? 0 };
  if (claims.fam) payload.fam = claims.fam;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(await key());
}

/**
 * Verifies signature (HS256 only), expiry and the token type; a token without `exp`, `iat`, `jti` or `sub` is
 * refused (issue 10 point 9), so is one whose `ver` is not a whole number. Anything wrong is a 401. Revocation is
 * checked by the caller against the user's state (lib/auth/revocation.ts).
 */
export async function verifyToken(token: string, expected: TokenType): Promise<TokenClaims> {
  if (expected === "access") {
    const known = verifiedAccessTokens.get(token);
    if (known) {
      // As jose decides: expired once `exp` is not after now, in whole seconds.
      if (known.exp > Math.floor(Date.now() / 1000)) return known;
      verifiedAccessTokens.delete(token);
      throw new Unauthorized("Token has expired");
    }
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await key(), { algorithms: [ALGORITHM], requiredClaims: ["exp", "iat", "jti", "sub"] }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new Unauthorized("Token has expired");
    throw new Unauthorized("Invalid token");
  }
  if (payload.type !== expected) {
    throw new Unauthorized(expected === "access" ? "An access token is required" : "A refresh token is required");
  }
  if (typeof payload.sub !== "string" || typeof payload.jti !== "string") throw new Unauthorized("Invalid token");
  if (payload.role !== "admin" && payload.role !== "user") throw new Unauthorized("Invalid token");
  if (payload.ver !== undefined && !Number.isSafeInteger(payload.ver)) throw new Unauthorized("Invalid token");
  payload.ver ??= 0;
  const claims = Object.freeze(payload) as unknown as TokenClaims;
  if (expected === "access") rememberVerified(token, claims);
  return claims;
}

/**
 * Access tokens this process has verified, until they expire: a client sends the same token with every request
 * for up to ACCESS_TOKEN_TTL_MINUTES, and checking its signature and claims again took ~60 µs of each request.
 * Keyed by the whole token, signature included, so only a token verified here matches. Revocation does not rest on
 * it: the caller checks the user's token version and state on every request (lib/auth/resolve.ts).
 */
const verifiedAccessTokens = new Map<string, TokenClaims>();
const VERIFIED_ACCESS_TOKENS_MAX = 10_000;

function rememberVerified(token: string, claims: TokenClaims) {
  // Full: the oldest entry goes (a Map iterates in insertion order).
  if (verifiedAccessTokens.size >= VERIFIED_ACCESS_TOKENS_MAX) verifiedAccessTokens.delete(verifiedAccessTokens.keys().next().value!);
  verifiedAccessTokens.set(token, claims);
}
