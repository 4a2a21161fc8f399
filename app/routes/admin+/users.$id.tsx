import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroupField } from "~/components/ui/checkbox-group";
import { FormErrors } from "~/components/ui/field";
import { RecordNotFoundError, RuleError, STALE_MESSAGE, StaleRecordError } from "~/domain/errors";
import { formatDate, formatDateTime } from "~/domain/format";
import { ORG_UNIT_KIND_LABELS } from "~/domain/org-units";
import { ROLES, ROLE_LABELS } from "~/domain/permissions";
import { ChangeAccessSchema, UserStatusSchema } from "~/forms/users";
import { assignableUnits } from "~/models/org-unit.server";
import { type UserSnapshot, changeUserAccess, setUserActive, userDetail } from "~/models/user.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { notFound, uuidParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page ? `${page.person.name} — Users — Aegis` : "User — Aegis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "user:manage");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  const person = await userDetail(actor, id);
  if (!person) notFound();
  const available = await assignableUnits(actor);
  // Units the person already has stay on the list even if since deactivated,
  // so saving their roles does not silently drop them.
  const kept = person.units.filter((unit) => !available.some((choice) => choice.id === unit.id));
  return { person, units: [...available, ...kept], isSelf: person.id === user.id };
}

function staleMessage(current: UserSnapshot) {
  const roles = current.roles.map((role) => ROLE_LABELS[role]).join(", ") || "none";
  return `${STALE_MESSAGE} Their account is now ${current.status === "ACTIVE" ? "active" : "deactivated"}, with roles: ${roles}. Your choices are kept below: save again to replace them, or reload the page to start over.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "user:manage");
  const id = uuidParam(params);
  const actor = actorOf(user, request);
  // Another bank's (or no) person is a 404 whatever was posted with it.
  if (!(await userDetail(actor, id))) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "access") {
    const submission = parseWithZod(formData, { schema: ChangeAccessSchema });
    if (submission.status !== "success") return data({ intent: "access", result: submission.reply(), current: null }, { status: 400 });
    try {
      await changeUserAccess(actor, { userId: id, ...submission.value });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      if (error instanceof StaleRecordError) {
        const current = error.current as UserSnapshot;
        return data({ intent: "access", result: submission.reply({ formErrors: [staleMessage(current)] }), current }, { status: 409 });
      }
      if (error instanceof RuleError) return data({ intent: "access", result: ruleReply(submission, error), current: null }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(`/admin/users/${id}`, { kind: "success", message: "Roles and branches saved. They apply from the person's next page." });
  }

  if (intent === "deactivate" || intent === "reactivate") {
    const submission = parseWithZod(formData, { schema: UserStatusSchema });
    if (submission.status !== "success") return data({ intent: "status", result: submission.reply(), current: null }, { status: 400 });
    const active = submission.value.intent === "reactivate";
    try {
      await setUserActive(actor, { userId: id, version: submission.value.version, active });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      if (error instanceof StaleRecordError) {
        const current = error.current as UserSnapshot;
        return data({ intent: "status", result: submission.reply({ formErrors: [staleMessage(current)] }), current }, { status: 409 });
      }
      if (error instanceof RuleError) {
        return data({ intent: "status", result: submission.reply({ formErrors: [error.message] }), current: null }, { status: 400 });
      }
      throw error;
    }
    return redirectWithFlash(`/admin/users/${id}`, {
      kind: "success",
      message: active ? "Reactivated: they can sign in again." : "Deactivated: they have been signed out everywhere and cannot sign in.",
    });
  }

  throw new Response("Unknown action", { status: 400 });
}

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export default function UserPage() {
  const { person, units, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // See org.$id.tsx: after a stale refusal, save against the version reported.
  const version = actionData?.current?.version ?? person.version;
  const active = person.status === "ACTIVE";

  const [accessForm, accessFields] = useForm({
    id: "user-access",
    lastResult: actionData?.intent === "access" ? actionData.result : undefined,
    defaultValue: { roles: person.roles, orgUnitIds: person.units.map((unit) => unit.id) },
    constraint: getZodConstraint(ChangeAccessSchema),
    // Checkbox groups validate on submit, then as they change: checking on
    // blur would flag "choose at least one" while moving between boxes.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeAccessSchema }),
  });
  const [statusForm] = useForm({
    id: "user-status",
    lastResult: actionData?.intent === "status" ? actionData.result : undefined,
  });
  const busy = navigation.state === "submitting";

  return (
    <section>
      <p>
        <Link to="/admin/users">← All users</Link>
      </p>
      <h1>
        {person.name} {active ? null : <span className="badge">Deactivated</span>}
      </h1>
      <dl className="details">
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Status</dt>
        <dd>{active ? "Active" : "Deactivated"}</dd>
        <dt>Roles</dt>
        <dd>{person.roles.map((role) => ROLE_LABELS[role]).join(", ") || "—"}</dd>
        <dt>Branches / departments</dt>
        <dd>{person.units.map((unit) => `${unit.name} (${unit.code})${unit.active ? "" : " — inactive"}`).join(", ") || "—"}</dd>
        <dt>Signed in now</dt>
        <dd>
          {person.activeSessions} session{person.activeSessions === 1 ? "" : "s"}
        </dd>
        <dt>Last signed in</dt>
        <dd>{person.lastSignInAt ? formatDateTime(person.lastSignInAt) : "Never"}</dd>
        {person.lockedUntil && new Date(person.lockedUntil) > new Date() ? (
          <>
            <dt>Locked until</dt>
            <dd>{formatDateTime(person.lockedUntil)} (too many failed sign-ins)</dd>
          </>
        ) : null}
        <dt>Joined</dt>
        <dd>{formatDate(person.createdAt)}</dd>
      </dl>

      <h2 id="access">Roles and branches</h2>
      <Form method="post" {...getFormProps(accessForm)} aria-labelledby="access" className="stack narrow">
        <FormErrors id={accessForm.errorId} errors={accessForm.errors} />
        <input type="hidden" name="intent" value="access" />
        <input type="hidden" name="version" value={version} />
        <CheckboxGroupField
          meta={accessFields.roles}
          legend="Roles"
          hint={isSelf ? "This is you: another administrator must change your own administrator role." : "The bank always keeps at least one active administrator."}
          options={roleOptions}
        />
        <CheckboxGroupField
          meta={accessFields.orgUnitIds}
          legend="Branches / departments"
          hint="Required for an auditee: they answer for these units' observations."
          options={units.map((unit) => ({
            value: unit.id,
            label: `${unit.name} (${unit.code}) — ${ORG_UNIT_KIND_LABELS[unit.kind]}${unit.active ? "" : ", inactive"}`,
          }))}
        />
        <button type="submit" disabled={busy}>
          Save roles and branches
        </button>
      </Form>

      <h2 id="status">{active ? "Deactivate" : "Reactivate"}</h2>
      <Form method="post" {...getFormProps(statusForm)} aria-labelledby="status" className="stack narrow">
        <FormErrors id={statusForm.errorId} errors={statusForm.errors} />
        <input type="hidden" name="intent" value={active ? "deactivate" : "reactivate"} />
        <input type="hidden" name="version" value={version} />
        <p>
          {active
            ? isSelf
              ? "You cannot deactivate your own account; another administrator can."
              : "Deactivating signs them out everywhere at once and stops them signing in. Their work and history stay."
            : "Reactivating lets them sign in again with their existing password."}
        </p>
        {active && isSelf ? null : (
          <button type="submit" className="secondary" disabled={busy}>
            {active ? "Deactivate account" : "Reactivate account"}
          </button>
        )}
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
