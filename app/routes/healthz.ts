import { checkHealth } from "~/models/health.server";

/** Liveness and readiness for load balancers, Docker and `npm run demo`. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
