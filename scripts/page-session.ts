/** Cookies of a response added to `previous` (a `Cookie` header value: name=value pairs only). */
function withCookies(res: Response, previous = ""): string {
  const jar = new Map(previous.split("; ").filter(Boolean).map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]));
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/**
 * Signs in at `base` the way the browser does (Auth.js credentials with its CSRF token) and returns the
 * `Cookie` header of the session, for scripts that measure the signed-in pages.
 */
export async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /auth/csrf answered ${csrf.status}: is the server running at ${base}?`);
  let cookie = withCookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/rooms` }),
  });
  cookie = withCookies(signIn, cookie);
  if (!/authjs\.session-token=/.test(cookie)) throw new Error(`Signing in as ${email} failed (${signIn.status})`);
  return cookie;
}
