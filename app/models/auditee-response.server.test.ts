import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pageVocabulary from "~/domain/auditee-response";
import type { ObservationStatus, Severity } from "~/domain/lifecycle";
import { REFUSAL_MESSAGES } from "~/domain/lifecycle";
import type { Role } from "~/domain/permissions";
import type { PrismaClient } from "~/generated/prisma/client";
import type { SessionUser } from "~/models/session.server";
import { withTenant } from "~/utils/db.server";
import { DEMO_BANKS } from "../../prisma/seed";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import { localS3Client } from "../../scripts/lib/services";
import {
  RESPONSE_KINDS,
  RESPONSE_KIND_LABELS,
  istStartOfDay,
  portalObservation,
  portalObservations,
  submitResponse,
} from "./auditee-response.server";
import { downloadEvidence, evidenceOf, receiveEvidence, recheckEvidence } from "./evidence.server";
import { responsesAndEvidence } from "./observation-evidence.server";

const fixtures = path.resolve(import.meta.dirname, "../../e2e/evidence-files");
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const context = { ip: "203.0.113.9", userAgent: "vitest" };

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(async () => {
  await owner.$disconnect();
});

/** A demo person as a signed-in session would present them. */
function signedIn(bank: SeededBank, key: string): SessionUser {
  const demo = DEMO_BANKS.find((candidate) => candidate.id === bank.tenantId)!;
  const person = demo.users.find((candidate) => candidate.key === key)!;
  const user = bank.users[key]!;
  return {
    id: user.id,
    tenantId: bank.tenantId,
    email: user.email,
    name: user.name,
    roles: person.roles as Role[],
    orgUnitIds: (person.units ?? []).map((code) => bank.units[code]!),
    bankName: bank.name,
    sessionId: randomUUID(),
  };
}

/** Work as the schema owner, bound to one bank (row-level security is forced even for the owner). */
function asOwner<T>(bank: SeededBank, work: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<T>) {
  return owner.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.tenant_id', ${bank.tenantId}, true), set_config('app.action', 'test.fixture', true)`;
    return work(tx);
  });
}

const DAY = 24 * 60 * 60 * 1000;

/** An observation of this test's own, inserted as the owner in the state the test needs. */
async function observationAt(
  bank: SeededBank,
  unit: string,
  status: ObservationStatus,
  options: { severity?: Severity; dueInDays?: number | null } = {},
) {
  const dueInDays = options.dueInDays === undefined ? 14 : options.dueInDays;
  const today = istStartOfDay(new Date());
  const issued = ["ISSUED", "RESPONSE", "COMPLIANCE", "CLOSED"].includes(status);
  return asOwner(bank, async (tx) => {
    const { _max } = await tx.observation.aggregate({ where: { tenantId: bank.tenantId }, _max: { number: true } });
    return tx.observation.create({
      data: {
        tenantId: bank.tenantId,
        number: (_max.number ?? 0) + 1,
        title: `Test finding ${randomUUID().slice(0, 8)}`,
        condition: "Cash register not balanced on 3 days.",
        criteria: "Branch operations manual, chapter 4.",
        cause: "No second-person check.",
        effect: "Shortages may go unnoticed.",
        recommendation: "Balance daily under dual control.",
        assessedSeverity: options.severity ?? "MEDIUM",
        severity: options.severity ?? "MEDIUM",
        status,
        orgUnitId: bank.units[unit]!,
        auditArea: "CASH",
        riskCategory: "OPERATIONAL",
        authorId: bank.users.auditor!.id,
        dueDate: issued && dueInDays !== null ? new Date(today.getTime() + dueInDays * DAY) : null,
        issuedAt: issued ? new Date() : null,
        closedAt: status === "CLOSED" ? new Date() : null,
      },
      select: { id: true, number: true, version: true },
    });
  });
}

/** A real multipart request, as a browser sends it: optional `supersedes` first, then the files. */
function uploadRequest(files: { name: string; bytes: Buffer; type?: string }[], supersedes?: string) {
  const form = new FormData();
  if (supersedes) form.append("supersedes", supersedes);
  for (const file of files) form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return new Request("http://localhost/portal/upload", { method: "POST", body: form });
}

