import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/ui/field";
import { RecordNotFoundError, RuleError } from "~/domain/errors";
import { formatDate } from "~/domain/format";
import { AcceptInvitationSchema } from "~/forms/users";
import { type InvitationState, InvitationClosedError, acceptInvitation, openInvitation } from "~/models/invitation.server";
import { commitSessionCookie, requestContext } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { ruleReply } from "~/utils/form-replies.server";
import { passwordProblem } from "~/utils/password.server";
import { assertSameOrigin } from "~/utils/request.server";

export const meta: MetaFunction = () => [
  { title: "Join your bank on Aegis" },
  // The address carries a secret: keep it out of search engines.
  { name: "robots", content: "noindex" },
];

// Tokens are 32 random bytes, base64url: anything else is not a link we made.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const CLOSED: Record<Exclude<InvitationState, "open">, { title: string; body: string }> = {
  expired: {
    title: "This invitation has expired",
    body: "Invitation links work for 7 days. Ask your bank's Aegis administrator to invite you again.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    body: "Your bank's Aegis administrator has revoked it. Ask them if you should have access.",
  },
  accepted: {
    title: "This invitation has already been used",
    body: "Each invitation link works once. If you set up your account with it, sign in with your email address and password.",
  },
};

async function invitationFor(token: string | undefined) {
  const invitation = token && TOKEN.test(token) ? await openInvitation(token) : null;
  // An unknown link is simply not found: nothing about any bank is revealed.
  if (!invitation) throw new Response("Not found", { status: 404 });
  return invitation;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await invitationFor(params.token);
  if (invitation.state !== "open") {
    // 410 Gone: the link existed and will never work again.
    return data({ state: invitation.state, bankName: invitation.bankName, email: null, name: null, expiresAt: null }, { status: 410 });
  }
  return {
    state: invitation.state,
    bankName: invitation.bankName,
    email: invitation.email,
    name: invitation.name,
    expiresAt: invitation.expiresAt,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const token = params.token!;
  const invitation = await invitationFor(token);
  const formData = await request.formData();
  if (invitation.state !== "open") return data({ closed: invitation.state, result: null }, { status: 410 });

  const submission = parseWithZod(formData, {
    schema: AcceptInvitationSchema.superRefine((value, ctx) => {
      const problem = passwordProblem(value.password, { email: invitation.email, bankName: invitation.bankName });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  });
  if (submission.status !== "success") {
    return data({ closed: null, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const accepted = await acceptInvitation({ token, ...submission.value, ...requestContext(request) });
    return redirectWithFlash(
      "/dashboard",
      { kind: "success", message: `Welcome to Aegis, ${submission.value.name}. Your account at ${invitation.bankName} is ready.` },
      { headers: { "Set-Cookie": await commitSessionCookie(accepted.token) } },
    );
  } catch (error) {
    if (error instanceof RecordNotFoundError) throw new Response("Not found", { status: 404 });
    // Used or withdrawn while the form was open.
    if (error instanceof InvitationClosedError) return data({ closed: error.state, result: null }, { status: 410 });
    if (error instanceof RuleError) {
      return data({ closed: null, result: ruleReply(submission, error, { hideFields: ["password"] }) }, { status: 400 });
    }
    throw error;
  }
}

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { name: invitation.name ?? "" },
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });

  const closed = actionData?.closed ?? (invitation.state === "open" ? null : invitation.state);
  if (closed) {
    const message = CLOSED[closed];
    return (
      <section className="narrow">
        <h1>{message.title}</h1>
        <p>{message.body}</p>
        <p className="muted">{invitation.bankName}</p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>Join {invitation.bankName} on Aegis</h1>
      <p>
        You have been invited as <strong>{invitation.email}</strong>. Choose your password to finish setting up your
        account{invitation.expiresAt ? `; this link works until ${formatDate(invitation.expiresAt)}` : ""}.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label="Your full name" autoComplete="name" />
        <Field
          meta={fields.password}
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters; not a commonly used password."
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Setting up…" : "Set up my account"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
