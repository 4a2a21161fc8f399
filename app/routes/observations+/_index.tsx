import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FINDING_SORTS, FINDING_SORT_LABELS, daysOverdue, overdueLabel, pageWindow, showingRange } from "~/domain/findings-list";
import { formatDate } from "~/domain/format";
import { SEVERITIES, STATUSES, STATUS_LABELS } from "~/domain/lifecycle";
import {
  AUDIT_AREAS,
  AUDIT_AREA_LABELS,
  type AuditArea,
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS,
  SEVERITY_LABELS,
  observationRef,
} from "~/domain/observation";
import { can } from "~/domain/permissions";
import { FILTER_LABELS, type ObservationFilters, SEARCH_MAX_LENGTH, filtersToSearchParams, parseObservationFilters } from "~/forms/observation-filters";
import { listObservations } from "~/models/observation-list.server";
import { requireUserWith } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Findings — Aegis" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "observation:view");
  const url = new URL(request.url);
  const parsed = parseObservationFilters(url.searchParams);
  const list = await listObservations(user, parsed.filters);

  // Links carry the filters actually applied, so anything dropped stays dropped.
  const hrefFor = (changes: Partial<ObservationFilters>) => {
    const query = filtersToSearchParams(list.filters, changes).toString();
    return query ? `${url.pathname}?${query}` : url.pathname;
  };
  const { page, pageCount } = list;
  const shown = pageWindow(page, list.total, list.pageSize);

  return {
    canCreate: can(user.roles, "observation:create"),
    filters: list.filters,
    ignored: [...parsed.ignored, ...list.ignored].map((name) => FILTER_LABELS[name]),
    summary: showingRange(shown, list.total),
    pages: {
      page,
      pageCount,
      first: page > 2 ? hrefFor({ page: 1 }) : null,
      previous: page > 1 ? hrefFor({ page: page - 1 }) : null,
      next: page < pageCount ? hrefFor({ page: page + 1 }) : null,
      last: page < pageCount - 1 ? hrefFor({ page: pageCount }) : null,
    },
    rows: list.rows.map((row) => {
      const overdueDays = daysOverdue(row.status, row.dueDate, list.today);
      return {
        id: row.id,
        ref: observationRef(row.number),
        title: row.title,
        unit: row.unitName,
        area: AUDIT_AREA_LABELS[row.auditArea as AuditArea] ?? row.auditArea,
        severity: row.severity,
        severityLabel: SEVERITY_LABELS[row.severity],
        status: STATUS_LABELS[row.status],
        // A due date is an IST calendar day: shown as that day, wherever the server runs.
        due: row.dueDate ? formatDate(`${row.dueDate}T00:00:00+05:30`) : null,
        overdue: overdueDays > 0 ? overdueLabel(overdueDays) : null,
        repeatOccurrence: row.repeatOccurrence,
        author: row.authorName,
      };
    }),
    choices: {
      branches: list.choices.units.filter((unit) => unit.kind === "BRANCH"),
      departments: list.choices.units.filter((unit) => unit.kind === "DEPARTMENT"),
      engagementYears: [...new Set(list.choices.engagements.map((engagement) => engagement.planYear))].map((planYear) => ({
        planYear,
        engagements: list.choices.engagements.filter((engagement) => engagement.planYear === planYear),
      })),
    },
  };
}

