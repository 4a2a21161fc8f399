import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { istToday } from "~/domain/format";
import type { LifecycleAction, Severity } from "~/domain/lifecycle";
import type { Role } from "~/domain/permissions";
import type { PrismaClient } from "~/generated/prisma/client";
import { DEMO_BANKS } from "../../prisma/seed";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import {
  type DraftContent,
  NotEditableError,
  type ObservationActor,
  StepRefusedError,
  applyStep,
  confirmRepeat,
  createDraft,
  dismissRepeat,
  getObservation,
  observationFormChoices,
  repeatSuggestions,
  updateDraft,
} from "./observation.server";

let owner: PrismaClient;
let ownerSql: pg.Pool;
let vetalHill: SeededBank;
let sahyadri: SeededBank;
/** A Vetal Hill person who both audits and manages audits (small banks double up). */
let dualId: string;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
  ownerSql = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
  dualId = randomUUID();
  await owner.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.tenant_id', ${vetalHill.tenantId}, true)`;
    await tx.user.create({
      data: {
        tenantId: vetalHill.tenantId,
        id: dualId,
        email: "dual@vetalhill.example",
        name: "Dual Role",
        roles: { create: [{ role: "AUDITOR" }, { role: "AUDIT_MANAGER" }] },
      },
    });
  });
});
afterAll(async () => {
  await ownerSql.end();
  await owner.$disconnect();
});

/** A demo person as the lifecycle sees them: the audit trail's actor plus roles and assigned units. */
function person(bank: SeededBank, key: string): ObservationActor {
  const demo = DEMO_BANKS.find((candidate) => candidate.id === bank.tenantId)!;
  const user = demo.users.find((candidate) => candidate.key === key)!;
  return {
    ...bank.actor(key),
    roles: user.roles,
    orgUnitIds: (user.units ?? []).map((code) => bank.units[code]!),
  };
}

function dual(): ObservationActor {
  const roles: Role[] = ["AUDITOR", "AUDIT_MANAGER"];
  return { ...vetalHill.actor("auditor"), actorId: dualId, actorEmail: "dual@vetalhill.example", roles, orgUnitIds: [] };
}

const auditor = () => person(vetalHill, "auditor");
const auditor2 = () => person(vetalHill, "auditor2");
const manager = () => person(vetalHill, "manager");
const cae = () => person(vetalHill, "cae");
const kothrudAuditee = () => person(vetalHill, "kothrud");

let counter = 0;
function draftInput(overrides: Partial<DraftContent> = {}): DraftContent {
  counter += 1;
  return {
    title: `Finding ${counter} ${randomUUID()}`,
    condition: `Condition ${counter}: ${randomUUID()}`,
    criteria: "RBI Master Direction on KYC, para 38",
    cause: "Branch staff unaware of the revised procedure",
    effect: "Exposure to money-laundering risk",
    recommendation: "Train staff and complete the pending updates",
    assessedSeverity: "MEDIUM",
    orgUnitId: vetalHill.units["KOTH-014"]!,
    auditArea: "KYC_AML",
    riskCategory: "COMPLIANCE",
    rbiReferences: "MD-KYC-2016 §38",
    tags: ["kyc"],
    proposedDueDate: "2099-03-31",
    ...overrides,
  };
}

async function versionOf(id: string) {
  const row = await owner.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id }, select: { version: true } });
  return row.version;
}

async function step(actor: ObservationActor, id: string, action: LifecycleAction, extra: { comment?: string; dueDate?: string } = {}) {
  return applyStep(actor, { id, version: await versionOf(id), action, ...extra });
}

function auditEntries(entityId: string) {
  return owner.auditEntry.findMany({ where: { tenantId: vetalHill.tenantId, entityId }, orderBy: { seq: "asc" } });
}

