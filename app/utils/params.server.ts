import { z } from "zod";

const uuid = z.string().uuid();

/** The 404 every missing, malformed or other-bank id answers with. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * A route's id parameter, or a 404. A malformed id is "not found", like an
 * id of another bank: neither may become a 500 from the database, nor a 403
 * that would confirm the record exists.
 */
export function uuidParam(params: Record<string, string | undefined>, name = "id"): string {
  const parsed = uuid.safeParse(params[name]);
  return parsed.success ? parsed.data.toLowerCase() : notFound();
}

/** ?page=N from the URL; anything odd is page 1. */
export function pageParam(request: Request): number {
  const raw = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
}
