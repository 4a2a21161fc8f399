import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/ui/field";
import { type ChangeDescription, describeChange } from "~/domain/audit-diff";
import { formatTimestamp } from "~/domain/format";
import { can } from "~/domain/permissions";
import { type AuditTrailSearch, AuditTrailSearchSchema, VERIFY_INTENT } from "~/forms/audit-trail";
import { type AuditTrailPage, auditTrailChoices, recordLabel, searchAuditTrail, verifyAuditTrailFor } from "~/models/audit-log.server";
import { requestContext, requireUserWith } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Audit trail — Aegis" }];

const CURSORS = ["olderThan", "newerThan"] as const;

/** The current search's URL with a different page cursor (or none). */
function pageHref(url: URL, cursor?: { name: (typeof CURSORS)[number]; seq: number }) {
  const params = new URLSearchParams(url.search);
  for (const name of CURSORS) params.delete(name);
  if (cursor) params.set(cursor.name, String(cursor.seq));
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "audit-trail:view");
  const url = new URL(request.url);
  const submission = parseWithZod(url.searchParams, { schema: AuditTrailSearchSchema });
  const empty: AuditTrailPage = { entries: [], olderThan: null, newerThan: null };
  const [page, choices] = await Promise.all([
    submission.status === "success" ? searchAuditTrail(user, submission.value) : empty,
    auditTrailChoices(user),
  ]);
  const onFirstPage = !CURSORS.some((name) => url.searchParams.has(name));
  return {
    search: submission.status === "success" ? null : submission.reply(),
    canVerify: can(user.roles, "audit-trail:verify"),
    entities: choices.entities.map((entity) => ({ value: entity, label: recordLabel(entity) })),
    actions: choices.actions.map((action) => ({ value: action, label: action })),
    entries: page.entries.map((entry) => ({
      seq: entry.seq,
      when: formatTimestamp(entry.occurredAt),
      who: entry.actorName ?? entry.actorEmail ?? null,
      whoDetail: entry.actorName ? entry.actorEmail : null,
      action: entry.action,
      record: recordLabel(entry.entity),
      entityId: entry.entityId,
      historyHref: `${url.pathname}?${new URLSearchParams({ entity: entry.entity, entityId: entry.entityId })}`,
      ip: entry.ip,
      userAgent: entry.userAgent ? entry.userAgent.slice(0, 80) : null,
      change: describeChange(entry.before, entry.after),
    })),
    pages: {
      newest: onFirstPage ? null : pageHref(url),
      newer: page.newerThan ? pageHref(url, { name: "newerThan", seq: page.newerThan }) : null,
      older: page.olderThan ? pageHref(url, { name: "olderThan", seq: page.olderThan }) : null,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "audit-trail:verify");
  const form = await request.formData();
  if (form.get("intent") !== VERIFY_INTENT) throw new Response("Unknown action.", { status: 400 });
  const verdict = await verifyAuditTrailFor(user, requestContext(request));
  const url = new URL(request.url);
  return redirectWithFlash(
    `${url.pathname}${url.search}`,
    verdict.ok
      ? {
          kind: "success",
          message: `Audit trail intact: ${verdict.count.toLocaleString("en-IN")} ${verdict.count === 1 ? "entry" : "entries"} verified`,
        }
      : { kind: "error", message: `Audit trail BROKEN at entry #${verdict.brokenAt}: ${verdict.reason}` },
  );
}