async function upload(user: SessionUser, observationId: string, name: string, supersedes?: string) {
  const outcome = await receiveEvidence(user, observationId, uploadRequest([{ name, bytes: fixture(name) }], supersedes), context);
  if (!outcome.ok) throw new Error(`upload of ${name} refused: ${outcome.message}`);
  return outcome.evidence[0]!;
}

async function objectsUnder(bank: SeededBank, observationId: string) {
  const listed = await localS3Client(process.env.S3_ENDPOINT!).send(
    new ListObjectsV2Command({ Bucket: process.env.S3_BUCKET!, Prefix: `${bank.tenantId}/evidence/${observationId}/` }),
  );
  return (listed.Contents ?? []).map((object) => object.Key!);
}

async function expectNotFound(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
}

describe("the portal's list and detail", () => {
  it("lists only the auditee's own branch's observations, from ISSUED on, across pages", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const issued = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const overdue = await observationAt(vetalHill, "KOTH-014", "ISSUED", { dueInDays: -2 });
    const draft = await observationAt(vetalHill, "KOTH-014", "DRAFT");
    const reviewed = await observationAt(vetalHill, "KOTH-014", "REVIEWED");
    const aundh = await observationAt(vetalHill, "AUND-022", "ISSUED");
    const otherBank = await observationAt(sahyadri, "STR-001", "ISSUED");

    const first = await portalObservations(kothrud, 1);
    const pages = Math.ceil(first.total / first.pageSize);
    const rows = [...first.rows];
    for (let page = 2; page <= pages; page++) rows.push(...(await portalObservations(kothrud, page)).rows);
    const ids = rows.map((row) => row.id);

    expect(new Set(ids).size).toBe(first.total);
    expect(ids).toEqual(expect.arrayContaining([issued.id, overdue.id]));
    for (const hidden of [draft, reviewed, aundh, otherBank]) expect(ids).not.toContain(hidden.id);
    for (const row of rows) {
      expect(row.orgUnit.name).toBe("Kothrud Branch");
      expect(["ISSUED", "RESPONSE", "COMPLIANCE", "CLOSED"]).toContain(row.status);
    }
    // Overdue: still waiting for the auditee, and due before today in IST.
    const startOfToday = istStartOfDay(new Date());
    expect(first.overdue).toBe(rows.filter((row) => row.status === "ISSUED" && row.dueDate && row.dueDate < startOfToday).length);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
  });

  it("answers 404 by id for a draft, another branch's, another bank's or a malformed id", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const draft = await observationAt(vetalHill, "KOTH-014", "DRAFT");
    const aundh = await observationAt(vetalHill, "AUND-022", "ISSUED");
    const otherBank = await observationAt(sahyadri, "STR-001", "ISSUED");
    for (const id of [draft.id, aundh.id, otherBank.id, "not-a-uuid", randomUUID()]) await expectNotFound(portalObservation(kothrud, id));

    const mine = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const page = await portalObservation(kothrud, mine.id);
    expect(page.observation).toMatchObject({ id: mine.id, status: "ISSUED", version: 1 });
    expect(page.responses).toEqual([]);
    expect(page.evidence).toEqual([]);
  });
});

