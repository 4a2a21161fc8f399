/**
 * `npm run bench:observations`: how the findings list (and the finding's
 * detail page) behave with 10,000 findings in one bank. See bench/README.md.
 *
 * 1. Creates a throw-away database (on DATABASE_URL's server, else an
 *    embedded PostgreSQL), migrates it and seeds the demo banks, then fills
 *    Vetal Hill up to 10,000 findings with one INSERT … SELECT
 *    generate_series, as the owner bound to the bank (set_config), like the
 *    seed.
 * 2. As the app's own role, under row-level security, times
 *    listObservations for several views (and getObservation, when the
 *    observation model has it), counting the SQL statements each sends.
 * 3. Prints EXPLAIN ANALYZE of the search exactly as the app sent it.
 * 4. Drops the database. Asserts nothing: it measures.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { DEMO_BANKS, seedDemo } from "../prisma/seed.ts";
import { migrateDeploy, prismaClient } from "../scripts/lib/prisma.ts";
import { type SentQuery, recordQueries } from "../scripts/lib/query-counter.ts";
import {
  createDatabase,
  dropDatabase,
  provisionAppLogin,
  scratchPostgres,
  withDatabase,
} from "../scripts/lib/services.ts";

const TARGET_FINDINGS = 10_000;
/** A working-paper number for generated finding g, e.g. "WP-1C3A9F0B": what an auditor might search for. */
const WORKING_PAPER_SQL = "'WP-' || upper(substr(md5(g::text), 1, 8))";
const RUNS = 20;
const WARM_UP = 3;
const BANK = DEMO_BANKS[0]!;

const stops: (() => Promise<void>)[] = [];
if (!process.env.DATABASE_URL) console.log("Starting an embedded PostgreSQL 16 …");
const postgres = await scratchPostgres("bench-postgres");
stops.push(postgres.stop);
const adminUrl = postgres.adminUrl;
const database = `aegis_bench_${process.pid}`;
const ownerUrl = withDatabase(adminUrl, database);

try {
  await createDatabase(adminUrl, database);
  await migrateDeploy(ownerUrl);
  const appUrl = await provisionAppLogin(ownerUrl);
  await seed(ownerUrl);
  await measure(ownerUrl, appUrl);
} finally {
  await dropDatabase(adminUrl, database).catch((error) => console.error(`Could not drop ${database}:`, error));
  for (const stop of stops.reverse()) await stop();
}

// ---------------------------------------------------------------------------

