import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ObservationForm } from "~/components/observation-form";
import { RepeatSuggestions } from "~/components/repeat-suggestions";
import { calendarDateString } from "~/domain/calendar-date";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { observationRef } from "~/domain/observation";
import { EditObservationSchema, NOT_EDITABLE_MESSAGE, OBSERVATION_STALE_MESSAGE } from "~/forms/observation";
import {
  NotEditableError,
  type ObservationSnapshot,
  getObservation,
  observationFormChoices,
  updateDraft,
 observationExists } from "~/models/observation.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { notFound, uuidParam } from "~/utils/params.server";
import { suggestionView } from "~/utils/observation-view.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Edit ${page.ref} — Aegis` : "Edit observation — Aegis" },
];

function notEditable(): never {
  throw new Response(NOT_EDITABLE_MESSAGE, { status: 403 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "observation:create");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  const detail = await getObservation(actor, id);
  if (!detail) notFound();
  const { observation, suggestions } = detail;
  if (observation.authorId !== user.id || observation.status !== "DRAFT") notEditable();
  const choices = await observationFormChoices(actor, observation);
  return {
    id,
    ref: observationRef(observation.number),
    version: observation.version,
    choices,
    suggestions: suggestions.map(suggestionView),
    defaultValue: {
      title: observation.title,
      condition: observation.condition,
      criteria: observation.criteria,
      cause: observation.cause,
      effect: observation.effect,
      recommendation: observation.recommendation,
      assessedSeverity: observation.assessedSeverity,
      orgUnitId: observation.orgUnitId,
      auditArea: observation.auditArea,
      riskCategory: observation.riskCategory,
      rbiReferences: observation.rbiReferences,
      tags: observation.tags.join(", "),
      engagementId: observation.engagementId ?? "",
      proposedDueDate: observation.proposedDueDate ? calendarDateString(observation.proposedDueDate) : "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "observation:create");
  const id = uuidParam(params);
  // Another bank's (or no) finding is a 404 whatever was posted with it.
  if (!(await observationExists(actorOf(user, request), id))) notFound();
  const submission = parseWithZod(await request.formData(), { schema: EditObservationSchema });
  // The version the form carries next: the one it was opened at, until a
  // stale refusal reports a newer one (the user has then been warned).
  const submittedVersion = Number(submission.payload.version) || null;
  if (submission.status !== "success") return data({ result: submission.reply(), version: submittedVersion }, { status: 400 });
  try {
    await updateDraft(actorOf(user, request), id, submission.value);
  } catch (error) {
    if (error instanceof RecordNotFoundError) notFound();
    if (error instanceof NotEditableError) notEditable();
    if (error instanceof StaleRecordError) {
      const current = error.current as ObservationSnapshot;
      return data(
        {
          result: submission.reply({
            formErrors: [
              `${OBSERVATION_STALE_MESSAGE} Nothing was saved. Your text is kept below: open the observation in another tab to see what changed, then save again to replace it with yours.`,
            ],
          }),
          version: current.version,
        },
        { status: 409 },
      );
    }
    if (error instanceof RuleError) return data({ result: ruleReply(submission, error), version: submittedVersion }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(`/observations/${id}`, { kind: "success", message: "Your changes are saved." });
}

export default function EditObservation() {
  const { id, ref, version, choices, defaultValue, suggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/observations/${id}`}>← Back to {ref}</Link>
      </p>
      <h1>Edit {ref}</h1>
      {suggestions.length > 0 ? (
        <RepeatSuggestions observationId={id} suggestions={suggestions} version={version} decide={false} />
      ) : null}
      <ObservationForm
        id="edit-observation"
        schema={EditObservationSchema}
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        choices={choices}
        submitLabel="Save changes"
        hidden={<input type="hidden" name="version" value={actionData?.version ?? version} />}
      />
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { id } = useParams();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <h1 id="error-title">This observation cannot be edited</h1>
        <p>{NOT_EDITABLE_MESSAGE}</p>
        <p>
          <Link to={`/observations/${id}`}>Back to the observation</Link>
        </p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
