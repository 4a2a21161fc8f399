import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunctionArgs, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EvidenceList } from "~/components/evidence-list";
import { ResponseHistory } from "~/components/response-history";
import { RepeatSuggestions } from "~/components/repeat-suggestions";
import { Field, TextareaField } from "~/components/ui/field";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { ACTIONS, type LifecycleAction, RULES, availableActions } from "~/domain/lifecycle";
import { AUDIT_AREA_LABELS, type AuditArea, RISK_CATEGORY_LABELS, type RiskCategory, observationRef } from "~/domain/observation";
import { can } from "~/domain/permissions";
import { escalationStatement, severityStatement } from "~/domain/repeat-findings";
import { NOT_EDITABLE_MESSAGE, OBSERVATION_STALE_MESSAGE, REPEAT_INTENTS, RepeatDecisionSchema, lifecycleStepSchema } from "~/forms/observation";
import { responsesAndEvidence } from "~/models/observation-evidence.server";
import {
  NotEditableError,
  StepRefusedError,
  applyStep,
  confirmRepeat,
  dismissRepeat,
  getObservation,
  observationExists,
} from "~/models/observation.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { observationView, suggestionView, timelineEntryView } from "~/utils/observation-view.server";
import { notFound, uuidParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.observation.ref} ${page.observation.title} — Aegis` : "Observation — Aegis" },
];

/**
 * Steps this page offers. "respond" is the auditee's, taken in the auditee
 * portal together with the response itself, so it is never offered here.
 */
const PANEL_ACTIONS = ACTIONS.filter((action) => action !== "respond");
type PanelAction = (typeof PANEL_ACTIONS)[number];

/** What the comment box asks, for the steps that need one. */
const COMMENT_LABELS: Partial<Record<LifecycleAction, string>> = {
  "return-to-draft": "What should the auditor change?",
  "return-to-submitted": "Why reopen the review?",
  "reject-response": "Why is the response not sufficient?",
  "close-during-fieldwork": "Rationale: how was it resolved during fieldwork?",
};

/** The flash after a step: "OBS-0042 …". */
const DONE: Record<PanelAction, string> = {
  submit: "is submitted for review",
  "return-to-draft": "is returned to the auditor",
  "approve-review": "is reviewed: it can now be issued",
  "return-to-submitted": "is back under review",
  issue: "is issued to the auditee",
  "accept-response": "has its response accepted: compliance verified",
  "reject-response": "has its response rejected: it is back with the auditee",
  close: "is closed",
  "close-during-fieldwork": "is closed as resolved during fieldwork",
};

const STALE_STEP_MESSAGE = `${OBSERVATION_STALE_MESSAGE} Nothing was saved: its current state is shown below.`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "observation:view");
  const id = uuidParam(params);
  const [detail, answers] = await Promise.all([getObservation(actorOf(user, request), id), responsesAndEvidence(user, id)]);
  if (!detail) notFound();
  const { observation, timeline, suggestions } = detail;
  const isAuthorOfDraft = observation.authorId === user.id && observation.status === "DRAFT" && can(user.roles, "observation:create");
  const steps = availableActions(observation, { id: user.id, roles: user.roles, orgUnitIds: user.orgUnitIds }).filter(
    (action): action is PanelAction => action !== "respond",
  );
  return {
    observation: observationView(observation),
    timeline: timeline.map(timelineEntryView),
    suggestions: suggestions.map(suggestionView),
    steps: steps.map((action) => ({
      action,
      label: RULES[action].label,
      needsComment: Boolean(RULES[action].needsComment),
      needsDueDate: Boolean(RULES[action].needsDueDate),
    })),
    canEdit: isAuthorOfDraft,
    responses: answers.responses,
    evidence: answers.evidence,
  };
}

type StepReply = { intent: string; result: SubmissionResult<string[]> | null; message: string | null };

function reply(body: StepReply, status: number) {
  return data(body, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "observation:view");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  // Another bank's (or no) finding is a 404 whatever was posted with it.
  if (!(await observationExists(actor, id))) notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");

  if ((REPEAT_INTENTS as readonly string[]).includes(intent)) {
    const submission = parseWithZod(formData, { schema: RepeatDecisionSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply(), message: "Reload the page and try again." }, 400);
    const { candidateId, version } = submission.value;
    try {
      if (submission.value.intent === "confirm-repeat") {
        const confirmed = await confirmRepeat(actor, { id, version, candidateId });
        return redirectWithFlash(`/observations/${id}`, {
          kind: "success",
          message: `${observationRef(confirmed.number)} is confirmed as a repeat of ${observationRef(confirmed.repeatOfNumber)}. ${escalationStatement(confirmed.from, confirmed.to, confirmed.occurrence)}.`,
        });
      }
      const dismissed = await dismissRepeat(actor, { id, candidateId });
      return redirectWithFlash(`/observations/${id}`, {
        kind: "info",
        message: `${observationRef(dismissed.candidateNumber)} will not be suggested again as a repeat for ${observationRef(dismissed.number)}.`,
      });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      if (error instanceof NotEditableError) throw new Response(NOT_EDITABLE_MESSAGE, { status: 403 });
      if (error instanceof StaleRecordError) return reply({ intent, result: null, message: STALE_STEP_MESSAGE }, 409);
      if (error instanceof RuleError) return reply({ intent, result: null, message: error.message }, 400);
      throw error;
    }
  }

  if (!(PANEL_ACTIONS as readonly string[]).includes(intent)) throw new Response("Unknown action.", { status: 400 });
  const step = intent as PanelAction;
  const submission = parseWithZod(formData, { schema: lifecycleStepSchema(step) });
  if (submission.status !== "success") return reply({ intent, result: submission.reply(), message: null }, 400);
  try {
    const done = await applyStep(
      { ...actor, roles: user.roles, orgUnitIds: user.orgUnitIds },
      { id, version: submission.value.version, action: step, comment: submission.value.comment, dueDate: submission.value.dueDate },
    );
    return redirectWithFlash(`/observations/${id}`, { kind: "success", message: `${observationRef(done.number)} ${DONE[step]}.` });
  } catch (error) {
    if (error instanceof RecordNotFoundError) notFound();
    if (error instanceof StaleRecordError) return reply({ intent, result: submission.reply(), message: STALE_STEP_MESSAGE }, 409);
    if (error instanceof StepRefusedError) return reply({ intent, result: submission.reply(), message: error.message }, 400);
    throw error;
  }
}

/**
 * After a stale refusal, show the observation as it is now (Remix keeps the
 * old page data after a 4xx by default). Without JavaScript the server
 * renders the current state anyway.
 */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 ? true : defaultShouldRevalidate;
}

export default function ObservationPage() {
  const { observation, timeline, suggestions, steps, canEdit, responses, evidence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const repeatMessage = actionData && (REPEAT_INTENTS as readonly string[]).includes(actionData.intent) ? actionData.message : null;
  const stepMessage = actionData && !(REPEAT_INTENTS as readonly string[]).includes(actionData.intent) ? actionData.message : null;

  return (
    <article className="observation">
      <p>
        <Link to="/observations">← Findings</Link>
      </p>
      <header className="observation-header">
        <p className="observation-ref">{observation.ref}</p>
        <h1>{observation.title}</h1>
        <p className="observation-badges">
          <span className={`badge status status-${observation.status}`}>
            {observation.closedDuringFieldwork ? "Closed: resolved during fieldwork" : observation.statusLabel}
          </span>{" "}
          <span className="severity-badge" data-severity={observation.severity}>
            {observation.severity}
          </span>
          {observation.closedDuringFieldwork ? (
            <>
              {" "}
              <span className="badge fieldwork">Resolved during fieldwork</span>
            </>
          ) : null}
        </p>
        {canEdit ? (
          <p>
            <Link to={`/observations/${observation.id}/edit`} className="button secondary">
              Edit draft
            </Link>
          </p>
        ) : null}
      </header>

      {repeatMessage ? (
        <div className="form-errors" role="alert">
          <p>{repeatMessage}</p>
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <RepeatSuggestions observationId={observation.id} suggestions={suggestions} version={observation.version} decide={canEdit} />
      ) : null}

      {steps.length > 0 || stepMessage ? (
        <section className="action-panel" aria-labelledby="action-panel-heading">
          <h2 id="action-panel-heading">Next steps</h2>
          {stepMessage ? (
            <div className="form-errors" role="alert">
              <p>{stepMessage}</p>
            </div>
          ) : null}
          {steps.length === 0 ? <p className="muted">There is nothing for you to do on this observation now.</p> : null}
          <div className="step-forms">
            {steps.map((step) => (
              <StepForm
                key={`${step.action}-${observation.version}`}
                step={step}
                version={observation.version}
                proposedDueDate={observation.proposedDueDateValue}
                lastResult={actionData?.intent === step.action ? actionData.result : null}
              />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="finding-heading">
        <h2 id="finding-heading">The finding</h2>
        <dl className="finding-5c">
          <dt>Condition</dt>
          <dd>{observation.condition}</dd>
          <dt>Criteria</dt>
          <dd>{observation.criteria}</dd>
          <dt>Cause</dt>
          <dd>{observation.cause}</dd>
          <dt>Effect</dt>
          <dd>{observation.effect}</dd>
          <dt>Recommendation</dt>
          <dd>{observation.recommendation}</dd>
        </dl>
      </section>

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">Details</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            {observation.statusLabel} <span className="muted">(step {observation.statusStep})</span>
          </dd>
          <dt>Severity</dt>
          <dd>{severityStatement(observation.severity, observation.assessedSeverity, observation.repeatOccurrence)}</dd>
          <dt>Branch or department</dt>
          <dd>
            {observation.orgUnit.name} ({observation.orgUnit.code})
          </dd>
          <dt>Audit area</dt>
          <dd>{AUDIT_AREA_LABELS[observation.auditArea as AuditArea] ?? observation.auditArea}</dd>
          <dt>Risk category</dt>
          <dd>{RISK_CATEGORY_LABELS[observation.riskCategory as RiskCategory] ?? observation.riskCategory}</dd>
          <dt>RBI requirements</dt>
          <dd>{observation.rbiReferences || <span className="muted">None given</span>}</dd>
          <dt>Engagement</dt>
          <dd>
            {observation.engagement ? (
              <Link to={`/plan/${observation.engagement.id}`}>
                {observation.engagement.title} ({observation.engagement.planYear})
              </Link>
            ) : (
              <span className="muted">Not part of a planned engagement</span>
            )}
          </dd>
          <dt>Proposed due date</dt>
          <dd>{observation.proposedDueDate ?? <span className="muted">None</span>}</dd>
          {observation.dueDate ? (
            <>
              <dt>Due date</dt>
              <dd>{observation.dueDate}</dd>
            </>
          ) : null}
          {observation.issuedAt ? (
            <>
              <dt>Issued</dt>
              <dd>{observation.issuedAt}</dd>
            </>
          ) : null}
          <dt>Author</dt>
          <dd>{observation.author.name}</dd>
          <dt>Drafted</dt>
          <dd>{observation.createdAt}</dd>
          {observation.repeatOf ? (
            <>
              <dt>Repeat of</dt>
              <dd>
                <Link to={`/observations/${observation.repeatOf.id}`}>
                  {observation.repeatOf.ref} · {observation.repeatOf.title}
                </Link>
              </dd>
            </>
          ) : null}
          {observation.repeats.length > 0 ? (
            <>
              <dt>Repeated by</dt>
              <dd>
                {observation.repeats.map((repeat, index) => (
                  <span key={repeat.id}>
                    {index > 0 ? ", " : null}
                    <Link to={`/observations/${repeat.id}`}>{repeat.ref}</Link>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
          {observation.closedAt ? (
            <>
              <dt>Closed</dt>
              <dd>
                {observation.closedAt}
                {observation.closedDuringFieldwork ? " — resolved during fieldwork" : null}
              </dd>
            </>
          ) : null}
          {observation.closureRationale ? (
            <>
              <dt>Closure rationale</dt>
              <dd>{observation.closureRationale}</dd>
            </>
          ) : null}
          <dt>Tags</dt>
          <dd>
            {observation.tags.length > 0 ? (
              <ul className="tag-list" aria-label="Tags">
                {observation.tags.map((tag) => (
                  <li key={tag} className="badge">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </dl>
      </section>

      {responses.length > 0 || evidence.length > 0 ? (
        <>
          <section aria-labelledby="responses-heading">
            <h2 id="responses-heading">Responses from the branch</h2>
            <ResponseHistory responses={responses} evidence={evidence} />
          </section>
          <section aria-labelledby="evidence-heading" id="evidence">
            <h2 id="evidence-heading">Evidence</h2>
            <EvidenceList evidence={evidence} />
          </section>
        </>
      ) : null}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <p className="hint">Every step, edit and repeat decision, oldest first. Entries are never changed or removed.</p>
        <ol className="timeline">
          {timeline.map((entry) => (
            <li key={entry.id} className={`timeline-entry timeline-${entry.kind}`}>
              <p className="timeline-what">
                <strong>{entry.what}</strong>
                {entry.change ? <span className="timeline-change"> ({entry.change})</span> : null}
              </p>
              <p className="timeline-meta muted small">
                {entry.who} · <time dateTime={entry.at}>{entry.when}</time>
              </p>
              {entry.comment ? <blockquote className="timeline-comment">{entry.comment}</blockquote> : null}
              {entry.link ? (
                <p className="small">
                  <Link to={entry.link.to}>{entry.link.label}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function StepForm({
  step,
  version,
  proposedDueDate,
  lastResult,
}: {
  step: { action: PanelAction; label: string; needsComment: boolean; needsDueDate: boolean };
  version: number;
  proposedDueDate: string | null;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const navigation = useNavigation();
  const schema = lifecycleStepSchema(step.action);
  const [form, fields] = useForm({
    id: `step-${step.action}`,
    lastResult,
    defaultValue: step.needsDueDate && proposedDueDate ? { dueDate: proposedDueDate } : undefined,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === step.action;
  const quiet = step.action === "close-during-fieldwork" || step.action.startsWith("return-") || step.action === "reject-response";
  return (
    <Form method="post" {...getFormProps(form)} className="step-form" aria-label={step.label}>
      <input type="hidden" name="intent" value={step.action} />
      <input type="hidden" name="version" value={version} />
      {step.needsComment ? <TextareaField meta={fields.comment} label={COMMENT_LABELS[step.action] ?? "Comment"} rows={3} /> : null}
      {step.needsDueDate ? (
        <Field meta={fields.dueDate} type="date" label="Due date for the auditee" hint="Defaults to the auditor's proposed date." />
      ) : null}
      <button type="submit" className={quiet ? "secondary" : undefined} disabled={busy}>
        {busy ? "Saving…" : step.label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