async function seed(url: string) {
  const started = performance.now();
  const prisma = prismaClient(url);
  try {
    await seedDemo(prisma);
  } finally {
    await prisma.$disconnect();
  }
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query("BEGIN");
    await owner.query("SELECT set_config('app.tenant_id', $1, true), set_config('app.action', 'bench.seed', true)", [BANK.id]);
    // Reproducible pseudo-random spread (setseed), drawn from the demo
    // findings' own words so searches match as often as they would in life.
    await owner.query("SELECT setseed(0.2026)");
    const inserted = await owner.query(
      `
      WITH words AS (
        SELECT array_agg(title ORDER BY number) AS titles, array_agg(condition ORDER BY number) AS conditions,
               array_agg(criteria ORDER BY number) AS criteria, max(number) AS last_number
          FROM observation WHERE tenant_id = $1
      ), units AS (
        SELECT array_agg(id ORDER BY code) AS ids FROM org_unit WHERE tenant_id = $1 AND kind IN ('BRANCH', 'DEPARTMENT')
      ), auditors AS (
        SELECT array_agg(u.id ORDER BY u.email) AS ids
          FROM app_user u JOIN user_role r ON r.tenant_id = u.tenant_id AND r.user_id = u.id AND r.role = 'AUDITOR'
         WHERE u.tenant_id = $1
      ), engagements AS (
        SELECT array_agg(id ORDER BY id) AS ids FROM engagement WHERE tenant_id = $1
      ), drawn AS (
        SELECT g, words.*, units.ids AS unit_ids, auditors.ids AS auditor_ids, engagements.ids AS engagement_ids,
               random() AS r_text, random() AS r_status, random() AS r_severity, random() AS r_unit, random() AS r_author,
               random() AS r_engagement, random() AS r_area, random() AS r_risk,
               now() - random() * interval '1100 days' AS created
          FROM generate_series(1, $2::int) AS g, words, units, auditors, engagements
      ), shaped AS (
        SELECT d.*,
               (ARRAY['DRAFT','DRAFT','SUBMITTED','SUBMITTED','REVIEWED','ISSUED','ISSUED','ISSUED','RESPONSE','RESPONSE',
                      'COMPLIANCE','COMPLIANCE','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED'])[1 + floor(r_status * 20)::int]::"ObservationStatus" AS status,
               (ARRAY['LOW','LOW','LOW','MEDIUM','MEDIUM','MEDIUM','HIGH','HIGH','CRITICAL'])[1 + floor(r_severity * 9)::int]::"Severity" AS severity
          FROM drawn d
      )
      INSERT INTO observation (tenant_id, id, number, title, condition, criteria, cause, effect, recommendation,
                               assessed_severity, severity, status, org_unit_id, audit_area, risk_category, engagement_id,
                               due_date, author_id, issued_at, closed_at, version, created_at, updated_at)
      SELECT $1, gen_random_uuid(), last_number + g,
             titles[1 + floor(r_text * array_length(titles, 1))::int],
             conditions[1 + floor(r_text * array_length(conditions, 1))::int] || ' (Working paper ' || ${WORKING_PAPER_SQL} || '.)',
             criteria[1 + floor(r_text * array_length(criteria, 1))::int],
             'Controls were not followed.', 'Risk of loss to the bank.', 'Follow the bank''s policy.',
             severity, severity, status,
             unit_ids[1 + floor(r_unit * array_length(unit_ids, 1))::int],
             (ARRAY['ADVANCES','DEPOSITS','KYC_AML','CASH','IT','INVESTMENTS','ACCOUNTS','GOVERNANCE','HR'])[1 + floor(r_area * 9)::int],
             (ARRAY['CREDIT','OPERATIONAL','COMPLIANCE','MARKET','IT_CYBER','FRAUD'])[1 + floor(r_risk * 6)::int],
             CASE WHEN r_engagement < 0.7 THEN engagement_ids[1 + floor(r_engagement / 0.7 * array_length(engagement_ids, 1))::int] END,
             CASE WHEN status IN ('ISSUED','RESPONSE','COMPLIANCE','CLOSED') THEN (created AT TIME ZONE 'Asia/Kolkata')::date + 30 + (g % 60) END,
             auditor_ids[1 + floor(r_author * array_length(auditor_ids, 1))::int],
             CASE WHEN status IN ('ISSUED','RESPONSE','COMPLIANCE','CLOSED') THEN created + interval '5 days' END,
             CASE WHEN status = 'CLOSED' THEN created + interval '60 days' END,
             1, created, created
        FROM shaped
       WHERE last_number + g <= $3`,
      [BANK.id, TARGET_FINDINGS, TARGET_FINDINGS],
    );
    await owner.query("COMMIT");
    // As autovacuum would by now: statistics for the planner, and the GIN
    // indexes' pending lists merged and their size statistics current (the
    // planner's cost for a trigram lookup depends on them).
    await owner.query("VACUUM ANALYZE");
    const { rows } = await owner.query("SELECT count(*)::int AS count FROM observation WHERE tenant_id = $1", [BANK.id]);
    console.log(
      `Seeded ${BANK.name}: ${rows[0].count.toLocaleString("en-IN")} findings ` +
        `(${inserted.rowCount?.toLocaleString("en-IN")} generated) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } finally {
    await owner.end();
  }
}

interface Scenario {
  name: string;
  run: () => Promise<{ rows: number; total?: number }>;
}

interface Measurement {
  name: string;
  statements: number;
  rows: number;
  total?: number;
  median: number;
  p95: number;
}

function percentile(sorted: number[], fraction: number) {
  // Nearest rank: with 20 runs, p95 is the 19th fastest.
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

type Timed = Measurement & { sent: SentQuery[] };

async function time(scenario: Scenario): Promise<Timed> {
  for (let run = 0; run < WARM_UP; run++) await scenario.run();
  const counted = await recordQueries(scenario.run);
  const durations: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await scenario.run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return {
    name: scenario.name,
    statements: counted.statements.length,
    rows: counted.result.rows,
    total: counted.result.total,
    median: percentile(durations, 0.5),
    p95: percentile(durations, 0.95),
    sent: counted.sent,
  };
}

function printTable(title: string, measurements: Measurement[]) {
  const header = ["View", "SQL statements", "Rows", "Total", "Median ms", "p95 ms"];
  const lines = measurements.map((m) => [
    m.name,
    String(m.statements),
    String(m.rows),
    m.total === undefined ? "—" : m.total.toLocaleString("en-IN"),
    m.median.toFixed(1),
    m.p95.toFixed(1),
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...lines.map((line) => line[column]!.length)));
  const row = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`${title}\n${row(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const line of lines) console.log(row(line));
  console.log();
}

/** EXPLAIN ANALYZE of statements the app sent, as the app's role bound to the bank. */
async function explain(appUrl: string, statements: SentQuery[]) {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    for (const statement of statements) {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [BANK.id]);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values as unknown[]);
      await client.query("ROLLBACK");
      console.log(`  ${statement.text.replace(/\s+/g, " ").trim().slice(0, 160)}…`);
      for (const row of rows) console.log(`    ${row["QUERY PLAN"]}`);
      console.log();
    }
  } finally {
    await client.end();
  }
}