function timelineOf(id: string) {
  return owner.observationEvent.findMany({ where: { tenantId: vetalHill.tenantId, observationId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/** The ids of the transactions that last wrote the observation, an event and audit entries (PostgreSQL's xmin). */
async function transactionIdsOf(observationId: string, eventId: string, auditSeqs: bigint[]) {
  const { rows } = await ownerSql.query<{ xmin: string }>(
    `SELECT xmin::text FROM observation WHERE tenant_id = $1 AND id = $2
     UNION ALL SELECT xmin::text FROM observation_event WHERE tenant_id = $1 AND id = $3
     UNION ALL SELECT xmin::text FROM audit_entry WHERE tenant_id = $1 AND seq = ANY($4::bigint[])`,
    [vetalHill.tenantId, observationId, eventId, auditSeqs.map(String)],
  );
  expect(rows).toHaveLength(2 + auditSeqs.length);
  return rows.map((row) => row.xmin);
}

/** A finding taken through the lifecycle to COMPLIANCE, ready to close. */
async function inCompliance(severity: Severity) {
  const { id } = await createDraft(auditor(), draftInput({ assessedSeverity: severity }));
  await step(auditor(), id, "submit");
  await step(manager(), id, "approve-review");
  await step(manager(), id, "issue", { dueDate: "2099-06-30" });
  await step(kothrudAuditee(), id, "respond");
  await step(auditor(), id, "accept-response");
  return id;
}

describe("drafting", () => {
  it("records a draft by its author with the bank's next number, a timeline entry and an audit entry", async () => {
    const first = await createDraft(auditor(), draftInput({ tags: ["kyc", "re-kyc"] }));
    const second = await createDraft(auditor2(), draftInput());
    expect(second.number).toBe(first.number + 1);

    const detail = await getObservation(auditor(), first.id);
    expect(detail?.observation).toMatchObject({
      status: "DRAFT",
      severity: "MEDIUM",
      assessedSeverity: "MEDIUM",
      authorId: vetalHill.users.auditor!.id,
      tags: ["kyc", "re-kyc"],
      version: 1,
      orgUnit: { code: "KOTH-014" },
    });
    expect(detail?.observation.proposedDueDate?.toISOString()).toBe("2099-03-31T00:00:00.000Z");
    expect(detail?.timeline).toMatchObject([{ kind: "created", toStatus: "DRAFT", actor: { name: "Rohan Deshpande" } }]);

    const entries = await auditEntries(first.id);
    expect(entries.map((entry) => [entry.entity, entry.action])).toEqual([["observation", "observation.create"]]);
    expect(entries[0]).toMatchObject({ actorId: vetalHill.users.auditor!.id, ip: "203.0.113.7" });
  });

  it("gives auditors saving at the same moment distinct running numbers", async () => {
    const created = await Promise.all(Array.from({ length: 5 }, () => createDraft(auditor(), draftInput())));
    const numbers = created.map((row) => row.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect(numbers.at(-1)! - numbers[0]!).toBe(4);
  });

  it("numbers each bank's findings on their own", async () => {
    const here = await createDraft(auditor(), draftInput());
    const there = await createDraft(sahyadri.actor("auditor"), draftInput({ orgUnitId: sahyadri.units["STR-001"]! }));
    const { _max } = await owner.observation.aggregate({ where: { tenantId: sahyadri.tenantId }, _max: { number: true } });
    expect(there.number).toBe(_max.number);
    expect(here.number).toBeGreaterThanOrEqual(1);
  });

  it("refuses another bank's branch, and an engagement it does not have", async () => {
    await expect(createDraft(auditor(), draftInput({ orgUnitId: sahyadri.units["STR-001"]! }))).rejects.toMatchObject({
      name: "RuleError",
      field: "orgUnitId",
    });
    await expect(createDraft(auditor(), draftInput({ engagementId: randomUUID() }))).rejects.toMatchObject({
      name: "RuleError",
      field: "engagementId",
    });
  });

  it("offers active branches and departments of the bank only", async () => {
    const choices = await observationFormChoices(auditor());
    const codes = choices.units.map((unit) => unit.code);
    expect(codes).toEqual(expect.arrayContaining(["KOTH-014", "AUND-022", "CRD"]));
    expect(codes).not.toContain("HO");
    expect(codes).not.toContain("STR-001");
  });
});

describe("editing a draft", () => {
  it("saves the author's changes and records which fields changed", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    const input = draftInput({ title: "Dormant accounts reactivated without fresh KYC", assessedSeverity: "HIGH" });
    await updateDraft(auditor(), id, { ...input, version: 1 });
    const detail = await getObservation(auditor(), id);
    expect(detail?.observation).toMatchObject({ title: input.title, severity: "HIGH", assessedSeverity: "HIGH", version: 2 });
    const edited = detail?.timeline.find((event) => event.kind === "edited");
    expect(edited?.details).toMatchObject({ changed: expect.arrayContaining(["title", "assessedSeverity", "condition"]) });
    expect((await auditEntries(id)).map((entry) => entry.action)).toContain("observation.edit");
  });

  it("refuses a form opened at an older version and writes nothing", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    const mine = draftInput();
    await updateDraft(auditor(), id, { ...mine, version: 1 });
    const before = await owner.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id } });
    const trailBefore = await auditEntries(id);
    const timelineBefore = await timelineOf(id);

    const stale = updateDraft(auditor(), id, { ...draftInput({ title: "Typed in an old tab" }), version: 1 });
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    await expect(stale).rejects.toMatchObject({ current: { version: 2 } });

    expect(await owner.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id } })).toEqual(before);
    expect(await auditEntries(id)).toHaveLength(trailBefore.length);
    expect(await timelineOf(id)).toHaveLength(timelineBefore.length);
  });

  it("lets only the author edit, and only while it is a draft", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    await expect(updateDraft(auditor2(), id, { ...draftInput(), version: 1 })).rejects.toBeInstanceOf(NotEditableError);
    await step(auditor(), id, "submit");
    await expect(updateDraft(auditor(), id, { ...draftInput(), version: 2 })).rejects.toBeInstanceOf(NotEditableError);
  });
});