describe("receiving evidence from a real multipart request", () => {
  it("stores the object, then the row, then the timeline event", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const bytes = fixture("kyc-register.pdf");

    const outcome = await receiveEvidence(kothrud, observation.id, uploadRequest([{ name: "kyc-register.pdf", bytes, type: "application/pdf" }]), context);
    expect(outcome).toMatchObject({ ok: true, evidence: [{ filename: "kyc-register.pdf", sha256: sha256(bytes), sizeBytes: bytes.length }] });
    const evidenceId = outcome.ok ? outcome.evidence[0]!.id : "";

    const row = await asOwner(vetalHill, (tx) => tx.evidence.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: evidenceId } }));
    expect(row).toMatchObject({
      observationId: observation.id,
      filename: "kyc-register.pdf",
      contentType: "application/pdf",
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      uploadedById: kothrud.id,
      supersedesId: null,
    });
    expect(row.storageKey).toMatch(new RegExp(`^${vetalHill.tenantId}/evidence/${observation.id}/[0-9a-f-]{36}\\.pdf$`));
    expect(await objectsUnder(vetalHill, observation.id)).toEqual([row.storageKey]);
    const object = await localS3Client(process.env.S3_ENDPOINT!).send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET!, Key: row.storageKey }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes)).toBe(true);

    const events = await asOwner(vetalHill, (tx) =>
      tx.observationEvent.findMany({ where: { tenantId: vetalHill.tenantId, observationId: observation.id }, select: { kind: true, actorId: true, details: true } }),
    );
    expect(events).toEqual([
      {
        kind: "evidence-uploaded",
        actorId: kothrud.id,
        details: { evidenceId, filename: "kyc-register.pdf", sha256: sha256(bytes), sizeBytes: bytes.length, supersedesId: null },
      },
    ]);
  });

  it("keeps a Devanagari file name exactly as sent, and stores several files from one request", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const request = uploadRequest([
      { name: "unicode-नाम.pdf", bytes: fixture("unicode-नाम.pdf") },
      { name: "cash-verification.xlsx", bytes: fixture("cash-verification.xlsx") },
      { name: "vault-photo.jpg", bytes: fixture("vault-photo.jpg") },
    ]);
    const outcome = await receiveEvidence(kothrud, observation.id, request, context);
    expect(outcome.ok).toBe(true);
    const listed = await withTenant({ tenantId: vetalHill.tenantId }, (tx) => evidenceOf(tx, vetalHill.tenantId, observation.id));
    expect(listed.map((file) => [file.filename, file.contentType])).toEqual([
      ["unicode-नाम.pdf", "application/pdf"],
      ["cash-verification.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["vault-photo.jpg", "image/jpeg"],
    ]);
    expect(listed[0]!.filename.normalize("NFC")).toBe(listed[0]!.filename);
    expect(await objectsUnder(vetalHill, observation.id)).toHaveLength(3);
  });

  it.each([
    ["invoice.pdf", 415, /Windows program/],
    ["empty.pdf", 415, /empty/],
    ["archive.zip", 415, /archive/],
    ["logo.svg", 415, /XML or SVG|not a recognised/],
    ["macro-report.docm", 415, /macros/],
    ["fake.png", 415, /not a recognised/],
  ])("refuses %s with %i and leaves no row and no object", async (name, status, message) => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const outcome = await receiveEvidence(kothrud, observation.id, uploadRequest([{ name, bytes: fixture(name), type: "application/pdf" }]), context);
    expect(outcome).toMatchObject({ ok: false, status });
    expect(outcome.ok ? "" : outcome.message).toMatch(message);
    const rows = await asOwner(vetalHill, (tx) => tx.evidence.count({ where: { tenantId: vetalHill.tenantId, observationId: observation.id } }));
    expect(rows).toBe(0);
    expect(await objectsUnder(vetalHill, observation.id)).toEqual([]);
  });

  it("refuses a file name that climbs folders, with 400", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const outcome = await receiveEvidence(
      kothrud,
      observation.id,
      uploadRequest([{ name: "..%2F..%2Fetc%2Fpasswd.pdf", bytes: fixture("traversal-name.pdf") }]),
      context,
    );
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    expect(await objectsUnder(vetalHill, observation.id)).toEqual([]);
  });

  it("records that a new upload supersedes an earlier one, and keeps both", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const wrong = await upload(kothrud, observation.id, "scanned-multipage.pdf");
    const right = await upload(kothrud, observation.id, "kyc-register.pdf", wrong.id);

    const { evidence } = await portalObservation(kothrud, observation.id);
    expect(evidence.map((file) => [file.id, file.supersedesId])).toEqual([
      [wrong.id, null],
      [right.id, wrong.id],
    ]);
    expect(await objectsUnder(vetalHill, observation.id)).toHaveLength(2);
  });

  it("takes evidence only from the branch's auditee, and only while the observation is ISSUED", async () => {
    const closed = await observationAt(vetalHill, "KOTH-014", "CLOSED");
    const refused = await receiveEvidence(signedIn(vetalHill, "kothrud"), closed.id, uploadRequest([{ name: "kyc-register.pdf", bytes: fixture("kyc-register.pdf") }]), context);
    expect(refused).toMatchObject({ ok: false, status: 409 });

    const issued = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const other = receiveEvidence(signedIn(vetalHill, "aundh"), issued.id, uploadRequest([{ name: "kyc-register.pdf", bytes: fixture("kyc-register.pdf") }]), context);
    await expectNotFound(other);
    const staff = await receiveEvidence(signedIn(vetalHill, "manager"), issued.id, uploadRequest([{ name: "kyc-register.pdf", bytes: fixture("kyc-register.pdf") }]), context).then(
      () => null,
      (error: unknown) => error,
    );
    expect((staff as Response).status).toBe(403);
    expect(await objectsUnder(vetalHill, closed.id)).toEqual([]);
    expect(await objectsUnder(vetalHill, issued.id)).toEqual([]);
  });
});