/** The list's count and page statements (not the bank binding or the filter choices). */
function listStatements(sent: SentQuery[]) {
  return sent.filter((query) => /FROM observation o\b/.test(query.text));
}

async function measure(ownerSqlUrl: string, appUrl: string) {
  // The app's modules read their environment when first used: point them at
  // the bench database, as the app's own role, before importing them.
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: appUrl,
    SESSION_SECRET: "bench-session-secret-that-is-long-enough-0123456789",
    S3_BUCKET: "aegis-bench-unused",
    APP_ORIGIN: "http://localhost",
  });
  const { listObservations } = await import("../app/models/observation-list.server.ts");
  const { ObservationFiltersSchema } = await import("../app/forms/observation-filters.ts");
  const { db } = await import("../app/utils/db.server.ts");

  const owner = new pg.Client({ connectionString: ownerSqlUrl });
  await owner.connect();
  try {
    await measureWith(owner, appUrl, listObservations, ObservationFiltersSchema);
  } finally {
    await owner.end();
    await db().$disconnect();
  }
}

async function measureWith(
  owner: pg.Client,
  appUrl: string,
  listObservations: typeof import("../app/models/observation-list.server.ts").listObservations,
  ObservationFiltersSchema: typeof import("../app/forms/observation-filters.ts").ObservationFiltersSchema,
) {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await owner.query<T>(sql, params)).rows[0]!;
  const kothrud = (await one<{ id: string }>("SELECT id FROM org_unit WHERE tenant_id = $1 AND code = 'KOTH-014'", [BANK.id])).id;
  // The finding with the longest timeline: the Kothrud cash lapse's third occurrence.
  const detail = await one<{ id: string; number: number; events: number }>(
    `SELECT o.id, o.number, (SELECT count(*)::int FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id) AS events
       FROM observation o WHERE o.tenant_id = $1 AND o.repeat_occurrence = 3 LIMIT 1`,
    [BANK.id],
  );
  const cae = await one<{ id: string; email: string }>("SELECT id, email FROM app_user WHERE tenant_id = $1 AND email = 'cae@vetalhill.example'", [BANK.id]);
  const uniqueWorkingPaper = (await one<{ code: string }>(`SELECT ${WORKING_PAPER_SQL.replace("g::text", "4242::text")} AS code`, [])).code.replace(
    "WP-",
    "",
  );
  const superuser = (await one<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", [])).rolsuper;

  const viewer = { tenantId: BANK.id };
  const list = (values: Record<string, unknown>) => async () => {
    const page = await listObservations(viewer, ObservationFiltersSchema.parse(values));
    return { rows: page.rows.length, total: page.total };
  };
  const lastPage = Math.ceil(TARGET_FINDINGS / 25);
  const scenarios: Scenario[] = [
    { name: "No filters (newest first, page 1)", run: list({}) },
    { name: "Status: Issued", run: list({ status: "ISSUED" }) },
    { name: "Severity High + Kothrud Branch", run: list({ severity: "HIGH", unit: kothrud }) },
    { name: "Search \"insurance limit\"", run: list({ q: "insurance limit" }) },
    { name: "Search \"warje\" (uncommon word)", run: list({ q: "warje" }) },
    // Every generated condition ends with its own working-paper number; the
    // auditor types its digits. (With the "WP-" every row shares, trigram
    // lookups would gain nothing: PostgreSQL rightly scans instead.)
    { name: `Search "${uniqueWorkingPaper}" (one finding)`, run: list({ q: uniqueWorkingPaper }) },
    { name: "Overdue (IST)", run: list({ overdue: "1" }) },
    { name: `Last page (${lastPage})`, run: list({ page: lastPage }) },
    { name: "Sorted by due date, page 200", run: list({ sort: "due", page: 200 }) },
  ];

  // The detail page's loader, if the observation model offers it yet.
  const observationModel = await import("../app/models/observation.server.ts").catch(() => null);
  const getObservation = (observationModel as { getObservation?: (actor: unknown, id: string) => Promise<{ timeline?: unknown[] } | null> } | null)
    ?.getObservation;
  if (typeof getObservation === "function") {
    const actor = { tenantId: BANK.id, actorId: cae.id, actorEmail: cae.email, sessionId: null, ip: null, userAgent: null };
    scenarios.push({
      name: `Detail: getObservation (OBS-${String(detail.number).padStart(4, "0")}, ${detail.events} timeline entries)`,
      run: async () => {
        const found = await getObservation(actor, detail.id);
        return { rows: found ? 1 : 0 };
      },
    });
  } else {
    console.log("getObservation is not in app/models/observation.server.ts yet: the detail page is not measured.\n");
  }

  const results: Timed[] = [];
  for (const scenario of scenarios) results.push(await time(scenario));
  printTable(
    `${BANK.name}, ${TARGET_FINDINGS.toLocaleString("en-IN")} findings, app role under row-level security; ${RUNS} runs after ${WARM_UP} warm-up.\n` +
      "SQL statements: counted by wrapping pg.Client#query (scripts/lib/query-counter.ts), BEGIN/COMMIT not included.\n",
    results,
  );

  const searches = (measured: Timed[]) => measured.filter((result) => /^Search "(insurance|.*one finding)/.test(result.name));
  console.log("EXPLAIN ANALYZE of a common and a unique search, as the app's role (row-level security applies):\n");
  for (const search of searches(results)) await explain(appUrl, listStatements(search.sent));

  // Why the trigram indexes are not used above, shown rather than told: under
  // row-level security the planner may push a condition into an index scan
  // only if its operator is LEAKPROOF, and ILIKE (texticlike) and enum
  // equality (enum_eq) are not. Marking them so needs a superuser, in this
  // throw-away database only (pg_proc is per database).
  if (superuser) {
    await owner.query("ALTER FUNCTION texticlike(text, text) LEAKPROOF");
    await owner.query("ALTER FUNCTION enum_eq(anyenum, anyenum) LEAKPROOF");
    const whatIf: Timed[] = [];
    for (const scenario of scenarios.filter((s) => /^(Search|Status|Severity)/.test(s.name))) whatIf.push(await time(scenario));
    printTable("What if texticlike (ILIKE) and enum_eq were LEAKPROOF (bench database only):", whatIf);
    console.log("EXPLAIN ANALYZE of the same searches with texticlike LEAKPROOF, as the app's role:\n");
    for (const search of searches(whatIf)) await explain(appUrl, listStatements(search.sent));
    await owner.query("ALTER FUNCTION texticlike(text, text) NOT LEAKPROOF");
    await owner.query("ALTER FUNCTION enum_eq(anyenum, anyenum) NOT LEAKPROOF");
  } else {
    console.log("Not a superuser: skipping the LEAKPROOF comparison (see bench/README.md).\n");
  }
}