export default function FindingsList() {
  const { canCreate, ignored, summary, rows, pages } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  return (
    <section>
      <div className="page-heading">
        <h1>Findings</h1>
        {canCreate ? (
          <Link to="/observations/new" className="button">
            New finding
          </Link>
        ) : null}
      </div>

      {ignored.length > 0 ? (
        <p className="filters-notice">
          Some filters in this address could not be used and were left out: {ignored.join(", ")}.
        </p>
      ) : null}

      {/* Keyed by the query, so the fields show the view the address holds after every navigation. */}
      <FilterForm key={location.search} />

      <h2 id="results-heading">Results</h2>
      <p id="results-summary" aria-live="polite" aria-busy={loading || undefined}>
        {summary ?? "No findings match these filters."}
      </p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table aria-labelledby="results-heading" aria-describedby="results-summary" className="findings-table">
            <thead>
              <tr>
                <th scope="col">Ref</th>
                <th scope="col">Title</th>
                <th scope="col">Branch / department</th>
                <th scope="col">Area</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Due date</th>
                <th scope="col">Author</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">
                    <Link to={`/observations/${row.id}`}>{row.ref}</Link>
                  </td>
                  <td>
                    {row.title}
                    {row.repeatOccurrence > 1 ? (
                      <span className="muted block small">Repeat finding: occurrence {row.repeatOccurrence}</span>
                    ) : null}
                  </td>
                  <td>{row.unit}</td>
                  <td>{row.area}</td>
                  <td>
                    <span className="severity-badge" data-severity={row.severity}>
                      {row.severityLabel}
                    </span>
                  </td>
                  <td>{row.status}</td>
                  <td className="nowrap">
                    {row.due ?? <span className="muted">—</span>}
                    {row.overdue ? <strong className="overdue-by block">{row.overdue}</strong> : null}
                  </td>
                  <td>{row.author}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {pages.pageCount > 1 ? (
        <nav aria-label="Pages of findings" className="pagination">
          {pages.first ? <Link to={pages.first}>First page</Link> : null}
          {pages.previous ? <Link to={pages.previous}>Previous page</Link> : null}
          <span>
            Page {pages.page} of {pages.pageCount}
          </span>
          {pages.next ? <Link to={pages.next}>Next page</Link> : null}
          {pages.last ? <Link to={pages.last}>Last page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

/**
 * A GET form: applying filters is a navigation to the view's address, so
 * it works without JavaScript and the result can be bookmarked. Submitting
 * starts again at page 1 (the form carries no page).
 */
function FilterForm() {
  const { filters, choices } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <Form method="get" action={location.pathname} className="search-form" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter and search</h2>
      <div className="search-fields">
        <div className="field">
          <label htmlFor="filter-q">Search</label>
          <p id="filter-q-hint" className="hint">
            Words in the title or condition
          </p>
          <input
            id="filter-q"
            name="q"
            type="search"
            maxLength={SEARCH_MAX_LENGTH}
            defaultValue={filters.q ?? ""}
            aria-describedby="filter-q-hint"
          />
        </div>
        <Select name="status" label="Status" any="Any status" value={filters.status}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </Select>
        <Select name="severity" label="Severity" any="Any severity" value={filters.severity}>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </Select>
        <Select name="unit" label="Branch or department" any="All branches and departments" value={filters.unit}>
          {[
            { label: "Branches", units: choices.branches },
            { label: "Departments", units: choices.departments },
          ]
            .filter((group) => group.units.length > 0)
            .map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                    {unit.active ? "" : " (inactive)"}
                  </option>
                ))}
              </optgroup>
            ))}
        </Select>
        <Select name="area" label="Audit area" any="Any area" value={filters.area}>
          {AUDIT_AREAS.map((area) => (
            <option key={area} value={area}>
              {AUDIT_AREA_LABELS[area]}
            </option>
          ))}
        </Select>
        <Select name="risk" label="Risk category" any="Any risk category" value={filters.risk}>
          {RISK_CATEGORIES.map((risk) => (
            <option key={risk} value={risk}>
              {RISK_CATEGORY_LABELS[risk]}
            </option>
          ))}
        </Select>
        <Select name="engagement" label="Engagement" any="Any engagement" value={filters.engagement}>
          {choices.engagementYears.map((year) => (
            <optgroup key={year.planYear} label={`Plan ${year.planYear}`}>
              {year.engagements.map((engagement) => (
                <option key={engagement.id} value={engagement.id}>
                  {engagement.title}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
        <Select name="sort" label="Sort by" value={filters.sort}>
          {FINDING_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {FINDING_SORT_LABELS[sort]}
            </option>
          ))}
        </Select>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} /> Only overdue findings
          </label>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit">Apply filters</button>
        <Link to={location.pathname}>Clear filters</Link>
      </div>
    </Form>
  );
}

function Select({
  name,
  label,
  any,
  value,
  children,
}: {
  name: string;
  label: string;
  /** The "no filter" choice; none for lists that always have a value (sort). */
  any?: string;
  value: string | undefined;
  children: ReactNode;
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {any ? <option value="">{any}</option> : null}
        {children}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
