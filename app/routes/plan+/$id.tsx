import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EngagementForm } from "~/components/engagement-form";
import { calendarDateString, currentFinancialYear } from "~/domain/calendar-date";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { formatDate, formatDateTime } from "~/domain/format";
import { AUDIT_TYPE_LABELS, ENGAGEMENT_STATUS_LABELS } from "~/domain/observation";
import { can } from "~/domain/permissions";
import { EditEngagementSchema, shiftFinancialYear } from "~/forms/engagement";
import { type EngagementSnapshot, engagementChoices, engagementDetail, updateEngagement } from "~/models/engagement.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { notFound, uuidParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.engagement.title} — Aegis` : "Engagement — Aegis" },
];

const STALE_ENGAGEMENT_MESSAGE =
  "This engagement was changed by someone else since you opened it. Nothing was saved. Your entries are kept below: save again to replace their changes with yours, or reload the page to start over.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "plan:view");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  const engagement = await engagementDetail(actor, id);
  if (!engagement) notFound();
  const canManage = can(user.roles, "plan:manage");
  const auditorIds = engagement.auditors.map((person) => person.id);
  const choices = canManage ? await engagementChoices(actor, { orgUnitId: engagement.orgUnit.id, auditorIds }) : null;
  const current = currentFinancialYear();
  const planYears = [
    ...new Set([shiftFinancialYear(current, -1), current, shiftFinancialYear(current, 1), shiftFinancialYear(current, 2), engagement.planYear]),
  ].sort();
  return {
    engagement: {
      id: engagement.id,
      title: engagement.title,
      planYear: engagement.planYear,
      unit: `${engagement.orgUnit.name} (${engagement.orgUnit.code})`,
      auditType: AUDIT_TYPE_LABELS[engagement.auditType],
      period: `${formatDate(engagement.periodStart)} – ${formatDate(engagement.periodEnd)}`,
      status: ENGAGEMENT_STATUS_LABELS[engagement.status],
      auditors: engagement.auditors.map((person) => person.name),
      observationCount: engagement.observationCount,
      updatedAt: formatDateTime(engagement.updatedAt),
      version: engagement.version,
    },
    canRecord: can(user.roles, "observation:create"),
    edit: choices
      ? {
          choices: { planYears, ...choices },
          defaultValue: {
            title: engagement.title,
            planYear: engagement.planYear,
            orgUnitId: engagement.orgUnit.id,
            auditType: engagement.auditType,
            periodStart: calendarDateString(engagement.periodStart),
            periodEnd: calendarDateString(engagement.periodEnd),
            status: engagement.status,
            auditorIds,
          },
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "plan:manage");
  const id = uuidParam(params);
  // Another bank's (or no) engagement is a 404 whatever was posted with it.
  if (!(await engagementDetail(actorOf(user, request), id))) notFound();
  const submission = parseWithZod(await request.formData(), { schema: EditEngagementSchema });
  const submittedVersion = Number(submission.payload.version) || null;
  if (submission.status !== "success") return data({ result: submission.reply(), version: submittedVersion }, { status: 400 });
  try {
    await updateEngagement(actorOf(user, request), id, submission.value);
  } catch (error) {
    if (error instanceof RecordNotFoundError) notFound();
    if (error instanceof StaleRecordError) {
      const current = error.current as EngagementSnapshot;
      return data({ result: submission.reply({ formErrors: [STALE_ENGAGEMENT_MESSAGE] }), version: current.version }, { status: 409 });
    }
    if (error instanceof RuleError) return data({ result: ruleReply(submission, error), version: submittedVersion }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(`/plan/${id}`, { kind: "success", message: "The engagement is saved." });
}

export default function EngagementPage() {
  const { engagement, edit, canRecord } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/plan?${new URLSearchParams({ year: engagement.planYear })}`}>← Audit plan {engagement.planYear}</Link>
      </p>
      <h1>{engagement.title}</h1>
      <dl className="details">
        <dt>Plan year</dt>
        <dd>{engagement.planYear}</dd>
        <dt>Branch or department</dt>
        <dd>{engagement.unit}</dd>
        <dt>Type of audit</dt>
        <dd>{engagement.auditType}</dd>
        <dt>Period</dt>
        <dd>{engagement.period}</dd>
        <dt>Status</dt>
        <dd>{engagement.status}</dd>
        <dt>Assigned auditors</dt>
        <dd>{engagement.auditors.length > 0 ? engagement.auditors.join(", ") : <span className="muted">None yet</span>}</dd>
        <dt>Observations filed</dt>
        <dd>{engagement.observationCount}</dd>
        <dt>Last changed</dt>
        <dd>{engagement.updatedAt}</dd>
      </dl>
      {canRecord ? (
        <p>
          <Link to={`/observations/new?${new URLSearchParams({ engagement: engagement.id })}`} className="button">
            Record an observation in this engagement
          </Link>
        </p>
      ) : null}
      {edit ? (
        <>
          <h2>Change this engagement</h2>
          <EngagementForm
            id="edit-engagement"
            schema={EditEngagementSchema}
            lastResult={actionData?.result}
            defaultValue={edit.defaultValue}
            choices={edit.choices}
            submitLabel="Save engagement"
            hidden={<input type="hidden" name="version" value={actionData?.version ?? engagement.version} />}
          />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
