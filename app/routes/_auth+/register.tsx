import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { TIER_LABELS, UCB_TIERS } from "~/domain/tiers";
import { RegisterBankSchema } from "~/forms/auth";
import { DuplicateBankError, registerBank } from "~/models/tenant.server";
import { commitSessionCookie, getUser, requestContext } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { passwordProblem } from "~/utils/password.server";
import { assertSameOrigin } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Register your bank — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, {
    schema: RegisterBankSchema.superRefine((value, ctx) => {
      const problem = passwordProblem(value.password, { email: value.adminEmail, bankName: value.bankName });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  try {
    const { token } = await registerBank(submission.value, requestContext(request));
    return redirectWithFlash(
      "/dashboard",
      { kind: "success", message: `${submission.value.bankName} is registered. Next: add branches and invite your staff.` },
      { headers: { "Set-Cookie": await commitSessionCookie(token) } },
    );
  } catch (error) {
    if (error instanceof DuplicateBankError) {
      return data(submission.reply({ fieldErrors: { rbiLicenceNo: [error.message] }, hideFields: ["password"] }), { status: 409 });
    }
    throw error;
  }
}

export default function RegisterBank() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "register-bank",
    lastResult,
    constraint: getZodConstraint(RegisterBankSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterBankSchema }),
  });
  return (
    <section className="narrow">
      <h1>Register your bank</h1>
      <p>
        This creates your bank in Aegis and you as its first administrator. Only your bank's staff will ever see its data.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend>The bank</legend>
          <Field meta={fields.bankName} label="Registered name" autoComplete="organization" />
          <Field meta={fields.rbiLicenceNo} label="RBI licence number" hint="As printed on the licence, e.g. UCB.MH.0417.P" />
          <SelectField
            meta={fields.tier}
            label="UCB tier"
            hint="By deposits as of 31 March last year (RBI revised regulatory framework, Dec 2022)."
            placeholder="Choose a tier"
            options={UCB_TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }))}
          />
        </fieldset>
        <fieldset>
          <legend>First administrator</legend>
          <Field meta={fields.adminName} label="Full name" autoComplete="name" />
          <Field meta={fields.adminEmail} label="Work email" type="email" autoComplete="email" />
          <Field
            meta={fields.password}
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters; not a commonly used password."
          />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Registering…" : "Register bank"}
        </button>
      </Form>
      <p className="muted">
        Already registered? <Link to="/login">Sign in</Link>.
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
