import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/ui/field";
import { SignInSchema } from "~/forms/auth";
import { LOCKOUT_THRESHOLD } from "~/models/sign-in.server";
import { commitSessionCookie, getUser, signInAuthenticator } from "~/utils/auth.server";
import { assertSameOrigin, safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Sign in — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

const FAILED =
  `Sign-in failed. Check your email address and password. After ${LOCKOUT_THRESHOLD} failed attempts ` +
  "an account is locked for 30 minutes; your administrator can help if you are locked out.";
const RATE_LIMITED = "Too many failed sign-in attempts. Please wait 15 minutes before trying again.";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.clone().formData();
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signInAuthenticator().authenticate("form", request);
  if (!result.ok) {
    return data(
      submission.reply({ formErrors: [result.reason === "rate-limited" ? RATE_LIMITED : FAILED], hideFields: ["password"] }),
      { status: result.reason === "rate-limited" ? 429 : 401 },
    );
  }
  // A fresh session id at every sign-in; any earlier cookie is replaced.
  throw redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": await commitSessionCookie(result.token) },
  });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} label="Email address" type="email" autoComplete="username" />
        <Field meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p className="muted">
        New to Aegis? <Link to="/register">Register your bank</Link>. Staff of a registered bank are invited by their
        administrator.
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
