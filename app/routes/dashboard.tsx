import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ROLE_LABELS, navigationFor } from "~/domain/permissions";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Dashboard — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    name: user.name,
    bankName: user.bankName,
    roles: user.roles.map((role) => ROLE_LABELS[role]),
    links: navigationFor(user.roles).filter((item) => item.to !== "/dashboard"),
  };
}

export default function Dashboard() {
  const { name, bankName, roles, links } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Welcome, {name}</h1>
      <p>
        {bankName} · {roles.join(", ")}
      </p>
      {links.length > 0 ? (
        <>
          <h2>Your work</h2>
          <ul className="link-list">
            {links.map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
