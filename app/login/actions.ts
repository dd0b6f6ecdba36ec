"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";

export interface SignInState {
  error: string | null;
  email: string;
}

/** Signs in through Auth.js (same password check and throttle as the API); on success Auth.js redirects. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const next = safeRedirect(String(formData.get("next") ?? "/rooms"));
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: next });
    return { error: null, email };
  } catch (err) {
    if (err instanceof CredentialsSignin && err.code === "rate_limited") {
      return { error: "Too many failed attempts. Wait 15 minutes and try again.", email };
    }
    if (err instanceof AuthError) return { error: "Invalid email or password.", email };
    throw err; // Auth.js signals the successful redirect by throwing; let Next.js handle it.
  }
}

/** Only same-site paths: an open redirect would let a link send people elsewhere after signing in. */
function safeRedirect(path: string): string {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/rooms";
}