describe("lifecycle steps", () => {
  it("writes the status, a timeline entry and audit entries in one transaction, for every step", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    const steps: [ObservationActor, LifecycleAction, { comment?: string; dueDate?: string }][] = [
      [auditor(), "submit", {}],
      [manager(), "return-to-draft", { comment: "Quote the circular's paragraph." }],
      [auditor(), "submit", {}],
      [manager(), "approve-review", {}],
      [manager(), "return-to-submitted", { comment: "Reopening: check the sample size." }],
      [manager(), "approve-review", {}],
      [manager(), "issue", { dueDate: "2099-06-30" }],
      [kothrudAuditee(), "respond", {}],
      [auditor(), "reject-response", { comment: "Evidence of re-KYC is missing." }],
      [kothrudAuditee(), "respond", {}],
      [manager(), "accept-response", {}],
      [manager(), "close", {}],
    ];
    let expectedStatus = "DRAFT";
    for (const [actor, action, extra] of steps) {
      const trailBefore = (await auditEntries(id)).length;
      const result = await step(actor, id, action, extra);
      expect(result.from).toBe(expectedStatus);
      expectedStatus = result.to;

      const row = await owner.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id } });
      expect(row.status).toBe(result.to);
      const event = (await timelineOf(id)).at(-1)!;
      expect(event).toMatchObject({
        kind: "transition",
        fromStatus: result.from,
        toStatus: result.to,
        actorId: actor.actorId,
        comment: extra.comment ?? null,
        details: expect.objectContaining({ action }),
      });
      // The trail gains the observation's update and the timeline entry, both
      // under the step's action, and all four rows come from one transaction.
      const added = (await auditEntries(id)).slice(trailBefore);
      const eventEntries = await owner.auditEntry.findMany({ where: { tenantId: vetalHill.tenantId, entityId: event.id } });
      expect(added).toHaveLength(1);
      expect(eventEntries).toHaveLength(1);
      expect(added[0]).toMatchObject({ action: `observation.${action}`, entity: "observation", actorId: actor.actorId });
      expect(eventEntries[0]).toMatchObject({ action: `observation.${action}`, entity: "observation_event" });
      expect(new Set(await transactionIdsOf(id, event.id, [added[0]!.seq, eventEntries[0]!.seq])).size).toBe(1);
    }
    const closed = await owner.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id } });
    expect(closed).toMatchObject({ status: "CLOSED", closedDuringFieldwork: false, closureRationale: null });
    expect(closed.dueDate?.toISOString()).toBe("2099-06-30T00:00:00.000Z");
    expect(closed.issuedAt).toBeInstanceOf(Date);
    expect(closed.closedAt).toBeInstanceOf(Date);
  });

  it("refuses a step the lifecycle does not allow, and writes nothing", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    const trailBefore = await auditEntries(id);
    await expect(step(auditor2(), id, "submit")).rejects.toMatchObject({ name: "StepRefusedError", refusal: "not-author" });
    await expect(step(manager(), id, "approve-review")).rejects.toMatchObject({ refusal: "wrong-state" });
    await expect(step(cae(), id, "submit")).rejects.toMatchObject({ refusal: "role" });
    await step(auditor(), id, "submit");
    await expect(step(manager(), id, "return-to-draft")).rejects.toMatchObject({ refusal: "comment-required" });
    await expect(step(manager(), id, "return-to-draft", { comment: "   " })).rejects.toMatchObject({ refusal: "comment-required" });
    await step(manager(), id, "approve-review");
    await expect(step(manager(), id, "issue")).rejects.toMatchObject({ refusal: "due-date-required" });
    expect((await auditEntries(id)).length).toBe(trailBefore.length + 2);
    expect((await timelineOf(id)).map((event) => event.toStatus)).toEqual(["DRAFT", "SUBMITTED", "REVIEWED"]);
  });

  it("keeps maker and checker apart: an author who also manages audits cannot review their own finding", async () => {
    const { id } = await createDraft(dual(), draftInput());
    await step(dual(), id, "submit");
    await expect(step(dual(), id, "approve-review")).rejects.toMatchObject({ refusal: "maker-checker" });
    await expect(step(dual(), id, "return-to-draft", { comment: "Self-return" })).rejects.toMatchObject({ refusal: "maker-checker" });
    const detail = await getObservation(dual(), id);
    expect(detail?.observation.status).toBe("SUBMITTED");
    await step(manager(), id, "approve-review");
    await expect(step(dual(), id, "issue", { dueDate: "2099-01-01" })).rejects.toMatchObject({ refusal: "maker-checker" });
  });

  it("lets the audit manager close LOW and MEDIUM findings, and only the CAE HIGH and CRITICAL ones", async () => {
    const medium = await inCompliance("MEDIUM");
    await step(manager(), medium, "close");
    const high = await inCompliance("HIGH");
    await expect(step(manager(), high, "close")).rejects.toMatchObject({ refusal: "closing-authority" });
    await step(cae(), high, "close");
    const critical = await inCompliance("CRITICAL");
    await expect(step(manager(), critical, "close")).rejects.toMatchObject({ refusal: "closing-authority" });
    await step(cae(), critical, "close");
    const rows = await owner.observation.findMany({ where: { tenantId: vetalHill.tenantId, id: { in: [medium, high, critical] } } });
    expect(rows.map((row) => row.status)).toEqual(["CLOSED", "CLOSED", "CLOSED"]);
  });

  it("closes a draft as resolved during fieldwork only with a rationale, and keeps both for good", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    await expect(step(manager(), id, "close-during-fieldwork")).rejects.toMatchObject({ refusal: "comment-required" });
    await expect(step(auditor(), id, "close-during-fieldwork", { comment: "Fixed" })).rejects.toMatchObject({ refusal: "role" });
    const rationale = "Branch completed the pending re-KYC of all 14 accounts before the audit ended.";
    await step(manager(), id, "close-during-fieldwork", { comment: rationale });
    const detail = await getObservation(manager(), id);
    expect(detail?.observation).toMatchObject({ status: "CLOSED", closedDuringFieldwork: true, closureRationale: rationale });
    expect(detail?.observation.closedAt).toBeInstanceOf(Date);
    expect(detail?.timeline.at(-1)).toMatchObject({ kind: "transition", fromStatus: "DRAFT", toStatus: "CLOSED", comment: rationale });
    // A closed finding takes no further step, so nothing can clear the label.
    await expect(step(manager(), id, "close-during-fieldwork", { comment: "again" })).rejects.toMatchObject({ refusal: "wrong-state" });
  });

  it("refuses a step taken from a page opened at an older version, writing nothing", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    await step(auditor(), id, "submit");
    const trailBefore = await auditEntries(id);
    await expect(applyStep(manager(), { id, version: 1, action: "approve-review" })).rejects.toBeInstanceOf(StaleRecordError);
    expect(await auditEntries(id)).toHaveLength(trailBefore.length);
    expect(await timelineOf(id)).toHaveLength(2);
  });

  it("lets exactly one of two simultaneous steps on the same version through", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    await step(auditor(), id, "submit");
    const version = await versionOf(id);
    const results = await Promise.allSettled([
      applyStep(manager(), { id, version, action: "approve-review" }),
      applyStep(manager(), { id, version, action: "return-to-draft", comment: "Needs the sample list." }),
    ]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(StaleRecordError);
    const timeline = await timelineOf(id);
    expect(timeline.filter((event) => event.fromStatus === "SUBMITTED")).toHaveLength(1);
    expect(await versionOf(id)).toBe(version + 1);
  });
});

