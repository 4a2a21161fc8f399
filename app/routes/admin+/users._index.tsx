import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { CheckboxGroupField } from "~/components/ui/checkbox-group";
import { Field, FormErrors } from "~/components/ui/field";
import { RecordNotFoundError, RuleError } from "~/domain/errors";
import { formatDate, formatDateTime } from "~/domain/format";
import { ORG_UNIT_KIND_LABELS } from "~/domain/org-units";
import { ROLES, ROLE_LABELS } from "~/domain/permissions";
import { InviteUserSchema, RevokeInvitationSchema } from "~/forms/users";
import { inviteUser, pendingInvitations, revokeInvitation } from "~/models/invitation.server";
import { assignableUnits } from "~/models/org-unit.server";
import { listUsers } from "~/models/user.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { notFound, pageParam } from "~/utils/params.server";
import { appOrigin } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Users — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "user:manage");
  const actor = actorOf(user, request);
  const list = await listUsers(actor, { page: pageParam(request) });
  const invitations = await pendingInvitations(actor);
  const units = await assignableUnits(actor);
  return { ...list, invitations, units };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "user:manage");
  const actor = actorOf(user, request);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: InviteUserSchema });
    if (submission.status !== "success") return data({ intent: "invite", result: submission.reply() }, { status: 400 });
    try {
      await inviteUser(actor, submission.value, { origin: appOrigin(request) });
    } catch (error) {
      if (error instanceof RuleError) return data({ intent: "invite", result: ruleReply(submission, error) }, { status: 400 });
      throw error;
    }
    return redirectWithFlash("/admin/users", {
      kind: "success",
      message: `Invitation for ${submission.value.name} recorded. Email is not set up yet: copy their link from “Pending invitations” and send it to them yourself.`,
    });
  }

  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeInvitationSchema });
    if (submission.status !== "success") notFound();
    try {
      const revoked = await revokeInvitation(actor, submission.value.invitationId);
      return redirectWithFlash("/admin/users", { kind: "success", message: `Invitation for ${revoked.email} revoked: its link no longer works.` });
    } catch (error) {
      if (error instanceof RecordNotFoundError) notFound();
      // Nothing typed to keep: say why on the list itself.
      if (error instanceof RuleError) return redirectWithFlash("/admin/users", { kind: "error", message: error.message });
      throw error;
    }
  }

  throw new Response("Unknown action", { status: 400 });
}

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export default function Users() {
  const { users, total, page, pageCount, invitations, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite-user",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    constraint: getZodConstraint(InviteUserSchema),
    // Checkbox groups validate on submit, then as they change: checking on
    // blur would flag "choose at least one" while moving between boxes.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteUserSchema }),
  });
  const busy = navigation.state === "submitting";

  return (
    <section>
      <h1>Users</h1>
      <p className="muted">
        {total} {total === 1 ? "person" : "people"} in your bank. Accounts are never deleted: someone who leaves is
        deactivated.
      </p>
      <table>
        <caption className="visually-hidden">People in your bank</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Branches / departments</th>
            <th scope="col">Status</th>
            <th scope="col">Last signed in</th>
          </tr>
        </thead>
        <tbody>
          {users.map((person) => (
            <tr key={person.id}>
              <td>
                <Link to={`/admin/users/${person.id}`}>{person.name}</Link>
              </td>
              <td>{person.email}</td>
              <td>{person.roles.map((role) => ROLE_LABELS[role]).join(", ")}</td>
              <td>
                {person.units.length
                  ? person.units.map((unit) => `${unit.name} (${unit.code})${unit.active ? "" : " — inactive"}`).join(", ")
                  : <span className="muted">—</span>}
              </td>
              <td>{person.status === "ACTIVE" ? "Active" : <span className="badge">Deactivated</span>}</td>
              <td>{person.lastSignInAt ? formatDateTime(person.lastSignInAt) : <span className="muted">Never</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} label="Pages of users" />

      <h2 id="pending">Pending invitations</h2>
      {invitations.length === 0 ? (
        <p className="muted">No invitations are waiting.</p>
      ) : (
        <>
          <p className="hint">
            Until Aegis sends email, pass each link to its person yourself (it is shown only to administrators). A link
            works once, for 7 days.
          </p>
          <table aria-labelledby="pending">
            <thead>
              <tr>
                <th scope="col">Invited</th>
                <th scope="col">Roles</th>
                <th scope="col">Branches / departments</th>
                <th scope="col">Expires</th>
                <th scope="col">Link to send</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>
                    {invitation.name}
                    <br />
                    <span className="muted">{invitation.email}</span>
                  </td>
                  <td>{invitation.roles.map((role) => ROLE_LABELS[role]).join(", ")}</td>
                  <td>{invitation.units.map((unit) => `${unit.name} (${unit.code})`).join(", ") || <span className="muted">—</span>}</td>
                  <td>{invitation.expired ? <span className="badge">Expired {formatDate(invitation.expiresAt)}</span> : formatDate(invitation.expiresAt)}</td>
                  <td>
                    {invitation.link ? (
                      <input
                        type="text"
                        readOnly
                        className="invitation-link"
                        value={invitation.link}
                        aria-label={`Invitation link for ${invitation.email}`}
                      />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="secondary" disabled={busy} aria-label={`Revoke the invitation for ${invitation.email}`}>
                        Revoke
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2 id="invite">Invite someone</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="invite" className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="invite" />
        <Field meta={fields.name} label="Full name" autoComplete="off" />
        <Field meta={fields.email} label="Work email" type="email" autoComplete="off" />
        <CheckboxGroupField meta={fields.roles} legend="Roles" hint="Choose one or more; small banks often combine roles." options={roleOptions} />
        <CheckboxGroupField
          meta={fields.orgUnitIds}
          legend="Branches / departments"
          hint="Required for an auditee: they answer for these units' observations."
          empty={
            <>
              No active branches or departments yet. <Link to="/admin/org">Add them first</Link>.
            </>
          }
          options={units.map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.code}) — ${ORG_UNIT_KIND_LABELS[unit.kind]}` }))}
        />
        <button type="submit" disabled={busy}>
          Record invitation
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
