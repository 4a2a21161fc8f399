import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { DueCountdown } from "~/components/due-countdown";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvidenceList } from "~/components/evidence-list";
import { EvidenceUploadForm } from "~/components/evidence-upload";
import { ResponseHistory } from "~/components/response-history";
import { CheckboxGroupField } from "~/components/ui/checkbox-group";
import { ErrorList, Field, FormErrors, TextareaField } from "~/components/ui/field";
import { RESPONSE_KINDS, RESPONSE_KIND_HINTS, RESPONSE_KIND_LABELS } from "~/domain/auditee-response";
import { toCalendarDate } from "~/domain/calendar-date";
import { auditeeDeadline, earliestExtensionDate } from "~/domain/deadline";
import { replacementsOf, uploadedMessage } from "~/domain/evidence";
import { formatDate, formatDateTime } from "~/domain/format";
import { STATUS_LABELS, type ObservationStatus } from "~/domain/lifecycle";
import { SEVERITY_LABELS, observationRef } from "~/domain/observation";
import { RespondSchema, type RespondValues, respondSchema } from "~/forms/auditee-response";
import { portalObservation, submitResponse } from "~/models/auditee-response.server";
import { receiveEvidence } from "~/models/evidence.server";
import { requestContext, requireUserWith } from "~/utils/auth.server";
import { ALLOWED_TYPES_TEXT, MAX_EVIDENCE_BYTES } from "~/utils/evidence-inspector.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { uuidParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.observation.ref} ${page.observation.title} — Aegis` : "Observation — Aegis" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "portal:use");
  const { observation, responses, evidence } = await portalObservation(user, uuidParam(params));
  const now = new Date();
  return {
    observation: {
      id: observation.id,
      ref: observationRef(observation.number),
      title: observation.title,
      condition: observation.condition,
      criteria: observation.criteria,
      cause: observation.cause,
      effect: observation.effect,
      recommendation: observation.recommendation,
      severity: observation.severity,
      status: observation.status,
      dueDate: observation.dueDate,
      version: observation.version,
      unit: observation.orgUnit.name,
    },
    deadline: auditeeDeadline(observation, now),
    earliestExtensionDate: earliestExtensionDate(observation.dueDate, now),
    responses,
    evidence,
    upload: { allowedTypes: ALLOWED_TYPES_TEXT, maxBytes: MAX_EVIDENCE_BYTES },
  };
}

function isMultipart(request: Request) {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "portal:use");
  const id = uuidParam(params);
  const context = requestContext(request);

  // The evidence form is multipart and streams its files: it is told apart
  // by its encoding, before a byte of the body is read.
  if (isMultipart(request)) {
    const outcome = await receiveEvidence(user, id, request, context);
    if (outcome.ok) return redirectWithFlash(`/portal/${id}#evidence`, { kind: "success", message: uploadedMessage(outcome.evidence) });
    return data({ intent: "upload" as const, refusal: { status: outcome.status, message: outcome.message } }, { status: outcome.status });
  }

  const { observation } = await portalObservation(user, id);
  if (observation.status !== "ISSUED") {
    return redirectWithFlash(`/portal/${id}`, { kind: "error", message: "This observation is not waiting for a response from you now." });
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  const submission = parseWithZod(formData, { schema: respondSchema({ earliestExtensionDate: earliestExtensionDate(observation.dueDate) }) });

  if (intent === "edit") return data({ intent: "respond" as const, result: submission.reply() });
  if (submission.status !== "success") return data({ intent: "respond" as const, result: submission.reply() }, { status: 400 });
  // The confirmation step: nothing is saved yet.
  if (intent === "review") return data({ intent: "review" as const, review: submission.value });
  if (intent !== "submit") throw new Response("Unknown action", { status: 400 });

  const { kind, body, proposedDueDate, evidenceIds, version } = submission.value;
  const outcome = await submitResponse(
    user,
    id,
    { kind, body, proposedDueDate: proposedDueDate ? toCalendarDate(proposedDueDate) : undefined, evidenceIds: evidenceIds ?? [], version },
    context,
  );
  if (!outcome.ok) return data({ intent: "respond" as const, result: submission.reply({ formErrors: [outcome.message] }) }, { status: outcome.status });
  return redirectWithFlash(`/portal/${id}`, {
    kind: "success",
    message: "Your response has been submitted to the audit team. It is recorded as sent and can no longer be changed.",
  });
}

