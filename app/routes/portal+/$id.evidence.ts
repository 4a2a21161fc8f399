/**
 * Evidence uploads sent from the page by script, one file per request, so
 * the page can show each file's progress (XMLHttpRequest) and the server's
 * verdict on it. Asked for JSON (Accept: application/json) it answers
 * { ok, message, evidence } with the refusal's status (400, 409, 413, 415);
 * a plain form post gets the usual redirect with a message. The page's own
 * form (/portal/$id) is what works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { uploadedMessage } from "~/domain/evidence";
import { receiveEvidence } from "~/models/evidence.server";
import { requestContext, requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { uuidParam } from "~/utils/params.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/portal/${uuidParam(params)}`);
}

const THROWN_MESSAGES: Record<number, string> = {
  403: "Only an auditee of this branch or department can add evidence.",
  404: "This observation is not available to you.",
};

function json(body: { ok: boolean; message: string; evidence: unknown[] }, status: number) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const id = uuidParam(params);
  try {
    const user = await requireUserWith(request, "portal:use");
    const outcome = await receiveEvidence(user, id, request, requestContext(request));
    const message = outcome.ok ? uploadedMessage(outcome.evidence) : outcome.message;
    if (wantsJson) return json({ ok: outcome.ok, message, evidence: outcome.ok ? outcome.evidence : [] }, outcome.ok ? 200 : outcome.status);
    return redirectWithFlash(`/portal/${id}#evidence`, { kind: outcome.ok ? "success" : "error", message });
  } catch (thrown) {
    // A script cannot show an error page: say in JSON what went wrong. A
    // redirect (to sign in again) is answered as such: the page reports it.
    if (wantsJson && thrown instanceof Response && thrown.status >= 400) {
      return json({ ok: false, message: THROWN_MESSAGES[thrown.status] ?? "The upload could not be accepted.", evidence: [] }, thrown.status);
    }
    throw thrown;
  }
}
