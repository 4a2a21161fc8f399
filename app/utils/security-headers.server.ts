/**
 * Headers every HTML response carries. CSP allows only our own origin plus
 * the nonce Remix needs for its inline hydration scripts; in development
 * Vite's HMR client needs a websocket and inline styles, so it is relaxed.
 */
export function securityHeaders(nonce: string, { production }: { production: boolean }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${production ? "" : " 'unsafe-inline'"}`,
    `style-src 'self'${production ? "" : " 'unsafe-inline'"}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Pages may show a bank's confidential data: never keep them in a shared
    // terminal's cache or an intermediary's.
    "Cache-Control": "private, no-store",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