const SETTLED_NOTICE: Partial<Record<ObservationStatus, string>> = {
  RESPONSE: "Your response is with the audit team. Nothing more can be added unless they return the observation to you.",
  COMPLIANCE: "The audit team has accepted your response and verified the compliance.",
  CLOSED: "This observation is closed.",
};

export default function PortalObservation() {
  const { observation, deadline, responses, evidence, upload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const awaitingResponse = observation.status === "ISSUED";
  const replaced = replacementsOf(evidence);

  return (
    <article className="portal-observation">
      <p className="breadcrumb">
        <Link to="/portal">My observations</Link>
      </p>
      <h1>
        <span className="ref">{observation.ref}</span> {observation.title}
      </h1>
      <dl className="details observation-summary">
        <dt>Branch / department</dt>
        <dd>{observation.unit}</dd>
        <dt>Severity</dt>
        <dd>
          <span className="severity-badge" data-severity={observation.severity}>
            {SEVERITY_LABELS[observation.severity]}
          </span>
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[observation.status]}</dd>
        <dt>Due date</dt>
        <dd>
          {observation.dueDate ? `${formatDate(observation.dueDate)} — ` : null}
          <DueCountdown deadline={deadline} />
        </dd>
      </dl>
      {SETTLED_NOTICE[observation.status] ? <p className="notice">{SETTLED_NOTICE[observation.status]}</p> : null}

      <section aria-labelledby="five-cs">
        <h2 id="five-cs">The observation</h2>
        <dl className="five-cs">
          <dt>Condition: what was found</dt>
          <dd className="prewrap">{observation.condition}</dd>
          <dt>Criteria: the rule or standard</dt>
          <dd className="prewrap">{observation.criteria}</dd>
          <dt>Cause: why it happened</dt>
          <dd className="prewrap">{observation.cause}</dd>
          <dt>Effect: the risk or impact</dt>
          <dd className="prewrap">{observation.effect}</dd>
          <dt>Recommendation: what should be done</dt>
          <dd className="prewrap">{observation.recommendation}</dd>
        </dl>
      </section>

      <section aria-labelledby="responses">
        <h2 id="responses">Responses</h2>
        <ResponseHistory responses={responses} evidence={evidence} />
      </section>

      <section aria-labelledby="evidence">
        <h2 id="evidence">Evidence</h2>
        <EvidenceList evidence={evidence} />
        {awaitingResponse ? (
          <EvidenceUploadForm
            action={`/portal/${observation.id}`}
            jsonAction={`/portal/${observation.id}/evidence`}
            replaceable={evidence.filter((file) => !replaced.has(file.id))}
            allowedTypes={upload.allowedTypes}
            maxBytes={upload.maxBytes}
            refusal={actionData?.intent === "upload" ? actionData.refusal : null}
          />
        ) : null}
      </section>

      {awaitingResponse ? (
        <section aria-labelledby="respond">
          <h2 id="respond">Your response</h2>
          {actionData?.intent === "review" ? <ConfirmResponse values={actionData.review} /> : <ResponseForm />}
        </section>
      ) : null}
    </article>
  );
}

