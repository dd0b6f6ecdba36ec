import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/accounts/service";
import { loginInput } from "@/lib/accounts/schemas";
import { env } from "@/lib/env";
import { RateLimited, Unauthorized } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "admin" | "user" } & DefaultSession["user"];
  }
  interface User {
    role?: "admin" | "user";
  }
}

class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Auth.js for our own pages: the Credentials provider runs the same password check and throttle as the API
 * login, and the session is a JWT cookie. API clients use bearer tokens instead (lib/auth/tokens.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  basePath: "/auth",
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = loginInput.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          const user = await authenticate(parsed.data.email, parsed.data.password, clientAddress(request));
          return { id: user.id, name: user.name, email: user.email, role: user.role };
        } catch (err) {
          if (err instanceof RateLimited) throw new RateLimitedSignin();
          if (err instanceof Unauthorized) return null;
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.role = token.role as "admin" | "user";
      return session;
    },
  },
});
