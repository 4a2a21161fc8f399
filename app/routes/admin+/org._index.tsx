import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { RuleError } from "~/domain/errors";
import { ORG_UNIT_KINDS, ORG_UNIT_KIND_LABELS } from "~/domain/org-units";
import { CreateOrgUnitSchema } from "~/forms/org";
import { createOrgUnit, listOrgUnits, parentChoices } from "~/models/org-unit.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { pageParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Branches and departments — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "org:manage");
  const actor = actorOf(user, request);
  const list = await listOrgUnits(actor, { page: pageParam(request) });
  const parents = await parentChoices(actor);
  return { ...list, parents };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "org:manage");
  const submission = parseWithZod(await request.formData(), { schema: CreateOrgUnitSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const unit = await createOrgUnit(actorOf(user, request), submission.value);
    return redirectWithFlash(`/admin/org/${unit.id}`, {
      kind: "success",
      message: `${ORG_UNIT_KIND_LABELS[unit.kind]} ${unit.name} (${unit.code}) added.`,
    });
  } catch (error) {
    if (error instanceof RuleError) return data(ruleReply(submission, error), { status: 400 });
    throw error;
  }
}

export default function OrgUnits() {
  const { units, total, page, pageCount, parents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-org-unit",
    lastResult,
    constraint: getZodConstraint(CreateOrgUnitSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateOrgUnitSchema }),
  });
  return (
    <section>
      <h1>Branches and departments</h1>
      <p className="muted">
        {total} unit{total === 1 ? "" : "s"} in your bank. Units are never deleted: a closed branch is deactivated and
        keeps its history.
      </p>
      <table>
        <caption className="visually-hidden">Your bank's head office, zones, branches and departments</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Part of</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.id}>
              <td>
                <Link to={`/admin/org/${unit.id}`}>{unit.code}</Link>
              </td>
              <td>{unit.name}</td>
              <td>{ORG_UNIT_KIND_LABELS[unit.kind]}</td>
              <td>{unit.parent ? `${unit.parent.name} (${unit.parent.code})` : <span className="muted">—</span>}</td>
              <td>{unit.active ? "Active" : <span className="badge">Inactive</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} label="Pages of units" />

      <h2 id="add-unit">Add a unit</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="add-unit" className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.kind}
          label="Kind"
          placeholder="Choose a kind"
          options={ORG_UNIT_KINDS.map((kind) => ({ value: kind, label: ORG_UNIT_KIND_LABELS[kind] }))}
        />
        <Field meta={fields.code} label="Code" hint="Your bank's own code, e.g. the branch code KOTH-014. Unique in your bank." />
        <Field meta={fields.name} label="Name" hint="e.g. Kothrud Branch, Credit Department" />
        <SelectField
          meta={fields.parentId}
          label="Part of (optional)"
          hint="Branches sit under the head office or a zone; departments under the head office."
          placeholder="Not part of another unit"
          options={parents.map((parent) => ({ value: parent.id, label: `${parent.name} (${parent.code})` }))}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          Add unit
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