function ResponseForm() {
  const { observation, earliestExtensionDate: earliest, evidence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = respondSchema({ earliestExtensionDate: earliest });
  const [form, fields] = useForm({
    id: `respond-${observation.id}`,
    lastResult: actionData?.intent === "respond" ? actionData.result : undefined,
    constraint: getZodConstraint(RespondSchema),
    shouldValidate: "onBlur",
    // A fixed mistake's message goes at once, not when the field loses
    // focus: otherwise the button moves away under the pointer as it is
    // pressed (the message above it disappears) and the click is lost.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const kinds = getCollectionProps(fields.kind, { type: "radio", options: [...RESPONSE_KINDS], ariaAttributes: false });
  const reviewing = navigation.state === "submitting" && navigation.formData?.get("intent") === "review";
  return (
    <Form method="post" {...getFormProps(form)} className="stack respond-form">
      <p className="hint">
        Upload your evidence first (above), then write your response. You will see it once more before it is sent.
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="version" value={observation.version} />
      <fieldset id={fields.kind.id} aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}>
        <legend>What kind of response is this?</legend>
        <ul className="checkbox-list kind-list">
          {kinds.map(({ key, ...radio }) => {
            const kind = radio.value as (typeof RESPONSE_KINDS)[number];
            return (
              <li key={key}>
                <label>
                  <input {...radio} key={key} aria-invalid={fields.kind.errors?.length ? true : undefined} />{" "}
                  <span>
                    <strong>{RESPONSE_KIND_LABELS[kind]}</strong>
                    <span className="hint block">{RESPONSE_KIND_HINTS[kind]}</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <TextareaField meta={fields.body} label="Your response" rows={7} hint="What you found, what you have done, or why you need more time." />
      <Field
        meta={fields.proposedDueDate}
        label="Proposed new due date"
        type="date"
        hint={`Only for a request for more time: ${formatDate(`${earliest}T00:00:00Z`)} or later (after today and after the current due date).`}
        inputProps={{ min: earliest }}
      />
      <CheckboxGroupField
        meta={fields.evidenceIds}
        legend="Evidence this response relies on"
        hint="Needed for a compliance action: tick the files that show what was done."
        empty="No evidence has been uploaded yet. Upload it above first."
        options={evidence.map((file) => ({ value: file.id, label: `${file.filename} (uploaded ${formatDateTime(file.uploadedAt)})` }))}
      />
      <button type="submit" name="intent" value="review" disabled={reviewing}>
        {reviewing ? "Preparing…" : "Review response"}
      </button>
    </Form>
  );
}

/**
 * The confirmation step: the response as it will be sent, carried in hidden
 * fields to the final submission. Works without JavaScript.
 */
function ConfirmResponse({ values }: { values: RespondValues }) {
  const { observation, evidence } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  // With JavaScript the page does not reload: take the reader to the summary.
  useEffect(() => heading.current?.focus(), []);
  const intent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const chosen = evidence.filter((file) => values.evidenceIds?.includes(file.id));
  return (
    <div className="confirm-panel">
      <h3 ref={heading} tabIndex={-1}>
        Check your response before you submit it
      </h3>
      <p className="warning">
        <strong>A submitted response cannot be changed or withdrawn.</strong> It goes to the audit team with the date and time, and
        the evidence you have ticked.
      </p>
      <dl className="details">
        <dt>Kind</dt>
        <dd>{RESPONSE_KIND_LABELS[values.kind]}</dd>
        <dt>Your response</dt>
        <dd className="prewrap">{values.body}</dd>
        {values.kind === "EXTENSION_REQUEST" && values.proposedDueDate ? (
          <>
            <dt>Proposed new due date</dt>
            <dd>{formatDate(`${values.proposedDueDate}T00:00:00Z`)}</dd>
          </>
        ) : null}
        <dt>Evidence relied on</dt>
        <dd>
          {chosen.length ? (
            <ul className="link-list">
              {chosen.map((file) => (
                <li key={file.id}>{file.filename}</li>
              ))}
            </ul>
          ) : (
            "None"
          )}
        </dd>
      </dl>
      <Form method="post" className="form-actions">
        <input type="hidden" name="version" value={observation.version} />
        <input type="hidden" name="kind" value={values.kind} />
        <input type="hidden" name="body" value={values.body} />
        {values.kind === "EXTENSION_REQUEST" && values.proposedDueDate ? (
          <input type="hidden" name="proposedDueDate" value={values.proposedDueDate} />
        ) : null}
        {values.evidenceIds?.map((evidenceId) => <input key={evidenceId} type="hidden" name="evidenceIds" value={evidenceId} />)}
        <button type="submit" name="intent" value="submit" disabled={Boolean(intent)}>
          {intent === "submit" ? "Submitting…" : "Submit response"}
        </button>
        <button type="submit" name="intent" value="edit" className="secondary" disabled={Boolean(intent)}>
          Change my response
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
