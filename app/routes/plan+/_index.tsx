import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { currentFinancialYear } from "~/domain/calendar-date";
import { formatDate } from "~/domain/format";
import { AUDIT_TYPE_LABELS, ENGAGEMENT_STATUS_LABELS } from "~/domain/observation";
import { can } from "~/domain/permissions";
import { PlanYearQuerySchema, shiftFinancialYear } from "~/forms/engagement";
import { listEngagements, planYearsOf } from "~/models/engagement.server";
import { actorOf } from "~/utils/actor.server";
import { requireUserWith } from "~/utils/auth.server";
import { pageParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: `Audit plan ${page?.year ?? ""} — Aegis` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "plan:view");
  const actor = actorOf(user, request);
  const query = parseWithZod(new URL(request.url).searchParams, { schema: PlanYearQuerySchema });
  const current = currentFinancialYear();
  const year = (query.status === "success" ? query.value.year : undefined) ?? current;
  const [plan, years] = await Promise.all([listEngagements(actor, { planYear: year, page: pageParam(request) }), planYearsOf(actor)]);
  const choices = [...new Set([shiftFinancialYear(current, 1), current, year, ...years])].sort().reverse();
  return {
    year,
    current,
    years: choices,
    canManage: can(user.roles, "plan:manage"),
    total: plan.total,
    page: plan.page,
    pageCount: plan.pageCount,
    engagements: plan.engagements.map((engagement) => ({
      id: engagement.id,
      title: engagement.title,
      unit: `${engagement.orgUnit.name} (${engagement.orgUnit.code})`,
      auditType: AUDIT_TYPE_LABELS[engagement.auditType],
      period: `${formatDate(engagement.periodStart)} – ${formatDate(engagement.periodEnd)}`,
      auditors: engagement.auditors,
      status: engagement.status,
      statusLabel: ENGAGEMENT_STATUS_LABELS[engagement.status],
    })),
  };
}

export default function AuditPlan() {
  const { year, current, years, canManage, engagements, total, page, pageCount } = useLoaderData<typeof loader>();
  const pageHref = (to: number) => `?${new URLSearchParams({ year, page: String(to) })}`;
  return (
    <section>
      <h1>Audit plan {year}</h1>
      <p className="lead">
        The audits planned for the financial year {year}
        {year === current ? " (the current year)" : ""}: which branch or department, what kind of audit, the period and the
        auditors assigned.
      </p>
      <Form method="get" className="year-form">
        <label htmlFor="plan-year">Plan year</label>
        <select id="plan-year" name="year" defaultValue={year} key={year}>
          {years.map((option) => (
            <option key={option} value={option}>
              {option}
              {option === current ? " (current)" : ""}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {canManage ? (
        <p>
          <Link to={`/plan/new?${new URLSearchParams({ year })}`} className="button">
            Add an engagement
          </Link>
        </p>
      ) : null}
      {engagements.length === 0 ? (
        <p>No engagements are planned for {year} yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              Engagements of the {year} plan ({total})
            </caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Branch or department</th>
                <th scope="col">Type</th>
                <th scope="col">Period</th>
                <th scope="col">Auditors</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {engagements.map((engagement) => (
                <tr key={engagement.id}>
                  <td>
                    <Link to={`/plan/${engagement.id}`}>{engagement.title}</Link>
                  </td>
                  <td>{engagement.unit}</td>
                  <td>{engagement.auditType}</td>
                  <td className="nowrap">{engagement.period}</td>
                  <td>{engagement.auditors.length > 0 ? engagement.auditors.join(", ") : <span className="muted">None yet</span>}</td>
                  <td className="plan-status">
                    <span className="badge">{engagement.statusLabel}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages of the plan">
          {page > 1 ? <Link to={pageHref(page - 1)}>Previous page</Link> : null}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link to={pageHref(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
