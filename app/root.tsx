import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ROLE_LABELS, navigationFor } from "~/domain/permissions";
import appStylesHref from "~/styles/app.css?url";
import { getUser } from "~/utils/auth.server";
import { takeFlash } from "~/utils/flash.server";
import { useNonce } from "~/utils/nonce-provider";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Aegis — audit observations and compliance" },
  { name: "description", content: "Audit-observation and compliance tracking for urban co-operative banks." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, clear }] = await Promise.all([getUser(request), takeFlash(request)]);
  return data(
    {
      user: user && { name: user.name, email: user.email, roles: user.roles, bankName: user.bankName },
      flash,
    },
    { headers: clear ? { "Set-Cookie": clear } : undefined },
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const user = root?.user;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <Link to={user ? "/dashboard" : "/"} className="brand">
            Aegis
          </Link>
          {user ? (
            <>
              <nav aria-label="Main" className="main-nav">
                <ul>
                  {navigationFor(user.roles).map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} prefetch="none">
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <div className="account">
                <Link to="/account" title={user.roles.map((role) => ROLE_LABELS[role]).join(", ")}>
                  {user.name}
                </Link>
                <span className="bank-name">{user.bankName}</span>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </Form>
              </div>
            </>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          <div role="status" className="flash-region">
            {root?.flash ? <p className={`flash flash-${root.flash.kind}`}>{root.flash.message}</p> : null}
          </div>
          {children}
        </main>
        <footer className="site-footer">
          <p>Aegis · audit observations and compliance for urban co-operative banks</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