describe("responses", () => {
  it("moves ISSUED → RESPONSE with the response, its evidence links and a timeline event; a second response is refused", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const file = await upload(kothrud, observation.id, "kyc-register.pdf");

    const outcome = await submitResponse(
      kothrud,
      observation.id,
      { kind: "COMPLIANCE_ACTION", body: "KYC updated for all 14 accounts.", evidenceIds: [file.id], version: observation.version },
      context,
    );
    expect(outcome.ok).toBe(true);
    const responseId = outcome.ok ? outcome.responseId : "";

    const after = await asOwner(vetalHill, async (tx) => ({
      observation: await tx.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: observation.id }, select: { status: true, version: true } }),
      response: await tx.observationResponse.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: responseId } }),
      links: await tx.responseEvidence.findMany({ where: { tenantId: vetalHill.tenantId, responseId }, select: { evidenceId: true } }),
      events: await tx.observationEvent.findMany({
        where: { tenantId: vetalHill.tenantId, observationId: observation.id, kind: "transition" },
        select: { fromStatus: true, toStatus: true, actorId: true, comment: true, details: true },
      }),
    }));
    expect(after.observation).toEqual({ status: "RESPONSE", version: observation.version + 1 });
    expect(after.response).toMatchObject({
      observationId: observation.id,
      kind: "COMPLIANCE_ACTION",
      body: "KYC updated for all 14 accounts.",
      proposedDueDate: null,
      submittedById: kothrud.id,
    });
    expect(after.links).toEqual([{ evidenceId: file.id }]);
    expect(after.events).toEqual([
      {
        fromStatus: "ISSUED",
        toStatus: "RESPONSE",
        actorId: kothrud.id,
        comment: "Compliance action taken: KYC updated for all 14 accounts.",
        details: { responseId, kind: "COMPLIANCE_ACTION", evidenceIds: [file.id] },
      },
    ]);

    // The portal shows it, with the evidence it relied on.
    const page = await portalObservation(kothrud, observation.id);
    expect(page.responses).toMatchObject([{ id: responseId, kind: "COMPLIANCE_ACTION", submittedBy: { name: "Sunita Pawar" }, evidence: [{ evidenceId: file.id }] }]);

    const again = await submitResponse(
      kothrud,
      observation.id,
      { kind: "CLARIFICATION", body: "One more thing.", evidenceIds: [], version: observation.version + 1 },
      context,
    );
    expect(again).toEqual({ ok: false, status: 400, message: REFUSAL_MESSAGES["wrong-state"] });
    const responses = await asOwner(vetalHill, (tx) => tx.observationResponse.count({ where: { tenantId: vetalHill.tenantId, observationId: observation.id } }));
    expect(responses).toBe(1);
  });

  it("keeps the proposed date of a request for more time", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED", { dueInDays: 3 });
    const proposed = new Date("2027-03-31T00:00:00.000Z");
    const outcome = await submitResponse(
      kothrud,
      observation.id,
      { kind: "EXTENSION_REQUEST", body: "The vendor delivers the new safe in March.", proposedDueDate: proposed, evidenceIds: [], version: 1 },
      context,
    );
    expect(outcome.ok).toBe(true);
    const { responses } = await portalObservation(kothrud, observation.id);
    expect(responses[0]!.proposedDueDate?.toISOString()).toBe(proposed.toISOString());
  });

  it("refuses a compliance action without evidence, another observation's evidence, and a stale version", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const elsewhere = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const foreign = await upload(kothrud, elsewhere.id, "kyc-register.pdf");
    const base = { kind: "COMPLIANCE_ACTION" as const, body: "Done.", version: 1 };

    expect(await submitResponse(kothrud, observation.id, { ...base, evidenceIds: [] }, context)).toMatchObject({ ok: false, status: 400 });
    expect(await submitResponse(kothrud, observation.id, { ...base, evidenceIds: [foreign.id] }, context)).toMatchObject({ ok: false, status: 400 });
    const mine = await upload(kothrud, observation.id, "signed-certificate.png");
    expect(await submitResponse(kothrud, observation.id, { ...base, evidenceIds: [mine.id], version: 7 }, context)).toMatchObject({ ok: false, status: 409 });

    const state = await asOwner(vetalHill, (tx) =>
      tx.observation.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: observation.id }, select: { status: true, version: true } }),
    );
    expect(state).toEqual({ status: "ISSUED", version: 1 });
  });

  it("lets no one but the branch's auditee respond, and takes no response on a closed observation", async () => {
    const closed = await observationAt(vetalHill, "KOTH-014", "CLOSED");
    const body = { kind: "CLARIFICATION" as const, body: "Late words.", evidenceIds: [], version: 1 };
    expect(await submitResponse(signedIn(vetalHill, "kothrud"), closed.id, body, context)).toEqual({
      ok: false,
      status: 400,
      message: REFUSAL_MESSAGES["wrong-state"],
    });
    const issued = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    expect(await submitResponse(signedIn(vetalHill, "manager"), issued.id, body, context)).toMatchObject({ ok: false, status: 400 });
    await expectNotFound(submitResponse(signedIn(vetalHill, "aundh"), issued.id, body, context));
    await expectNotFound(submitResponse(signedIn(sahyadri, "satara"), issued.id, body, context));
  });
});

