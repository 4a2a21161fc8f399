import { createCookie, redirect } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { type Permission, can } from "~/domain/permissions";
import { type SessionUser, resolveSession } from "~/models/session.server";
import { type SignInResult, signIn } from "~/models/sign-in.server";
import { env } from "~/utils/env.server";
import { assertSameOrigin, clientIp, userAgent } from "~/utils/request.server";

export type { SessionUser };

function secureCookies() {
  return env().APP_ORIGIN?.startsWith("https://") ?? false;
}

let cookie: ReturnType<typeof createCookie> | undefined;
/**
 * The session cookie: only a random session id, signed. httpOnly and
 * SameSite=Lax always; Secure (with the __Host- prefix) when served over
 * https. The session itself lives in PostgreSQL and can be revoked there.
 */
export function sessionCookie() {
  cookie ??= createCookie(secureCookies() ? "__Host-aegis_session" : "aegis_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

export async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function requestContext(request: Request) {
  return { ip: clientIp(request), userAgent: userAgent(request) };
}

/** The signed-in user, or null. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const { user } = await resolveSession(token, requestContext(request));
  return user;
}

/**
 * The signed-in user, or a redirect to sign in and come back. For requests
 * that change data it also refuses any that came from another site.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`, {
      headers: { "Set-Cookie": await clearSessionCookie() },
    });
  }
  return user;
}

/** Throws 403 unless the user's roles grant the permission. */
export function requirePermission(user: SessionUser, permission: Permission) {
  if (!can(user.roles, permission)) {
    throw new Response("Your role does not allow this.", { status: 403 });
  }
}

export async function requireUserWith(request: Request, permission: Permission) {
  const user = await requireUser(request);
  requirePermission(user, permission);
  return user;
}

export function commitSessionCookie(token: string) {
  return sessionCookie().serialize(token);
}

export function clearSessionCookie() {
  return sessionCookie().serialize("", { maxAge: 0 });
}

// remix-auth with its form strategy: the strategy reads the posted form and
// hands it to signIn, which checks limits, lockout and the password.
let authenticator: Authenticator<SignInResult> | undefined;
export function signInAuthenticator() {
  authenticator ??= new Authenticator<SignInResult>().use(
    new FormStrategy(async ({ form, request }) =>
      signIn({
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        ...requestContext(request),
      }),
    ),
    "form",
  );
  return authenticator;
}
