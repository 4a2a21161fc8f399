import { env } from "~/utils/env.server";

/**
 * The client's IP address. remix-serve does not expose the socket, so Aegis
 * runs behind a reverse proxy (the TLS terminator) that appends the client's
 * address to X-Forwarded-For; the last entry is the one our proxy wrote.
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last && last.length <= 64 ? last : "unknown";
}

export function userAgent(request: Request): string {
  return (request.headers.get("user-agent") ?? "").slice(0, 400);
}

/** The origin this app is served from: APP_ORIGIN, else the request's own. */
export function appOrigin(request: Request): string {
  return env().APP_ORIGIN ?? new URL(request.url).origin;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that did not come from one of our own
 * pages (cross-site request forgery), on top of SameSite=Lax cookies. Old
 * browsers may omit Origin on same-origin form posts; Referer then decides.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const expected = appOrigin(request);
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    if (origin === expected) return;
  } else {
    const referer = request.headers.get("referer");
    if (referer && safeOrigin(referer) === expected) return;
  }
  throw new Response("This form was sent from another site and has been refused.", { status: 403 });
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A local path to return to after sign-in; anything else becomes /dashboard. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