export default function AuditTrail() {
  const { canVerify, entries, pages, search } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const verifying = navigation.state === "submitting" && navigation.formData?.get("intent") === VERIFY_INTENT;
  return (
    <section>
      <h1>Audit trail</h1>
      <p className="lead">
        Every change to your bank’s records: who made it, when, from where, and what changed. Entries can only be added,
        never edited or removed, and each is chained to the one before it, so any tampering shows.
      </p>

      {canVerify ? (
        <Form method="post" className="verify-form">
          <input type="hidden" name="intent" value={VERIFY_INTENT} />
          <button type="submit" disabled={verifying}>
            {verifying ? "Verifying…" : "Verify integrity"}
          </button>
          <p className="hint">
            Recomputes every entry’s fingerprint and checks each link of the chain. The check itself is recorded in the
            trail.
          </p>
        </Form>
      ) : null}

      {/* Keyed by the query, so the fields show the search the URL holds after every navigation. */}
      <SearchForm key={location.search} />

      <h2 id="results-heading">Entries, newest first</h2>
      {entries.length === 0 ? (
        <p>{search ? "Correct the search above to see entries." : "No entries match this search."}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="results-heading" className="audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When (IST)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
                <th scope="col">What changed</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td className="nowrap">{entry.when}</td>
                  <td>
                    {entry.who ?? <span className="muted">System</span>}
                    {entry.whoDetail ? <span className="muted block">{entry.whoDetail}</span> : null}
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.record}
                    <span className="muted block">
                      <code>{entry.entityId}</code>
                    </span>
                    <Link to={entry.historyHref} className="small">
                      History<span className="visually-hidden"> of this record</span>
                    </Link>
                  </td>
                  <td>
                    <ChangeTable seq={entry.seq} change={entry.change} />
                  </td>
                  <td>
                    {entry.ip ?? <span className="muted">—</span>}
                    {entry.userAgent ? <span className="muted block small">{entry.userAgent}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages.newest || pages.newer || pages.older ? (
        <nav aria-label="Pages of the audit trail" className="pagination">
          {pages.newest ? <Link to={pages.newest}>Newest entries</Link> : null}
          {pages.newer ? <Link to={pages.newer}>← Newer entries</Link> : null}
          {pages.older ? <Link to={pages.older}>Older entries →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

function SearchForm() {
  const { search, entities, actions } = useLoaderData<typeof loader>();
  const location = useLocation();
  const current = Object.fromEntries(new URLSearchParams(location.search));
  const [form, fields] = useForm<AuditTrailSearch>({
    id: "audit-search",
    lastResult: search,
    defaultValue: current,
    constraint: getZodConstraint(AuditTrailSearchSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AuditTrailSearchSchema }),
  });
  // A record kind or action named in the URL (a bookmark, a History link)
  // stays selectable even when this bank's trail has none of it yet.
  const withCurrent = (options: { value: string; label: string }[], value: string | undefined) =>
    value && !options.some((option) => option.value === value) ? [...options, { value, label: value }] : options;
  return (
    <Form method="get" {...getFormProps(form)} className="search-form" aria-labelledby="search-heading">
      <h2 id="search-heading">Search</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="search-fields">
        <SelectField meta={fields.entity} label="Record" options={withCurrent(entities, current.entity)} placeholder="Any record" />
        <Field meta={fields.entityId} label="Record id" hint="The id shown under a record." />
        <Field meta={fields.actor} label="Who" hint="Part of a name or email address, or a user id." />
        <SelectField meta={fields.action} label="Action" options={withCurrent(actions, current.action)} placeholder="Any action" />
        <Field meta={fields.from} label="From (IST date)" type="date" />
        <Field meta={fields.to} label="To (IST date, included)" type="date" />
      </div>
      <div className="form-actions">
        <button type="submit">Search</button>
        <Link to={location.pathname}>Clear search</Link>
      </div>
    </Form>
  );
}

function ChangeTable({ seq, change }: { seq: number; change: ChangeDescription }) {
  if (change.kind === "none" || change.fields.length === 0) return <span className="muted">No field changed</span>;
  const summary = { created: "Created", removed: "Removed", changed: "Changed" }[change.kind];
  return (
    <table className="diff">
      <caption>
        {summary}
        <span className="visually-hidden"> in entry {seq}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          {change.kind === "created" ? null : <th scope="col">Before</th>}
          {change.kind === "removed" ? null : <th scope="col">After</th>}
        </tr>
      </thead>
      <tbody>
        {change.fields.map((field) => (
          <tr key={field.field}>
            <th scope="row">{field.label}</th>
            {change.kind === "created" ? null : <td>{field.before ?? <span className="muted">—</span>}</td>}
            {change.kind === "removed" ? null : <td>{field.after ?? <span className="muted">—</span>}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
