import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/ui/field";
import { RecordNotFoundError, STALE_MESSAGE, StaleRecordError } from "~/domain/errors";
import { formatDate } from "~/domain/format";
import { can } from "~/domain/permissions";
import { TIER_LABELS, UCB_TIERS } from "~/domain/tiers";
import { BankProfileSchema } from "~/forms/settings";
import { type BankProfileSnapshot, bankProfile, updateBankProfile } from "~/models/tenant.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Bank settings — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "settings:view");
  const profile = await bankProfile(user.tenantId);
  return { profile, canEdit: can(user.roles, "settings:edit") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "settings:edit");
  const submission = parseWithZod(await request.formData(), { schema: BankProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), current: null }, { status: 400 });
  try {
    await updateBankProfile(actorOf(user, request), submission.value);
  } catch (error) {
    if (error instanceof RecordNotFoundError) notFound();
    if (error instanceof StaleRecordError) {
      const current = error.current as BankProfileSnapshot;
      const message = `${STALE_MESSAGE} The profile as it is now is shown above; your changes are kept below: save again to replace it, or reload the page to start over.`;
      return data({ result: submission.reply({ formErrors: [message] }), current }, { status: 409 });
    }
    throw error;
  }
  return redirectWithFlash("/settings", { kind: "success", message: "Bank profile saved." });
}

export default function Settings() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // After a stale refusal show the profile as it is now (JavaScript or not),
  // and save against its version.
  const profile = actionData?.current ?? loaded.profile;
  const [form, fields] = useForm({
    id: "bank-profile",
    lastResult: actionData?.result,
    defaultValue: {
      name: loaded.profile.name,
      tier: loaded.profile.tier,
      address: loaded.profile.address,
      contactEmail: loaded.profile.contactEmail,
    },
    constraint: getZodConstraint(BankProfileSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BankProfileSchema }),
  });

  return (
    <section>
      <h1>Bank settings</h1>
      <dl className="details">
        <dt>Registered name</dt>
        <dd>{profile.name}</dd>
        <dt>RBI licence number</dt>
        <dd>{profile.rbiLicenceNo}</dd>
        <dt>UCB tier</dt>
        <dd>{TIER_LABELS[profile.tier]}</dd>
        <dt>Registered office</dt>
        <dd>{profile.address || <span className="muted">Not given</span>}</dd>
        <dt>Contact email</dt>
        <dd>{profile.contactEmail || <span className="muted">Not given</span>}</dd>
        <dt>On Aegis since</dt>
        <dd>{formatDate(profile.createdAt)}</dd>
      </dl>

      {loaded.canEdit ? (
        <>
          <h2 id="edit-profile">Edit the bank's profile</h2>
          <Form method="post" {...getFormProps(form)} aria-labelledby="edit-profile" className="stack narrow">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="version" value={profile.version} />
            <Field meta={fields.name} label="Registered name" autoComplete="organization" />
            <SelectField
              meta={fields.tier}
              label="UCB tier"
              hint="By deposits as of 31 March last year (RBI revised regulatory framework, Dec 2022)."
              options={UCB_TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }))}
            />
            <TextareaField meta={fields.address} label="Registered office address" hint="Shown on reports." rows={3} />
            <Field
              meta={fields.contactEmail}
              label="Contact email"
              type="email"
              hint="Where replies to Aegis's messages for your bank should go."
            />
            <button type="submit" disabled={navigation.state === "submitting"}>
              Save profile
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">Only your bank's administrators can change these details.</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