describe("the timeline", () => {
  it("refuses UPDATE and DELETE, even for the database owner", async () => {
    const { id } = await createDraft(auditor(), draftInput());
    const client = await ownerSql.connect();
    try {
      for (const statement of [
        "UPDATE observation_event SET comment = 'rewritten' WHERE observation_id = $1",
        "DELETE FROM observation_event WHERE observation_id = $1",
      ]) {
        await client.query("BEGIN");
        await client.query("SELECT set_config('app.tenant_id', $1, true)", [vetalHill.tenantId]);
        await expect(client.query(statement, [id])).rejects.toThrow(/append-only/);
        await client.query("ROLLBACK");
      }
    } finally {
      client.release();
    }
    expect(await timelineOf(id)).toHaveLength(1);
  });
});

describe("repeat findings", () => {
  const goldLoan = {
    title: "Gold loans sanctioned without a purity certificate from the approved valuer",
    condition: "In 9 of 40 gold loans sampled, no purity and weight certificate from the bank's approved valuer was on file.",
    auditArea: "ADVANCES" as const,
    riskCategory: "CREDIT" as const,
  };

  async function issued(input: DraftContent) {
    const { id, number } = await createDraft(auditor(), input);
    await step(auditor(), id, "submit");
    await step(manager(), id, "approve-review");
    await step(manager(), id, "issue", { dueDate: istToday() });
    return { id, number };
  }

  it("suggests a similar earlier finding at the same branch, area and risk, and not one at another branch", async () => {
    const earlier = await issued(draftInput({ ...goldLoan, assessedSeverity: "MEDIUM" }));
    const elsewhere = await issued(draftInput({ ...goldLoan, orgUnitId: vetalHill.units["AUND-022"]! }));
    const otherArea = await issued(draftInput({ ...goldLoan, auditArea: "CASH" }));
    const unrelated = await issued(draftInput({ ...goldLoan, title: "Cash retention limit exceeded", condition: "Vault cash over limit on 6 days." }));

    const draft = await createDraft(
      auditor2(),
      draftInput({
        ...goldLoan,
        title: "Gold loan sanctioned without purity certificates from the approved valuer",
        condition: "Several gold loans had no valuer's purity certificate.",
      }),
    );
    const suggestions = await repeatSuggestions(auditor2(), draft.id);
    const ids = suggestions.map((candidate) => candidate.id);
    expect(ids).toContain(earlier.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(otherArea.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(draft.id);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    const found = suggestions.find((candidate) => candidate.id === earlier.id)!;
    expect(found).toMatchObject({ number: earlier.number, status: "ISSUED", repeatOccurrence: 1 });
    expect(found.similarity).toBeGreaterThan(0.3);

    // The detail page shows the same suggestions with the draft.
    const detail = await getObservation(auditor2(), draft.id);
    expect(detail?.suggestions.map((candidate) => candidate.id)).toEqual(ids);
  });

  it("escalates severity along a confirmed chain: 2nd occurrence one level up, 3rd CRITICAL", async () => {
    const chain = { ...goldLoan, orgUnitId: vetalHill.units["HDPS-031"]! };
    const first = await issued(draftInput({ ...chain, assessedSeverity: "MEDIUM" }));

    const second = await createDraft(auditor(), draftInput({ ...chain, assessedSeverity: "MEDIUM" }));
    expect((await repeatSuggestions(auditor(), second.id)).map((candidate) => candidate.id)).toContain(first.id);
    await confirmRepeat(auditor(), { id: second.id, version: 1, candidateId: first.id });
    const secondDetail = await getObservation(auditor(), second.id);
    expect(secondDetail?.observation).toMatchObject({
      repeatOfId: first.id,
      repeatOccurrence: 2,
      assessedSeverity: "MEDIUM",
      severity: "HIGH",
      repeatOf: { number: first.number },
    });
    expect(secondDetail?.timeline.at(-1)).toMatchObject({
      kind: "repeat-confirmed",
      details: { repeatOf: first.id, repeatOfNumber: first.number, occurrence: 2, from: "MEDIUM", to: "HIGH" },
    });
    expect(secondDetail?.suggestions).toEqual([]);
    expect((await auditEntries(second.id)).map((entry) => entry.action)).toContain("observation.repeat-confirm");

    // The third is offered the chain's latest link, not the first again.
    const third = await createDraft(auditor(), draftInput({ ...chain, assessedSeverity: "LOW" }));
    const offered = (await repeatSuggestions(auditor(), third.id)).map((candidate) => candidate.id);
    expect(offered).toContain(second.id);
    expect(offered).not.toContain(first.id);
    await confirmRepeat(auditor(), { id: third.id, version: 1, candidateId: second.id });
    expect((await getObservation(auditor(), third.id))?.observation).toMatchObject({ repeatOccurrence: 3, severity: "CRITICAL" });

    // Re-assessing a confirmed repeat escalates again from the new assessment.
    await updateDraft(auditor(), second.id, { ...draftInput({ ...chain, assessedSeverity: "LOW" }), version: 2 });
    const reassessed = await getObservation(auditor(), second.id);
    expect(reassessed?.observation).toMatchObject({ assessedSeverity: "LOW", severity: "MEDIUM", repeatOccurrence: 2 });
    expect(reassessed?.timeline.at(-1)?.details).toMatchObject({ severity: { from: "HIGH", to: "MEDIUM" } });
  });

  it("remembers a dismissal and never suggests that finding for the draft again", async () => {
    const chain = { ...goldLoan, orgUnitId: vetalHill.units["CRD"]! };
    const earlier = await issued(draftInput(chain));
    const draft = await createDraft(auditor(), draftInput(chain));
    expect((await repeatSuggestions(auditor(), draft.id)).map((candidate) => candidate.id)).toContain(earlier.id);

    await dismissRepeat(auditor(), { id: draft.id, candidateId: earlier.id });
    await dismissRepeat(auditor(), { id: draft.id, candidateId: earlier.id });
    expect((await repeatSuggestions(auditor(), draft.id)).map((candidate) => candidate.id)).not.toContain(earlier.id);
    const timeline = await timelineOf(draft.id);
    expect(timeline.filter((event) => event.kind === "repeat-dismissed")).toEqual([
      expect.objectContaining({ actorId: vetalHill.users.auditor!.id, details: { candidate: earlier.id, candidateNumber: earlier.number } }),
    ]);
    expect((await auditEntries(draft.id)).length).toBeGreaterThan(0);
    // Another draft is still offered the same finding: the dismissal is this draft's.
    const other = await createDraft(auditor(), draftInput(chain));
    expect((await repeatSuggestions(auditor(), other.id)).map((candidate) => candidate.id)).toContain(earlier.id);
    // A dismissed finding can no longer be confirmed either.
    await expect(confirmRepeat(auditor(), { id: draft.id, version: 1, candidateId: earlier.id })).rejects.toBeInstanceOf(RuleError);
  });

  it("lets only the author decide, and only on a draft", async () => {
    const chain = { ...goldLoan, orgUnitId: vetalHill.units["TRY"]! };
    const earlier = await issued(draftInput(chain));
    const draft = await createDraft(auditor(), draftInput(chain));
    await expect(confirmRepeat(auditor2(), { id: draft.id, version: 1, candidateId: earlier.id })).rejects.toBeInstanceOf(NotEditableError);
    await expect(dismissRepeat(manager(), { id: draft.id, candidateId: earlier.id })).rejects.toBeInstanceOf(NotEditableError);
    await expect(confirmRepeat(auditor(), { id: draft.id, version: 7, candidateId: earlier.id })).rejects.toBeInstanceOf(StaleRecordError);
  });
});

describe("another bank's observations", () => {
  it("are not found, whatever is attempted", async () => {
    const theirs = await createDraft(sahyadri.actor("auditor"), draftInput({ orgUnitId: sahyadri.units["STR-001"]! }));
    expect(await getObservation(auditor(), theirs.id)).toBeNull();
    await expect(applyStep(auditor(), { id: theirs.id, version: 1, action: "submit" })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(updateDraft(auditor(), theirs.id, { ...draftInput(), version: 1 })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(repeatSuggestions(auditor(), theirs.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    const mine = await createDraft(auditor(), draftInput());
    await expect(confirmRepeat(auditor(), { id: mine.id, version: 1, candidateId: theirs.id })).rejects.toBeInstanceOf(RuleError);
    await expect(dismissRepeat(auditor(), { id: mine.id, candidateId: theirs.id })).rejects.toBeInstanceOf(RuleError);
    expect(await getObservation(auditor(), randomUUID())).toBeNull();
  });
});

it("refuses what the lifecycle refuses with its own words", () => {
  expect(new StepRefusedError("maker-checker").message).toMatch(/someone else must review/);
});