describe("responses and evidence are append-only", () => {
  it("refuses UPDATE and DELETE of a response, its links and evidence, even for the owner", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const file = await upload(kothrud, observation.id, "kyc-register.pdf");
    const outcome = await submitResponse(kothrud, observation.id, { kind: "COMPLIANCE_ACTION", body: "Done.", evidenceIds: [file.id], version: 1 }, context);
    const responseId = outcome.ok ? outcome.responseId : "";

    const attempts: [string, (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<unknown>][] = [
      ["update response", (tx) => tx.$executeRaw`UPDATE observation_response SET body = 'rewritten' WHERE id = ${responseId}::uuid`],
      ["delete response", (tx) => tx.$executeRaw`DELETE FROM observation_response WHERE id = ${responseId}::uuid`],
      ["delete link", (tx) => tx.$executeRaw`DELETE FROM response_evidence WHERE response_id = ${responseId}::uuid`],
      ["update evidence", (tx) => tx.$executeRaw`UPDATE evidence SET sha256 = 'forged' WHERE id = ${file.id}::uuid`],
      ["delete evidence", (tx) => tx.$executeRaw`DELETE FROM evidence WHERE id = ${file.id}::uuid`],
    ];
    for (const [what, attempt] of attempts) {
      await expect(asOwner(vetalHill, attempt), what).rejects.toThrow(/append-only/);
    }
    // The app's own role has no UPDATE or DELETE grant at all.
    await expect(withTenant({ tenantId: vetalHill.tenantId }, (tx) => tx.$executeRaw`UPDATE evidence SET filename = 'x' WHERE id = ${file.id}::uuid`)).rejects.toThrow(
      /permission denied/,
    );

    const still = await asOwner(vetalHill, async (tx) => ({
      response: await tx.observationResponse.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: responseId }, select: { body: true } }),
      evidence: await tx.evidence.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, id: file.id }, select: { sha256: true } }),
      links: await tx.responseEvidence.count({ where: { tenantId: vetalHill.tenantId, responseId } }),
    }));
    expect(still).toEqual({ response: { body: "Done." }, evidence: { sha256: file.sha256 }, links: 1 });
  });
});

