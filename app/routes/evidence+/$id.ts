/**
 * One evidence file: GET downloads it (streamed from S3, as an attachment,
 * never rendered by the browser); POST intent=recheck re-reads the stored
 * bytes and compares their SHA-256 with the one recorded at upload. Anyone
 * who may see the observation may do both: its branch's auditees and the
 * bank's audit staff. Any other id (another bank's, another branch's) is a
 * 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/domain/permissions";
import { downloadEvidence, evidenceVisibleTo, recheckEvidence } from "~/models/evidence.server";
import { requestContext, requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { uuidParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return downloadEvidence(user, uuidParam(params));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params);
  // Evidence this user may not see is a 404 whatever was posted.
  await evidenceVisibleTo(user, id);
  const formData = await request.formData();
  if (formData.get("intent") !== "recheck") throw new Response("Unknown action", { status: 400 });
  const check = await recheckEvidence(user, id, requestContext(request));
  // Back to the page the button was on: staff work from the findings pages.
  const page = can(user.roles, "observation:view") ? `/observations/${check.observationId}` : `/portal/${check.observationId}`;
  return redirectWithFlash(
    `${page}#evidence-${id}`,
    check.unchanged
      ? { kind: "success", message: `Unchanged: the SHA-256 of “${check.filename}” matches the one recorded at upload (${check.expected}).` }
      : {
          kind: "error",
          message: `CHANGED: the stored “${check.filename}” no longer matches the SHA-256 recorded at upload (recorded ${check.expected}, now ${check.actual}). Report this to the Chief Audit Executive.`,
        },
  );
}
