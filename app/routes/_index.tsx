import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Aegis — audit observations and compliance" }];

export default function Home() {
  return (
    <article className="home">
      <h1>Audit observations, from branch to Board</h1>
      <p className="lead">
        Aegis carries every internal-audit finding at an urban co-operative bank through one accountable path: drafted
        by the auditor, reviewed and issued by the audit manager, answered by the branch with evidence, verified, and
        closed by the right authority.
      </p>
      <ul className="points">
        <li>Maker-checker review at every step, with a timeline nobody can rewrite.</li>
        <li>Evidence kept unchanged in India, with a fingerprint that proves it.</li>
        <li>Dashboards, exports and the Board's report drawn from live data.</li>
      </ul>
      <p>
        <Link className="button" to="/login">
          Sign in
        </Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