describe("downloading and re-checking evidence", () => {
  it("streams the exact bytes as an attachment with the stored type and nosniff, to the auditee and to staff", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const file = await upload(kothrud, observation.id, "unicode-नाम.pdf");
    const bytes = fixture("unicode-नाम.pdf");

    for (const user of [kothrud, signedIn(vetalHill, "manager"), signedIn(vetalHill, "cae")]) {
      const response = await downloadEvidence(user, file.id);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Content-Length")).toBe(String(bytes.length));
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="unicode-___.pdf"; filename*=UTF-8''${encodeURIComponent("unicode-नाम.pdf")}`,
      );
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it("answers 404 to another branch's auditee, another bank, and a user who may not see observations", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const file = await upload(kothrud, observation.id, "kyc-register.pdf");
    for (const user of [signedIn(vetalHill, "aundh"), signedIn(vetalHill, "admin"), signedIn(sahyadri, "satara"), signedIn(sahyadri, "cae")]) {
      await expectNotFound(downloadEvidence(user, file.id));
      await expectNotFound(recheckEvidence(user, file.id, context));
    }
    await expectNotFound(downloadEvidence(kothrud, "not-a-uuid"));
    await expectNotFound(downloadEvidence(kothrud, randomUUID()));
  });

  it("re-checks the stored bytes against the recorded SHA-256, and records the check", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const file = await upload(kothrud, observation.id, "board-minutes.docx");

    const check = await recheckEvidence(signedIn(vetalHill, "manager"), file.id, context);
    expect(check).toEqual({
      unchanged: true,
      expected: sha256(fixture("board-minutes.docx")),
      actual: sha256(fixture("board-minutes.docx")),
      filename: "board-minutes.docx",
      observationId: observation.id,
    });
    const verified = await asOwner(vetalHill, (tx) =>
      tx.observationEvent.findFirstOrThrow({
        where: { tenantId: vetalHill.tenantId, observationId: observation.id, kind: "evidence-verified" },
        select: { actorId: true, details: true },
      }),
    );
    expect(verified).toMatchObject({ actorId: vetalHill.users.manager!.id, details: { evidenceId: file.id, unchanged: true } });
  });
});

describe("what the staff detail page loads", () => {
  it("gives staff the responses and evidence in bounded queries, and others a 404", async () => {
    const kothrud = signedIn(vetalHill, "kothrud");
    const observation = await observationAt(vetalHill, "KOTH-014", "ISSUED");
    const first = await upload(kothrud, observation.id, "kyc-register.pdf");
    const second = await upload(kothrud, observation.id, "vault-photo.jpg", first.id);
    await submitResponse(kothrud, observation.id, { kind: "COMPLIANCE_ACTION", body: "Done.", evidenceIds: [second.id], version: 1 }, context);

    const { responses, evidence } = await responsesAndEvidence(signedIn(vetalHill, "manager"), observation.id);
    expect(responses).toMatchObject([{ kind: "COMPLIANCE_ACTION", body: "Done.", evidence: [{ evidenceId: second.id }] }]);
    expect(evidence.map((file) => [file.filename, file.supersedesId, file.responses.length])).toEqual([
      ["kyc-register.pdf", null, 0],
      ["vault-photo.jpg", first.id, 1],
    ]);
    await expectNotFound(responsesAndEvidence(signedIn(vetalHill, "aundh"), observation.id));
    await expectNotFound(responsesAndEvidence(signedIn(sahyadri, "cae"), observation.id));
  });

  it("names the response kinds on the pages exactly as the model does", () => {
    expect(pageVocabulary.RESPONSE_KINDS).toEqual(RESPONSE_KINDS);
    expect(pageVocabulary.RESPONSE_KIND_LABELS).toEqual(RESPONSE_KIND_LABELS);
  });
});
