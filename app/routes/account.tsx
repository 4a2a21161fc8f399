import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ROLE_LABELS } from "~/domain/permissions";
import { formatDateTime } from "~/domain/format";
import { activeSessionsOf, signOutEverywhere } from "~/models/session.server";
import { clearSessionCookie, requestContext, requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Your account — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = await activeSessionsOf(user);
  return {
    user: { name: user.name, email: user.email, roles: user.roles.map((role) => ROLE_LABELS[role]), bankName: user.bankName },
    sessions: sessions.map((session) => ({
      id: session.id,
      current: session.id === user.sessionId,
      started: formatDateTime(session.createdAt),
      lastSeen: formatDateTime(session.lastSeenAt),
      ip: session.ip,
      userAgent: session.userAgent,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await signOutEverywhere(user, requestContext(request));
  return redirectWithFlash(
    "/login",
    { kind: "info", message: "You have been signed out on every device." },
    { headers: { "Set-Cookie": await clearSessionCookie() } },
  );
}

export default function Account() {
  const { user, sessions } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Your account</h1>
      <dl className="details">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Bank</dt>
        <dd>{user.bankName}</dd>
        <dt>Roles</dt>
        <dd>{user.roles.join(", ")}</dd>
      </dl>
      <h2>Where you are signed in</h2>
      <table>
        <caption className="visually-hidden">Active sessions</caption>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                {session.started}
                {session.current ? " (this session)" : ""}
              </td>
              <td>{session.lastSeen}</td>
              <td>
                {session.ip} <span className="muted">{session.userAgent}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post">
        <button type="submit" className="secondary">
          Sign out everywhere
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
