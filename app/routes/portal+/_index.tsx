import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DueCountdown } from "~/components/due-countdown";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { auditeeDeadline, overdueBanner } from "~/domain/deadline";
import { formatDate } from "~/domain/format";
import { STATUS_LABELS } from "~/domain/lifecycle";
import { SEVERITY_LABELS, observationRef } from "~/domain/observation";
import { portalObservations } from "~/models/auditee-response.server";
import { requireUserWith } from "~/utils/auth.server";
import { pageParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "My observations — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "portal:use");
  const page = pageParam(request);
  // One clock for the whole page, read on the server: the countdowns are
  // counted in IST days whatever the terminal's clock says.
  const now = new Date();
  const { rows, total, overdue, pageSize } = await portalObservations(user, page, now);
  return {
    observations: rows.map((row) => ({
      id: row.id,
      ref: observationRef(row.number),
      title: row.title,
      unit: row.orgUnit.name,
      severity: row.severity,
      status: row.status,
      dueDate: row.dueDate,
      deadline: auditeeDeadline(row, now),
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    overdue,
    banner: overdueBanner(overdue),
  };
}

export default function Portal() {
  const { observations, total, page, pageCount, overdue, banner } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>My observations</h1>
      <p className="lead">
        Observations the auditors have issued to your branch or department. Open one to upload evidence and respond before its due
        date.
      </p>
      {banner ? (
        <p className="overdue-banner">
          <span aria-hidden="true">⚠ </span>
          <strong>{banner}.</strong> Please respond to {overdue === 1 ? "it" : "them"}, or ask for more time, as soon as you can.
        </p>
      ) : null}
      {total === 0 ? (
        <p className="muted">No observations have been issued to you yet.</p>
      ) : (
        <>
          <table className="portal-table">
            <caption className="visually-hidden">Observations issued to you, the earliest due first</caption>
            <thead>
              <tr>
                <th scope="col">Ref.</th>
                <th scope="col">Observation</th>
                <th scope="col">Branch / department</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {observations.map((row) => (
                <tr key={row.id} className={row.deadline.state === "overdue" ? "overdue-row" : undefined}>
                  <td className="nowrap">{row.ref}</td>
                  <td>
                    <Link to={`/portal/${row.id}`}>{row.title}</Link>
                  </td>
                  <td>{row.unit}</td>
                  <td>
                    <span className="severity-badge" data-severity={row.severity}>
                      {SEVERITY_LABELS[row.severity]}
                    </span>
                  </td>
                  <td>{STATUS_LABELS[row.status]}</td>
                  <td>
                    {row.dueDate ? <span className="nowrap">{formatDate(row.dueDate)}</span> : null}
                    <br />
                    <DueCountdown deadline={row.deadline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {observations.length === 0 ? <p className="muted">There is nothing on this page.</p> : null}
          <Pagination page={page} pageCount={pageCount} label="Pages of your observations" />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
