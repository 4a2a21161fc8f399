import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/utils/env.server";

/**
 * One-time messages ("Invitation sent") carried across a redirect in a
 * signed cookie and rendered by the server in a role="status" region: no
 * JavaScript needed to see them.
 */
export type Flash = { kind: "success" | "error" | "info"; message: string };

let cookie: ReturnType<typeof createCookie> | undefined;
function flashCookie() {
  cookie ??= createCookie("aegis_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_ORIGIN?.startsWith("https://") ?? false,
    path: "/",
    maxAge: 60,
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie().serialize(flash));
  return redirect(to, { headers });
}

/** Reads the pending flash, if any, and the header that clears it. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const value = (await flashCookie().parse(request.headers.get("cookie"))) as Flash | null;
  if (!value || typeof value.message !== "string") return { flash: null, clear: null };
  return { flash: value, clear: await flashCookie().serialize("", { maxAge: 0 }) };
}
