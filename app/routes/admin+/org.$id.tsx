import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/ui/field";
import { RecordNotFoundError, RuleError, STALE_MESSAGE, StaleRecordError } from "~/domain/errors";
import { formatDate, formatDateTime } from "~/domain/format";
import { ORG_UNIT_KIND_LABELS } from "~/domain/org-units";
import { OrgUnitStatusSchema, RenameOrgUnitSchema } from "~/forms/org";
import { type OrgUnitSnapshot, orgUnitDetail, renameOrgUnit, setOrgUnitActive } from "~/models/org-unit.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { notFound, uuidParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.unit.name} (${page.unit.code}) — Aegis` : "Branch or department — Aegis" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "org:manage");
  const id = uuidParam(params);
  const unit = await orgUnitDetail(actorOf(user, request), id);
  if (!unit) notFound();
  return { unit };
}

function staleMessage(current: OrgUnitSnapshot) {
  return `${STALE_MESSAGE} It is now called “${current.name}” and is ${current.active ? "active" : "inactive"}. Your entry is kept below: save again to replace it, or reload the page to start over.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "org:manage");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  // Another bank's (or no) unit is a 404 whatever was posted with it.
  if (!(await orgUnitDetail(actor, id))) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "rename") {
    const submission = parseWithZod(formData, { schema: RenameOrgUnitSchema });
    if (submission.status !== "success") return data({ intent: "rename", result: submission.reply(), current: null }, { status: 400 });
    try {
      await renameOrgUnit(actor, { id, version: submission.value.version, name: submission.value.name });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      if (error instanceof StaleRecordError) {
        const current = error.current as OrgUnitSnapshot;
        return data({ intent: "rename", result: submission.reply({ formErrors: [staleMessage(current)] }), current }, { status: 409 });
      }
      throw error;
    }
    return redirectWithFlash(`/admin/org/${id}`, { kind: "success", message: `Renamed to ${submission.value.name}.` });
  }

  if (intent === "deactivate" || intent === "reactivate") {
    const submission = parseWithZod(formData, { schema: OrgUnitStatusSchema });
    if (submission.status !== "success") return data({ intent: "status", result: submission.reply(), current: null }, { status: 400 });
    const active = submission.value.intent === "reactivate";
    try {
      await setOrgUnitActive(actor, { id, version: submission.value.version, active });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      if (error instanceof StaleRecordError) {
        const current = error.current as OrgUnitSnapshot;
        return data({ intent: "status", result: submission.reply({ formErrors: [staleMessage(current)] }), current }, { status: 409 });
      }
      if (error instanceof RuleError) return data({ intent: "status", result: ruleReply(submission, error), current: null }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(`/admin/org/${id}`, {
      kind: "success",
      message: active ? "Reactivated: it can be chosen again." : "Deactivated. Its history and assignments are kept.",
    });
  }

  throw new Response("Unknown action", { status: 400 });
}

export default function OrgUnit() {
  const { unit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // After a stale refusal the page may still show the version it was opened
  // at (with JavaScript, loaders are not re-run after a refused action): the
  // next save is made against the version just reported.
  const version = actionData?.current?.version ?? unit.version;

  const [renameForm, renameFields] = useForm({
    id: "rename-org-unit",
    lastResult: actionData?.intent === "rename" ? actionData.result : undefined,
    defaultValue: { name: unit.name },
    constraint: getZodConstraint(RenameOrgUnitSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RenameOrgUnitSchema }),
  });
  const [statusForm] = useForm({
    id: "org-unit-status",
    lastResult: actionData?.intent === "status" ? actionData.result : undefined,
  });
  const busy = navigation.state === "submitting";

  return (
    <section>
      <p>
        <Link to="/admin/org">← All branches and departments</Link>
      </p>
      <h1>
        {unit.name} <span className="badge">{unit.code}</span>
      </h1>
      <dl className="details">
        <dt>Kind</dt>
        <dd>{ORG_UNIT_KIND_LABELS[unit.kind]}</dd>
        <dt>Code</dt>
        <dd>{unit.code}</dd>
        <dt>Part of</dt>
        <dd>
          {unit.parent ? (
            <Link to={`/admin/org/${unit.parent.id}`}>
              {unit.parent.name} ({unit.parent.code})
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt>Status</dt>
        <dd>{unit.active ? "Active" : "Inactive"}</dd>
        <dt>Active units under it</dt>
        <dd>{unit._count.children}</dd>
        <dt>People assigned</dt>
        <dd>{unit._count.members}</dd>
        <dt>Added</dt>
        <dd>{formatDate(unit.createdAt)}</dd>
        <dt>Last changed</dt>
        <dd>{formatDateTime(unit.updatedAt)}</dd>
      </dl>

      <h2 id="rename">Rename</h2>
      <Form method="post" {...getFormProps(renameForm)} aria-labelledby="rename" className="stack narrow">
        <FormErrors id={renameForm.errorId} errors={renameForm.errors} />
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="version" value={version} />
        <Field meta={renameFields.name} label="Name" />
        <button type="submit" disabled={busy}>
          Save name
        </button>
      </Form>

      <h2 id="status">{unit.active ? "Deactivate" : "Reactivate"}</h2>
      <Form method="post" {...getFormProps(statusForm)} aria-labelledby="status" className="stack narrow">
        <FormErrors id={statusForm.errorId} errors={statusForm.errors} />
        <input type="hidden" name="intent" value={unit.active ? "deactivate" : "reactivate"} />
        <input type="hidden" name="version" value={version} />
        <p>
          {unit.active
            ? "A deactivated unit can no longer be chosen for new assignments or observations. Nothing is deleted: its history stays, and it can be reactivated."
            : "Reactivating makes the unit available again for assignments and observations."}
        </p>
        <button type="submit" className="secondary" disabled={busy}>
          {unit.active ? "Deactivate unit" : "Reactivate unit"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
