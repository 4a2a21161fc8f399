/**
 * Demo findings for the two demo banks: an audit plan over three financial
 * years, and observations in every lifecycle state with the timeline of
 * every step taken, by the people entitled to take it. Each step is checked
 * against the lifecycle's own rules (`transition`), so the demo never shows
 * a history the app itself would refuse.
 *
 * Dates are relative to the day the seed runs, so "overdue" stays true to
 * life: issued findings carry due dates, some already past.
 *
 * Idempotent: a bank that already has observations is left alone, so running
 * the seed again neither fails nor duplicates (timeline entries are
 * append-only and could not be rewritten anyway).
 */
import { randomUUID } from "node:crypto";
import { istToday } from "../app/domain/format.ts";
import {
  type Actor,
  type LifecycleAction,
  type ObservationStatus,
  type Severity,
  closingAuthorityFor,
  escalatedSeverity,
  transition,
} from "../app/domain/lifecycle.ts";
import { type AuditArea, type AuditType, type EngagementStatus, type RiskCategory, financialYearOf } from "../app/domain/observation.ts";
import type { Role } from "../app/domain/permissions.ts";
import type { Prisma, PrismaClient } from "../app/generated/prisma/client.ts";
import { DEMO_BANKS, demoEmail } from "./seed.ts";

type Tx = Prisma.TransactionClient;

/** How an auditee answered (DOMAIN.md, "Auditee portal"). */
type ResponseType = "CLARIFICATION" | "COMPLIANCE_ACTION" | "EXTENSION_REQUEST";

interface PlannedEngagement {
  key: string;
  unit: string;
  auditType: AuditType;
  title: string;
  /** When fieldwork began; decides the plan year. Null: planned, not yet begun. */
  fieldworkDaysAgo: number | null;
  status: EngagementStatus;
  auditors: string[];
}

interface Step {
  action: LifecycleAction;
  /** Days after the previous step (0: later the same day). */
  gap: number;
  comment?: string;
  /** For "issue": the auditee's time to comply, in days from the issue date. */
  dueInDays?: number;
  responseType?: ResponseType;
  /** Who takes the step, when not the usual person (see actorFor). */
  by?: string;
}

interface PlannedFinding {
  /** Only findings that later ones repeat need a key. */
  key?: string;
  unit: string;
  engagement?: string;
  area: AuditArea;
  risk: RiskCategory;
  /** The auditor's assessment; a confirmed repeat escalates it. */
  assessed: Severity;
  title: string;
  condition: string;
  criteria: string;
  cause: string;
  effect: string;
  recommendation: string;
  rbi?: string;
  author: string;
  repeatOf?: string;
  /** When the auditor drafted it. */
  daysAgo: number;
  steps: Step[];
}

// ---------------------------------------------------------------------------
// Journeys through the lifecycle
// ---------------------------------------------------------------------------

const HAPPY_PATH: LifecycleAction[] = ["submit", "approve-review", "issue", "respond", "accept-response", "close"];
const PATH_LENGTH: Record<ObservationStatus, number> = {
  DRAFT: 0,
  SUBMITTED: 1,
  REVIEWED: 2,
  ISSUED: 3,
  RESPONSE: 4,
  COMPLIANCE: 5,
  CLOSED: 6,
};

/** The usual path up to `to`, with the auditee's words and the auditors' where the step needs them. */
function journey(
  to: ObservationStatus,
  options: {
    gaps?: number[];
    due?: number;
    response?: string;
    responseType?: ResponseType;
    verification?: string;
    closing?: string;
  } = {},
): Step[] {
  const gaps = options.gaps ?? [1, 3, 2, 12, 5, 4];
  return HAPPY_PATH.slice(0, PATH_LENGTH[to]).map((action, index) => {
    const step: Step = { action, gap: gaps[index] ?? 2 };
    if (action === "issue") step.dueInDays = options.due ?? 30;
    if (action === "respond") {
      step.comment = options.response ?? "Compliance action taken as recommended; supporting documents submitted.";
      step.responseType = options.responseType ?? "COMPLIANCE_ACTION";
    }
    if (action === "accept-response") step.comment = options.verification ?? "Verified the compliance on site and against the evidence submitted.";
    if (action === "close") step.comment = options.closing ?? "Compliance verified; observation closed.";
    return step;
  });
}

// ---------------------------------------------------------------------------
// Vetal Hill Co-operative Bank: ~40 findings
// ---------------------------------------------------------------------------

const VETAL_HILL_ENGAGEMENTS: PlannedEngagement[] = [
  { key: "koth-fy2", unit: "KOTH-014", auditType: "CONCURRENT", title: "Kothrud Branch — concurrent audit", fieldworkDaysAgo: 705, status: "COMPLETED", auditors: ["auditor"] },
  { key: "koth-fy1", unit: "KOTH-014", auditType: "RBIA", title: "Kothrud Branch — risk-based internal audit", fieldworkDaysAgo: 365, status: "COMPLETED", auditors: ["auditor"] },
  { key: "koth-now", unit: "KOTH-014", auditType: "CONCURRENT", title: "Kothrud Branch — concurrent audit", fieldworkDaysAgo: 48, status: "IN_PROGRESS", auditors: ["auditor", "auditor2"] },
  { key: "aund-fy1", unit: "AUND-022", auditType: "RBIA", title: "Aundh Branch — risk-based internal audit", fieldworkDaysAgo: 330, status: "COMPLETED", auditors: ["auditor"] },
  { key: "aund-now", unit: "AUND-022", auditType: "RBIA", title: "Aundh Branch — risk-based internal audit", fieldworkDaysAgo: 75, status: "IN_PROGRESS", auditors: ["auditor"] },
  { key: "hdps-now", unit: "HDPS-031", auditType: "CONCURRENT", title: "Hadapsar Branch — concurrent audit", fieldworkDaysAgo: 26, status: "IN_PROGRESS", auditors: ["auditor2"] },
  { key: "crd-now", unit: "CRD", auditType: "RBIA", title: "Credit Department — risk-based internal audit", fieldworkDaysAgo: 120, status: "IN_PROGRESS", auditors: ["auditor2"] },
  { key: "it-now", unit: "IT", auditType: "IS_AUDIT", title: "IT Department — information systems audit", fieldworkDaysAgo: 92, status: "IN_PROGRESS", auditors: ["auditor2", "auditor"] },
  { key: "try-fy1", unit: "TRY", auditType: "RBIA", title: "Treasury Department — risk-based internal audit", fieldworkDaysAgo: 250, status: "COMPLETED", auditors: ["auditor2"] },
  { key: "hdps-planned", unit: "HDPS-031", auditType: "RBIA", title: "Hadapsar Branch — risk-based internal audit", fieldworkDaysAgo: null, status: "PLANNED", auditors: ["auditor", "auditor2"] },
];

const CASH_LIMIT_CRITERIA =
  "The bank's Board-approved cash retention policy fixes the branch's retention limit at ₹40 lakh, the sum covered by the cash-in-safe insurance policy.";
const KYC_UPDATION = "MD – Know Your Customer (KYC) Direction, 2016: periodic updation at least every 2 years for high-risk customers";

const VETAL_HILL_FINDINGS: PlannedFinding[] = [
  // --- Kothrud: the cash-retention lapse, three years running -------------
  {
    key: "koth-cash-1",
    unit: "KOTH-014",
    engagement: "koth-fy2",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "MEDIUM",
    title: "Cash in safe exceeded insurance limit on 3 days",
    condition: "Closing cash balance in the branch safe exceeded the retention limit of ₹40 lakh on 3 days in the quarter, the highest being ₹52.6 lakh.",
    criteria: CASH_LIMIT_CRITERIA,
    cause: "Surplus cash was not remitted to the currency chest on days of heavy deposits before holidays.",
    effect: "Cash above the insured sum was uninsured against burglary and fire.",
    recommendation: "Remit surplus cash to the currency chest the same day and record the reason whenever the limit is exceeded.",
    author: "auditor",
    daysAgo: 700,
    steps: journey("CLOSED", {
      due: 30,
      response: "Surplus cash now remitted daily; branch manager reviews the cash position at 3 pm.",
      closing: "No breach in the following quarter's cash registers; closed.",
    }),
  },
  {
    key: "koth-cash-2",
    unit: "KOTH-014",
    engagement: "koth-fy1",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "MEDIUM",
    title: "Cash in safe exceeded insurance limit on 5 days",
    condition: "Closing cash in the safe exceeded the ₹40 lakh retention limit on 5 days between April and June, up to ₹61.2 lakh.",
    criteria: CASH_LIMIT_CRITERIA,
    cause: "The daily remittance agreed after last year's audit lapsed when the cash officer changed.",
    effect: "Uninsured cash held overnight; the earlier compliance has not lasted.",
    recommendation: "Put the 3 pm cash review into the branch's daily checklist and report every breach to the zonal office.",
    author: "auditor",
    repeatOf: "koth-cash-1",
    daysAgo: 360,
    steps: journey("CLOSED", {
      due: 45,
      response: "Daily cash review added to the checklist; breaches now reported to Head Office the same day.",
      closing: "Verified the checklist and cash registers for two months; closed by the Chief Audit Executive.",
    }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "MEDIUM",
    title: "Cash in safe exceeded insurance limit on 7 days",
    condition: "Closing cash in the safe exceeded the ₹40 lakh retention limit on 7 days in the last two months, up to ₹68.9 lakh; no breach was reported to Head Office.",
    criteria: CASH_LIMIT_CRITERIA,
    cause: "The daily checklist is signed without the cash position being checked.",
    effect: "Third year running: uninsured cash and a control that exists only on paper.",
    recommendation: "Raise the insurance cover or remit twice daily; the branch head to certify the cash position each evening.",
    author: "auditor",
    repeatOf: "koth-cash-2",
    daysAgo: 40,
    steps: journey("ISSUED", { due: 30, gaps: [1, 2, 1] }),
  },
  // --- Kothrud, other findings ---------------------------------------------
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "HIGH",
    title: "KYC documents not updated for 14 high-risk accounts",
    condition: "Periodic KYC updation was overdue for 14 of the 52 accounts categorised high-risk, by 3 to 19 months.",
    criteria: KYC_UPDATION,
    cause: "The CBS exception report of KYC due dates is not reviewed by the branch.",
    effect: "Transactions continue in high-risk accounts without current due diligence; regulatory penalty risk.",
    recommendation: "Complete updation for the 14 accounts, restrict debits where customers do not respond, and review the exception report monthly.",
    rbi: KYC_UPDATION,
    author: "auditor",
    daysAgo: 44,
    steps: journey("RESPONSE", {
      gaps: [1, 2, 1, 14],
      due: 45,
      response: "KYC updated for 11 accounts; letters sent to the remaining 3 and debits restricted.",
    }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "DEPOSITS",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Specimen signatures not scanned into CBS for 9 new accounts",
    condition: "Specimen signature cards of 9 savings accounts opened in the quarter were not scanned into the core banking system.",
    criteria: "Branch operations manual: signatures are scanned and verified in CBS before the first withdrawal.",
    cause: "The scanner at the account-opening desk was out of order for two weeks.",
    effect: "Withdrawals could not be verified against a signature on screen.",
    recommendation: "Scan the pending cards and keep a manual register when the scanner is unavailable.",
    author: "auditor2",
    daysAgo: 46,
    steps: journey("CLOSED", {
      gaps: [1, 2, 1, 6, 3, 2],
      due: 21,
      response: "All 9 specimen signatures scanned and verified; manual register started.",
    }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Stock statements not obtained for 6 cash credit accounts",
    condition: "Monthly stock statements were not on file for 6 cash credit accounts for 2 to 4 months; drawing power continued at the old figures.",
    criteria: "Sanction terms: drawing power is computed from the borrower's monthly stock statement.",
    cause: "No follow-up of pending stock statements.",
    effect: "Drawings may exceed the security actually held.",
    recommendation: "Obtain the statements, recompute drawing power and freeze drawings where statements are pending over a month.",
    author: "auditor",
    daysAgo: 42,
    steps: journey("COMPLIANCE", {
      gaps: [1, 1, 1, 10, 4],
      due: 60,
      response: "Statements obtained for all 6 accounts; drawing power recomputed in CBS.",
    }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "CASH",
    risk: "FRAUD",
    assessed: "HIGH",
    title: "Dual custody of strong-room keys not maintained",
    condition: "On the day of the surprise check both keys of the strong room were held by the cash officer, the joint custodian being on leave.",
    criteria: "Bank's cash and valuables policy: the strong room is opened and closed under joint custody of two officers.",
    cause: "No alternate joint custodian was named for periods of leave.",
    effect: "One person had unsupervised access to cash and valuables.",
    recommendation: "Name an alternate custodian by office order and record every handover in the key register.",
    author: "auditor",
    daysAgo: 47,
    steps: journey("ISSUED", { gaps: [1, 1, 1], due: 15 }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-fy1",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "HIGH",
    title: "Cash transactions above ₹10 lakh not reported to FIU-IND for 2 accounts",
    condition: "Two accounts had cash deposits aggregating above ₹10 lakh in a month that were missing from the cash transaction report.",
    criteria: "PMLA rules: cash transactions above ₹10 lakh are reported to FIU-IND in the cash transaction report.",
    cause: "Deposits were split across a savings and a current account of the same customer, which the report logic treated separately.",
    effect: "Under-reporting to FIU-IND; penalty and reputational risk.",
    recommendation: "File the omitted reports and have the CTR logic aggregate all accounts of a customer.",
    rbi: "MD – KYC Direction, 2016: reporting of cash transactions to FIU-IND",
    author: "auditor",
    daysAgo: 355,
    steps: journey("CLOSED", {
      due: 30,
      response: "Omitted reports filed with FIU-IND; IT Department has changed the CTR logic to aggregate by customer id.",
      closing: "Checked the next three monthly CTRs; closed by the Chief Audit Executive.",
    }),
  },
  {
    unit: "KOTH-014",
    engagement: "koth-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "LOW",
    title: "Teller terminal screens not locked when unattended",
    condition: "Two teller terminals were left logged in and unlocked while the tellers were away from their counters.",
    criteria: "Bank's information security policy: screens lock after 5 minutes idle and are locked by the user when leaving.",
    cause: "Automatic screen lock is not configured on the branch terminals.",
    effect: "Transactions could be entered under another user's id.",
    recommendation: "Configure the automatic lock and remind staff of the policy.",
    author: "auditor2",
    daysAgo: 5,
    steps: [],
  },
  // --- Aundh: the gold-loan valuer, twice ------------------------------------
  {
    key: "aund-gold-1",
    unit: "AUND-022",
    engagement: "aund-fy1",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Gold loan valuation by unapproved valuer",
    condition: "Ornaments pledged in 12 gold loans sanctioned in the quarter were valued by a goldsmith not on the bank's approved panel.",
    criteria: "Bank's gold loan policy: ornaments are valued only by a valuer on the Board-approved panel, who certifies purity and weight.",
    cause: "The empanelled valuer was unavailable and the branch engaged a local goldsmith.",
    effect: "Purity and weight not certified by an accountable valuer; risk of spurious gold.",
    recommendation: "Have the 12 pledges revalued by an empanelled valuer; never engage an unlisted one.",
    author: "auditor",
    daysAgo: 325,
    steps: journey("CLOSED", {
      due: 30,
      response: "All 12 pledges revalued by the empanelled valuer; no shortfall found.",
    }),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Gold loans again valued by a valuer not on the approved panel",
    condition: "8 gold loans sanctioned in August and September were valued by the same unlisted goldsmith named in last year's audit.",
    criteria: "Bank's gold loan policy: valuation only by a valuer on the Board-approved panel.",
    cause: "The branch has still only one empanelled valuer, who visits twice a week.",
    effect: "Repeat of last year's finding: pledges without accountable valuation.",
    recommendation: "Empanel a second valuer for the branch and defer disbursement until an empanelled valuer certifies the pledge.",
    author: "auditor",
    repeatOf: "aund-gold-1",
    daysAgo: 70,
    steps: journey("RESPONSE", {
      gaps: [1, 3, 2, 20],
      due: 30,
      response: "Second valuer proposed to Head Office for empanelment; the 8 pledges are being revalued.",
    }),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "HIGH",
    title: "NPA classification delayed beyond 90 days in 4 term loan accounts",
    condition: "Four term loans with instalments overdue for 97 to 140 days were still classified as standard assets at the quarter end.",
    criteria: "MC – IRACP for UCBs: a term loan is an NPA when interest or principal is overdue for more than 90 days.",
    cause: "Part-payments were treated as regularising the accounts although the oldest dues remained unpaid.",
    effect: "NPAs and provisions understated; income recognised on non-performing accounts.",
    recommendation: "Classify the 4 accounts as NPA from the due date, reverse the unrealised interest and make the provision.",
    rbi: "MC – Income Recognition, Asset Classification, Provisioning and Other Related Matters – UCBs (NPA when overdue > 90 days)",
    author: "auditor",
    daysAgo: 68,
    steps: journey("ISSUED", { gaps: [1, 2, 2], due: 21 }),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "DEPOSITS",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Nomination not recorded for 23 term deposit accounts",
    condition: "23 term deposits opened in the half-year had no nomination recorded and no declining letter on file.",
    criteria: "Bank's deposit policy: nomination is offered at account opening and recorded, or the depositor's refusal noted.",
    cause: "The account-opening form's nomination section is optional in the CBS entry screen.",
    effect: "Delay and hardship for families in settling deceased depositors' claims.",
    recommendation: "Contact the depositors for nominations and make the field mandatory in CBS.",
    author: "auditor",
    daysAgo: 66,
    steps: journey("COMPLIANCE", {
      gaps: [1, 2, 1, 18, 6],
      due: 90,
      response: "Nominations obtained for 19 accounts; 4 depositors declined in writing.",
    }),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "PAN or Form 60 not obtained for cash deposits of ₹50,000 and above",
    condition: "In 5 instances cash deposits of ₹50,000 or more were accepted without PAN or Form 60 from the depositor.",
    criteria: "Income-tax rules (Rule 114B): PAN or Form 60 for cash deposits of ₹50,000 and above.",
    cause: "Tellers accepted deposits brought by third parties without asking for the account holder's PAN.",
    effect: "Non-compliance with tax rules; gaps in the bank's AML records.",
    recommendation: "Obtain PAN or Form 60 for the 5 deposits and configure CBS to demand it at the counter.",
    author: "auditor",
    daysAgo: 64,
    steps: [
      ...journey("ISSUED", { gaps: [1, 2, 1], due: 30 }),
      { action: "respond", gap: 8, comment: "Tellers have been instructed.", responseType: "CLARIFICATION" },
      {
        action: "reject-response",
        gap: 3,
        comment: "Instruction alone is not compliance: PAN or Form 60 for the 5 deposits is still not on file.",
      },
      {
        action: "respond",
        gap: 10,
        comment: "PAN obtained for 4 depositors and Form 60 for the fifth; CBS now prompts for PAN above ₹50,000.",
        responseType: "COMPLIANCE_ACTION",
      },
    ],
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Cash balance book not signed by the joint custodian on 4 days",
    condition: "The cash balance book lacked the joint custodian's signature on 4 days of the month.",
    criteria: "Bank's cash and valuables policy: both custodians sign the cash balance book daily.",
    cause: "The joint custodian left before the day's cash was closed.",
    effect: "Daily cash balance not confirmed by two officers.",
    recommendation: "Close cash before the joint custodian leaves or name an alternate.",
    author: "auditor",
    daysAgo: 30,
    steps: journey("SUBMITTED"),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Insurance of hypothecated stock expired in 3 cash credit accounts",
    condition: "Stock insurance policies of 3 cash credit borrowers expired 1 to 3 months ago and were not renewed.",
    criteria: "Sanction terms: hypothecated stock is insured for its full value with the bank's clause, and renewed before expiry.",
    cause: "The branch's insurance expiry register was not kept up to date.",
    effect: "Security uninsured; loss in a fire or theft would fall on the bank.",
    recommendation: "Have the policies renewed or debit the premium to the accounts and renew them.",
    author: "auditor",
    daysAgo: 25,
    steps: journey("REVIEWED"),
  },
  {
    unit: "AUND-022",
    engagement: "aund-fy1",
    area: "HR",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Staff not rotated from the cash counter for over 3 years",
    condition: "Two clerks have worked at the cash counter for over 3 years without rotation.",
    criteria: "Bank's staff rotation policy: staff in sensitive positions are rotated every 3 years.",
    cause: "Shortage of staff trained in cash work at the branch.",
    effect: "Higher risk of undetected irregularities.",
    recommendation: "Rotate the two clerks and train others in cash work.",
    author: "auditor",
    daysAgo: 318,
    steps: journey("CLOSED", { due: 60, response: "Both clerks rotated to the loans desk from 1st of the month." }),
  },
  {
    unit: "AUND-022",
    engagement: "aund-now",
    area: "GOVERNANCE",
    risk: "COMPLIANCE",
    assessed: "LOW",
    title: "Grievance-redressal notice not displayed in the banking hall",
    condition: "The notice naming the branch's grievance-redressal officer and the RBI Ombudsman was not displayed in the banking hall.",
    criteria: "Bank's customer service policy: the grievance-redressal notice is displayed in every branch.",
    cause: "The notice was taken down during repainting and not put back.",
    effect: "Customers do not know whom to approach with complaints.",
    recommendation: "Display the notice again.",
    author: "auditor",
    daysAgo: 72,
    steps: [
      {
        action: "close-during-fieldwork",
        gap: 1,
        comment: "Resolved during fieldwork: the notice was put back up the next day and seen by the auditor on site.",
      },
    ],
  },
  // --- Hadapsar ---------------------------------------------------------------
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "HIGH",
    title: "Loans sanctioned beyond the branch manager's delegated powers in 3 cases",
    condition: "Three personal loans of ₹12 lakh to ₹15 lakh were sanctioned at the branch against a delegated limit of ₹10 lakh.",
    criteria: "Board-approved delegation of loan-sanctioning powers.",
    cause: "The branch manager split the requests across two sanction notes dated the same day.",
    effect: "Loans sanctioned without the appraisal and approval the Board requires.",
    recommendation: "Place the 3 loans before the loan committee for ratification and counsel the branch manager.",
    author: "auditor2",
    daysAgo: 24,
    steps: journey("ISSUED", { gaps: [1, 2, 1], due: 30 }),
  },
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "DEPOSITS",
    risk: "FRAUD",
    assessed: "CRITICAL",
    title: "Blank FDR stationery not under dual control; 12 leaves unaccounted",
    condition: "Blank fixed deposit receipt stationery was kept in an officer's drawer; the stock register does not account for 12 leaves.",
    criteria: "Bank's security stationery policy: blank FDRs are held under dual control and every leaf accounted for.",
    cause: "Stationery issued for the day was not returned to the strong room.",
    effect: "Unaccounted receipts could be used to issue fake deposits.",
    recommendation: "Trace the 12 leaves, report them as lost if not found, and keep stationery under dual control.",
    rbi: "MD – Fraud Risk Management in UCBs, 2024",
    author: "auditor2",
    daysAgo: 22,
    steps: journey("REVIEWED", { gaps: [1, 1] }),
  },
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Risk categorisation not reviewed for 38 current accounts",
    condition: "38 current accounts have not had their customer risk category reviewed since opening, some more than 5 years ago.",
    criteria: "MD – KYC Direction, 2016: risk categorisation of customers is reviewed periodically.",
    cause: "No schedule of reviews at the branch.",
    effect: "High-risk customers may be monitored as low risk.",
    recommendation: "Review the 38 accounts and schedule reviews from the CBS report.",
    author: "auditor2",
    daysAgo: 20,
    steps: journey("SUBMITTED", { gaps: [2] }),
  },
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Soiled notes not segregated and remitted to the currency chest",
    condition: "Soiled and mutilated notes of ₹1.8 lakh were mixed with reissuable notes in the safe.",
    criteria: "Bank's currency management procedure: soiled notes are segregated and remitted to the currency chest each week.",
    cause: "Weekly remittance to the chest was missed for a month.",
    effect: "Soiled notes may be reissued to customers.",
    recommendation: "Segregate and remit the soiled notes and resume weekly remittance.",
    author: "auditor2",
    daysAgo: 4,
    steps: [],
  },
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "MEDIUM",
    title: "Shared user id used at the second teller terminal",
    condition: "Two tellers were using one CBS user id at the second teller terminal.",
    criteria: "Comprehensive Cyber Security Framework for UCBs: every user has an individual id; ids are never shared.",
    cause: "The id of a new teller had not yet been created by the IT Department.",
    effect: "Transactions cannot be traced to the person who entered them.",
    recommendation: "Create the new teller's id and disable sharing.",
    rbi: "Comprehensive Cyber Security Framework for UCBs – A Graded Approach (RBI/2019-20/129)",
    author: "auditor2",
    daysAgo: 21,
    steps: [
      { action: "submit", gap: 1 },
      {
        action: "close-during-fieldwork",
        gap: 2,
        comment: "Resolved during fieldwork: the IT Department created the teller's own id the same day; verified in the CBS user master.",
      },
    ],
  },
  {
    unit: "HDPS-031",
    engagement: "hdps-now",
    area: "ACCOUNTS",
    risk: "OPERATIONAL",
    assessed: "MEDIUM",
    title: "Sundry and suspense entries outstanding for over 90 days",
    condition: "17 entries totalling ₹3.4 lakh in the sundry creditors and suspense accounts are outstanding for over 90 days.",
    criteria: "Bank's accounting manual: entries in sundry and suspense accounts are cleared within 90 days.",
    cause: "Entries are not reviewed monthly.",
    effect: "Possible concealment of irregular entries; balances not supported.",
    recommendation: "Reconcile and clear the 17 entries; review these accounts monthly.",
    author: "auditor2",
    daysAgo: 3,
    steps: [],
  },
  // --- Credit Department -----------------------------------------------------
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "HIGH",
    title: "Exposure to one borrower group exceeded 25% of Tier I capital",
    condition: "The bank's exposure to the Shinde group of companies reached 27.4% of Tier I capital after a fresh term loan.",
    criteria: "MC – Exposure Norms – UCBs: exposure to a group of connected borrowers is capped at 25% of Tier I capital.",
    cause: "Exposure was computed on the previous year's capital figure and excluded non-fund limits.",
    effect: "Breach of a prudential limit; concentration risk.",
    recommendation: "Bring the exposure within the limit and compute exposure on current capital including non-fund limits.",
    rbi: "MC – Exposure Norms and Statutory/Other Restrictions – UCBs (group exposure ≤ 25% of Tier I capital)",
    author: "auditor2",
    daysAgo: 115,
    steps: journey("COMPLIANCE", {
      gaps: [2, 3, 2, 25, 10],
      due: 45,
      response: "Non-fund limit of ₹1.2 crore reduced; exposure now 23.8% of Tier I capital.",
    }),
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Annual review of 11 cash credit limits overdue",
    condition: "11 cash credit limits were not reviewed within 12 months of sanction; 3 are overdue by more than 6 months.",
    criteria: "Bank's loan policy: working capital limits are reviewed annually.",
    cause: "Review notes are pending for want of borrowers' audited financial statements.",
    effect: "Limits continue without assessment of the borrowers' current position.",
    recommendation: "Complete the reviews or reduce limits where financials are not submitted.",
    author: "auditor2",
    daysAgo: 110,
    steps: journey("RESPONSE", {
      gaps: [2, 3, 1, 40],
      due: 30,
      response: "Reviews of 7 limits completed; an extension is sought for 4 pending audited financials.",
      responseType: "EXTENSION_REQUEST",
    }),
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Standard asset provision on CRE loans made at 0.40% instead of 1%",
    condition: "Commercial real estate loans of ₹18.6 crore were provided for at 0.40%, the rate for other loans.",
    criteria: "Standard-asset provisioning for UCBs: commercial real estate 1%.",
    cause: "CRE loans are not flagged separately in the CBS product codes.",
    effect: "Provisions short by about ₹11 lakh; profit overstated.",
    recommendation: "Flag CRE loans in CBS and make good the shortfall this quarter.",
    rbi: "RBI/2023-24/18: standard asset provisioning (CRE 1%)",
    author: "auditor2",
    daysAgo: 105,
    steps: journey("ISSUED", { gaps: [2, 2, 1], due: 30 }),
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "LOW",
    title: "Credit appraisal notes not signed by all loan committee members",
    condition: "Appraisal notes of 5 loans sanctioned by the loan committee bear the signatures of two of the three members.",
    criteria: "Loan committee's terms of reference: sanction notes are signed by every member present.",
    cause: "Notes were circulated after the meeting and not followed up.",
    effect: "Accountability for the sanction is unclear.",
    recommendation: "Obtain the missing signatures and sign notes at the meeting.",
    author: "auditor2",
    daysAgo: 100,
    steps: journey("CLOSED", { gaps: [1, 2, 1, 9, 3, 2], due: 21, response: "Missing signatures obtained on all 5 notes." }),
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "FRAUD",
    assessed: "HIGH",
    title: "Same property mortgaged against two housing loans",
    condition: "A flat at Warje offered as security for a housing loan of ₹42 lakh is also mortgaged for a loan of ₹18 lakh to the seller's relative.",
    criteria: "Bank's loan policy: title search and CERSAI search before creating a mortgage.",
    cause: "The CERSAI search was not done for the second loan.",
    effect: "One loan is effectively unsecured; possible fraud.",
    recommendation: "Examine both loans for fraud and report to the fraud-monitoring committee if confirmed.",
    rbi: "MD – Fraud Risk Management in UCBs, 2024",
    author: "auditor2",
    daysAgo: 35,
    steps: [
      { action: "submit", gap: 1 },
      {
        action: "return-to-draft",
        gap: 2,
        comment: "Please attach the CERSAI search results and name both borrowers' account numbers before this goes further.",
      },
      { action: "submit", gap: 3 },
    ],
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Small value loans below the 50% share of total loans",
    condition: "Small value loans were 43% of total loans at the last quarter end; no plan to reach the required share was put to the Board.",
    criteria: "RBI: small value loans to be at least 50% of total loans by 31 March 2026.",
    cause: "The share is not monitored quarterly.",
    effect: "Non-compliance with RBI's lending norms for UCBs.",
    recommendation: "Report the share to the Board quarterly with a plan to reach 50%.",
    author: "auditor2",
    daysAgo: 2,
    steps: [],
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "FRAUD",
    assessed: "MEDIUM",
    title: "Early-warning signals in large borrower accounts not reviewed",
    condition: "Early-warning signal reports for 9 accounts above ₹1 crore were generated by CBS but not reviewed for three months.",
    criteria: "MD – Fraud Risk Management in UCBs, 2024: early-warning signals are monitored and acted upon.",
    cause: "No officer is assigned to review the reports.",
    effect: "Signs of fraud or stress may go unnoticed.",
    recommendation: "Assign the review and report findings to the fraud-monitoring committee monthly.",
    rbi: "MD – Fraud Risk Management in UCBs, 2024",
    author: "auditor2",
    daysAgo: 95,
    steps: journey("ISSUED", { gaps: [2, 2, 2], due: 90 }),
  },
  // --- Treasury ----------------------------------------------------------------
  {
    unit: "TRY",
    engagement: "try-fy1",
    area: "INVESTMENTS",
    risk: "MARKET",
    assessed: "HIGH",
    title: "Non-SLR investments exceeded 10% of the previous year's deposits",
    condition: "Non-SLR investments stood at 11.3% of total deposits as at the previous 31 March after purchases of corporate bonds.",
    criteria: "MC on Investments by UCBs: non-SLR investments may not exceed 10% of total deposits as on 31 March of the previous year.",
    cause: "The limit was computed on current deposits instead of those at the previous 31 March.",
    effect: "Breach of a prudential limit; market risk above the bank's appetite.",
    recommendation: "Bring the portfolio within the limit and compute it on the prescribed base.",
    rbi: "MC on Investments by Primary (Urban) Co-operative Banks (RBI/2022-23/05)",
    author: "auditor2",
    daysAgo: 245,
    steps: journey("ISSUED", { gaps: [2, 4, 3], due: 60 }),
  },
  {
    unit: "TRY",
    area: "INVESTMENTS",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Deal slips not time-stamped for 6 inter-bank deals",
    condition: "Deal slips of 6 call-money deals in the month carry no time of deal.",
    criteria: "Treasury operations manual: every deal slip is time-stamped by the dealer.",
    cause: "The time-stamping machine is kept in the back office.",
    effect: "Deals cannot be matched to rates prevailing at the time.",
    recommendation: "Keep the time-stamp in the dealing room.",
    author: "auditor2",
    daysAgo: 14,
    steps: journey("REVIEWED", { gaps: [1, 2] }),
  },
  {
    unit: "TRY",
    area: "INVESTMENTS",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Investment transactions not placed before the Board's monthly review",
    condition: "Investment purchases and sales for two months were not placed before the Board.",
    criteria: "Bank's investment policy: the Board reviews investment transactions monthly.",
    cause: "The review note was not prepared while the treasury head was on leave.",
    effect: "The Board did not oversee investment decisions for two months.",
    recommendation: "Place the pending transactions before the next Board meeting.",
    author: "auditor2",
    daysAgo: 12,
    steps: journey("SUBMITTED", { gaps: [1] }),
  },
  {
    unit: "TRY",
    engagement: "try-fy1",
    area: "HR",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Mandatory leave not availed by 2 dealers",
    condition: "Two dealers did not take the mandatory leave of 10 consecutive days in the year.",
    criteria: "Bank's staff policy: staff in sensitive positions take mandatory leave each year.",
    cause: "No substitute dealer was trained.",
    effect: "Irregularities that need the dealer's presence to conceal may go undetected.",
    recommendation: "Train a substitute dealer and enforce the mandatory leave.",
    author: "auditor2",
    daysAgo: 240,
    steps: journey("REVIEWED", { gaps: [2, 3] }),
  },
  // --- IT Department -----------------------------------------------------------
  {
    unit: "IT",
    engagement: "it-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "HIGH",
    title: "Password policy not enforced on CBS terminals",
    condition: "CBS accepts passwords of 6 characters without complexity and does not force a change every 90 days.",
    criteria: "Bank's information security policy: at least 8 characters with complexity, changed every 90 days.",
    cause: "The policy was approved but the CBS parameters were never changed.",
    effect: "Weak passwords expose CBS to unauthorised access.",
    recommendation: "Configure the password parameters in CBS and force a change at next login.",
    rbi: "Comprehensive Cyber Security Framework for UCBs – A Graded Approach (RBI/2019-20/129)",
    author: "auditor2",
    daysAgo: 88,
    steps: journey("ISSUED", { gaps: [2, 3, 1], due: 90 }),
  },
  {
    unit: "IT",
    engagement: "it-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "HIGH",
    title: "Two-factor login to CBS not enabled for branch users",
    condition: "Branch users sign in to CBS with a password alone; two-factor login is enabled only for Head Office administrators.",
    criteria: "Comprehensive Cyber Security Framework for UCBs, Level I: two-factor login to CBS.",
    cause: "The OTP module licence covers only 20 users.",
    effect: "A stolen password is enough to enter transactions.",
    recommendation: "Extend the licence and enable two-factor login for all users.",
    rbi: "Comprehensive Cyber Security Framework for UCBs – A Graded Approach (RBI/2019-20/129), Level I",
    author: "auditor",
    daysAgo: 85,
    steps: journey("REVIEWED", { gaps: [3, 5] }),
  },
  {
    unit: "IT",
    engagement: "it-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "MEDIUM",
    title: "CBS database backups not test-restored in the last 12 months",
    condition: "Daily backups are taken but none has been restored to test it in the last 12 months.",
    criteria: "Bank's business continuity plan: a backup is test-restored every quarter.",
    cause: "No test environment is available for the restore.",
    effect: "Backups may prove unusable when needed.",
    recommendation: "Test-restore a backup every quarter and record the result.",
    author: "auditor2",
    daysAgo: 80,
    steps: journey("SUBMITTED", { gaps: [4] }),
  },
  {
    unit: "IT",
    engagement: "it-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "HIGH",
    title: "User ids of 7 retired staff still active in CBS",
    condition: "CBS user ids of 7 staff who retired in the last year remain active; two were used after the retirement date.",
    criteria: "Bank's access control policy: ids are disabled on the day an employee leaves.",
    cause: "HR does not inform the IT Department of retirements.",
    effect: "Unauthorised access under former employees' ids.",
    recommendation: "Disable the ids, examine the two logins and have HR send exits to IT the same day.",
    author: "auditor2",
    daysAgo: 86,
    steps: journey("ISSUED", { gaps: [1, 2, 1], due: 21 }),
  },
  {
    unit: "IT",
    engagement: "it-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "LOW",
    title: "Antivirus signatures outdated on 5 branch PCs",
    condition: "Antivirus signatures on 5 PCs were more than 30 days old.",
    criteria: "Bank's information security policy: signatures are updated daily.",
    cause: "The PCs were not connected to the update server.",
    effect: "PCs exposed to known malware.",
    recommendation: "Connect the PCs to the update server and monitor the console.",
    author: "auditor",
    daysAgo: 6,
    steps: [],
  },
];

// ---------------------------------------------------------------------------
// Sahyadri Nagari Sahakari Bank: ~15 findings
// ---------------------------------------------------------------------------

const SAHYADRI_ENGAGEMENTS: PlannedEngagement[] = [
  { key: "str-fy1", unit: "STR-001", auditType: "RBIA", title: "Satara Main Branch — risk-based internal audit", fieldworkDaysAgo: 335, status: "COMPLETED", auditors: ["auditor"] },
  { key: "str-now", unit: "STR-001", auditType: "CONCURRENT", title: "Satara Main Branch — concurrent audit", fieldworkDaysAgo: 55, status: "IN_PROGRESS", auditors: ["auditor"] },
  { key: "krd-now", unit: "KRD-004", auditType: "RBIA", title: "Karad Branch — risk-based internal audit", fieldworkDaysAgo: 32, status: "IN_PROGRESS", auditors: ["auditor"] },
  { key: "crd-now", unit: "CRD", auditType: "RBIA", title: "Credit Department — risk-based internal audit", fieldworkDaysAgo: 100, status: "IN_PROGRESS", auditors: ["auditor"] },
  { key: "krd-planned", unit: "KRD-004", auditType: "CONCURRENT", title: "Karad Branch — concurrent audit", fieldworkDaysAgo: null, status: "PLANNED", auditors: ["auditor"] },
];

const SAHYADRI_FINDINGS: PlannedFinding[] = [
  {
    key: "str-kyc-1",
    unit: "STR-001",
    engagement: "str-fy1",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "KYC not updated for 9 high-risk accounts",
    condition: "Periodic KYC updation was overdue for 9 high-risk accounts by 2 to 11 months.",
    criteria: KYC_UPDATION,
    cause: "KYC due dates are not tracked at the branch.",
    effect: "High-risk accounts operated without current due diligence.",
    recommendation: "Update KYC for the 9 accounts and track due dates from the CBS report.",
    rbi: KYC_UPDATION,
    author: "auditor",
    daysAgo: 330,
    steps: journey("CLOSED", { due: 45, response: "KYC updated for all 9 accounts; due-date report reviewed monthly." }),
  },
  {
    unit: "STR-001",
    engagement: "str-now",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "KYC periodic updation pending for 21 high-risk accounts",
    condition: "KYC updation is overdue for 21 high-risk accounts, 6 of them among those reported last year.",
    criteria: KYC_UPDATION,
    cause: "The monthly review agreed last year stopped after two months.",
    effect: "Repeat finding; due diligence gaps in high-risk accounts.",
    recommendation: "Update KYC for the 21 accounts and restrict debits where customers do not respond within 30 days.",
    rbi: KYC_UPDATION,
    author: "auditor",
    repeatOf: "str-kyc-1",
    daysAgo: 52,
    steps: journey("ISSUED", { gaps: [1, 2, 1], due: 30 }),
  },
  {
    unit: "STR-001",
    engagement: "str-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Cash balance certificate not signed by the joint custodian on 6 days",
    condition: "The daily cash balance certificate lacked the joint custodian's signature on 6 days.",
    criteria: "Bank's cash management procedure: both custodians sign the daily cash balance certificate.",
    cause: "The joint custodian also handles clearing and leaves for the clearing house.",
    effect: "Daily cash not confirmed by two officers.",
    recommendation: "Name an alternate custodian for clearing days.",
    author: "auditor",
    daysAgo: 50,
    steps: journey("RESPONSE", { gaps: [1, 2, 1, 12], due: 30, response: "Alternate custodian named by office order; certificates now signed daily." }),
  },
  {
    unit: "STR-001",
    engagement: "str-now",
    area: "DEPOSITS",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Unclaimed deposits over 10 years not transferred to the DEA Fund",
    condition: "14 accounts inoperative for over 10 years, with balances of ₹2.7 lakh, were not transferred to the Depositor Education and Awareness Fund.",
    criteria: "RBI's DEA Fund scheme: unclaimed deposits of 10 years and more are transferred to the Fund.",
    cause: "The yearly CBS run for unclaimed deposits was not taken.",
    effect: "Regulatory non-compliance.",
    recommendation: "Transfer the balances and schedule the yearly run.",
    author: "auditor",
    daysAgo: 48,
    steps: journey("COMPLIANCE", { gaps: [1, 2, 1, 10, 5], due: 60, response: "Balances of the 14 accounts transferred to the DEA Fund; challan attached." }),
  },
  {
    unit: "STR-001",
    engagement: "str-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "HIGH",
    title: "Gold loans renewed without fresh valuation in 17 accounts",
    condition: "17 gold loans were renewed on maturity without revaluing the ornaments, although gold prices have moved by over 20%.",
    criteria: "Bank's gold loan policy: ornaments are revalued by an approved valuer at every renewal.",
    cause: "Renewals are processed at the counter without calling the valuer.",
    effect: "Loan-to-value may exceed the permitted margin.",
    recommendation: "Revalue the 17 pledges and make revaluation a step in the CBS renewal screen.",
    author: "auditor",
    daysAgo: 46,
    steps: journey("RESPONSE", { gaps: [1, 2, 1, 15], due: 45, response: "Revaluation of 12 pledges done; remaining 5 borrowers called to the branch." }),
  },
  {
    unit: "STR-001",
    engagement: "str-fy1",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "LOW",
    title: "Loan documents not stamped as per the Maharashtra Stamp Act in 4 cases",
    condition: "Hypothecation agreements of 4 loans were executed on unstamped paper.",
    criteria: "Maharashtra Stamp Act: loan documents are stamped at the prescribed rates.",
    cause: "Franking was not done before execution.",
    effect: "Documents may be inadmissible in recovery proceedings.",
    recommendation: "Get the documents adjudicated and stamped.",
    author: "auditor",
    daysAgo: 326,
    steps: journey("CLOSED", { due: 60, response: "Documents adjudicated and stamp duty paid for all 4 loans." }),
  },
  {
    unit: "STR-001",
    engagement: "str-now",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "MEDIUM",
    title: "CBS terminals left logged in during lunch hours",
    condition: "Three CBS terminals stayed logged in and unattended during the lunch break.",
    criteria: "Bank's information security policy: users lock or log out of terminals when leaving them.",
    cause: "Automatic screen lock is not configured.",
    effect: "Transactions could be entered under another user's id.",
    recommendation: "Configure the automatic lock on all terminals.",
    author: "auditor",
    daysAgo: 44,
    steps: journey("COMPLIANCE", { gaps: [1, 2, 1, 8, 4], due: 60, response: "Automatic lock after 5 minutes configured on all branch terminals." }),
  },
  {
    unit: "KRD-004",
    engagement: "krd-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "HIGH",
    title: "NPA classification delayed beyond 90 days for 6 crop and MSME loans",
    condition: "Six loans overdue for more than 90 days were classified as standard at the quarter end.",
    criteria: "MC – IRACP for UCBs: a loan is an NPA when interest or principal is overdue for more than 90 days.",
    cause: "Overdue computation in CBS is reset by part-payments.",
    effect: "NPAs and provisions understated.",
    recommendation: "Classify the 6 loans as NPA and have the CBS vendor correct the overdue computation.",
    rbi: "MC – Income Recognition, Asset Classification, Provisioning and Other Related Matters – UCBs",
    author: "auditor",
    daysAgo: 28,
    steps: journey("ISSUED", { gaps: [1, 2, 1], due: 45 }),
  },
  {
    unit: "KRD-004",
    engagement: "krd-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "MEDIUM",
    title: "Cash in safe exceeded insurance limit on 4 days",
    condition: "Closing cash exceeded the insured limit of ₹25 lakh on 4 days in the month.",
    criteria: "Bank's cash retention policy: branch cash is kept within the insured limit.",
    cause: "Remittance to the district central co-operative bank is made only twice a week.",
    effect: "Uninsured cash held overnight.",
    recommendation: "Remit surplus cash daily or raise the insurance cover.",
    author: "auditor",
    daysAgo: 26,
    steps: journey("REVIEWED", { gaps: [1, 2] }),
  },
  {
    unit: "KRD-004",
    engagement: "krd-now",
    area: "KYC_AML",
    risk: "COMPLIANCE",
    assessed: "LOW",
    title: "Customer photographs missing in 11 savings accounts",
    condition: "11 savings accounts opened this year have no customer photograph in CBS.",
    criteria: "MD – KYC Direction, 2016: a recent photograph is obtained at account opening.",
    cause: "Photographs were collected on paper and not scanned.",
    effect: "Incomplete KYC records.",
    recommendation: "Scan the photographs into CBS.",
    author: "auditor",
    daysAgo: 24,
    steps: journey("SUBMITTED", { gaps: [2] }),
  },
  {
    unit: "KRD-004",
    engagement: "krd-now",
    area: "DEPOSITS",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Term deposit receipts register not reconciled with CBS",
    condition: "The register of term deposit receipts issued has not been reconciled with CBS for four months.",
    criteria: "Branch operations manual: the receipts register is reconciled with CBS every month.",
    cause: "Staff shortage at the branch.",
    effect: "Receipts issued without a deposit in CBS would go unnoticed.",
    recommendation: "Reconcile the register and keep the reconciliation monthly.",
    author: "auditor",
    daysAgo: 3,
    steps: [],
  },
  {
    unit: "KRD-004",
    engagement: "krd-now",
    area: "CASH",
    risk: "OPERATIONAL",
    assessed: "LOW",
    title: "Strong-room key register not written up since 1 October",
    condition: "The key register of the strong room had no entries since 1 October.",
    criteria: "Bank's cash and valuables policy: every opening and closing of the strong room is recorded in the key register.",
    cause: "The register was misplaced during the branch's shifting of furniture.",
    effect: "No record of who held the keys.",
    recommendation: "Write up the register from the branch's attendance records.",
    author: "auditor",
    daysAgo: 30,
    steps: [
      {
        action: "close-during-fieldwork",
        gap: 2,
        comment: "Resolved during fieldwork: the register was found and written up from attendance records; checked by the auditor.",
      },
    ],
  },
  {
    unit: "KRD-004",
    area: "IT",
    risk: "IT_CYBER",
    assessed: "MEDIUM",
    title: "Two-factor login to CBS not enabled at Karad branch",
    condition: "Karad branch users sign in to CBS with a password alone.",
    criteria: "Comprehensive Cyber Security Framework for UCBs, Level I: two-factor login to CBS.",
    cause: "OTP tokens have not been issued to the branch.",
    effect: "A stolen password is enough to enter transactions.",
    recommendation: "Issue OTP tokens and enable two-factor login.",
    rbi: "Comprehensive Cyber Security Framework for UCBs – A Graded Approach (RBI/2019-20/129), Level I",
    author: "auditor",
    daysAgo: 2,
    steps: [],
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "CREDIT",
    assessed: "MEDIUM",
    title: "Sanction conditions not met before disbursement in 5 term loans",
    condition: "In 5 term loans the disbursement was made before the borrower's margin was brought in, a condition of the sanction.",
    criteria: "Sanction letters: disbursement after the borrower's margin is credited to the loan account.",
    cause: "Disbursement checklists are not used.",
    effect: "The bank financed more than the sanctioned share of the project.",
    recommendation: "Obtain the margin and use a pre-disbursement checklist.",
    author: "auditor",
    daysAgo: 20,
    steps: journey("SUBMITTED", { gaps: [3] }),
  },
  {
    unit: "CRD",
    engagement: "crd-now",
    area: "ADVANCES",
    risk: "COMPLIANCE",
    assessed: "MEDIUM",
    title: "Penal charges capitalised in 8 loan accounts",
    condition: "Penal charges on 8 overdue loans were debited to the loan accounts and interest charged on them.",
    criteria: "MC – IRACP for UCBs: penal charges are not capitalised.",
    cause: "The CBS parameter for penal charges posts them to the loan account.",
    effect: "Borrowers overcharged; non-compliance.",
    recommendation: "Reverse the interest on penal charges and change the CBS parameter.",
    rbi: "MC – Income Recognition, Asset Classification, Provisioning and Other Related Matters – UCBs",
    author: "auditor",
    daysAgo: 95,
    steps: journey("ISSUED", { gaps: [2, 3, 2], due: 30 }),
  },
];

const PLANS: Record<string, { engagements: PlannedEngagement[]; findings: PlannedFinding[] }> = {
  "vetal-hill": { engagements: VETAL_HILL_ENGAGEMENTS, findings: VETAL_HILL_FINDINGS },
  "sahyadri-nagari": { engagements: SAHYADRI_ENGAGEMENTS, findings: SAHYADRI_FINDINGS },
};

// ---------------------------------------------------------------------------
// Writing it
// ---------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;

/** The IST calendar day `days` before `now`'s, as YYYY-MM-DD. */
function istDaysBefore(now: Date, days: number) {
  return new Date(new Date(`${istToday(now)}T00:00:00Z`).getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number) {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** An instant during office hours on an IST day: 10:30 plus `minutes`. */
function officeTime(isoDate: string, minutes: number) {
  return new Date(new Date(`${isoDate}T10:30:00+05:30`).getTime() + minutes * 60 * 1000);
}

/** A `date` column's value for a calendar day. */
const calendarDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

interface Person {
  id: string;
  key: string;
  roles: Role[];
  orgUnitCodes: string[];
}

interface BankPeople {
  byKey(key: string): Person;
  withRole(role: Role): Person;
  auditeeOf(unitCode: string): Person;
}

function peopleOf(bank: (typeof DEMO_BANKS)[number], ids: Map<string, string>): BankPeople {
  const people: Person[] = bank.users.map((user) => ({
    id: ids.get(demoEmail(bank, user.key))!,
    key: user.key,
    roles: user.roles,
    orgUnitCodes: user.units ?? [],
  }));
  const find = (test: (person: Person) => boolean, what: string) => {
    const person = people.find(test);
    if (!person) throw new Error(`Demo seed: ${bank.name} has no ${what}.`);
    return person;
  };
  return {
    byKey: (key) => find((person) => person.key === key, `user "${key}"`),
    withRole: (role) => find((person) => person.roles.includes(role), `${role}`),
    auditeeOf: (code) => find((person) => person.roles.includes("AUDITEE") && person.orgUnitCodes.includes(code), `auditee for ${code}`),
  };
}

/** Who usually takes a step: the author submits, a manager reviews, the branch answers, severity decides who closes. */
function actorFor(step: Step, finding: PlannedFinding, severity: Severity, people: BankPeople): Person {
  if (step.by) return people.byKey(step.by);
  switch (step.action) {
    case "submit":
    case "accept-response":
    case "reject-response":
      return people.byKey(finding.author);
    case "respond":
      return people.auditeeOf(finding.unit);
    case "close":
      return people.withRole(closingAuthorityFor(severity));
    default:
      return people.withRole("AUDIT_MANAGER");
  }
}

/** The audited period an engagement covers: the months before its fieldwork. */
function auditPeriod(engagement: PlannedEngagement, now: Date) {
  if (engagement.fieldworkDaysAgo === null) {
    // Planned, not yet begun: it covers the current financial year.
    const planYear = financialYearOf(calendarDate(istToday(now)));
    const startYear = Number(planYear.slice(0, 4));
    return { start: `${startYear}-04-01`, end: `${startYear + 1}-03-31`, planYear };
  }
  // Whole months up to the end of the month before fieldwork began.
  const fieldwork = istDaysBefore(now, engagement.fieldworkDaysAgo);
  const months = { CONCURRENT: 3, RBIA: 12, IS_AUDIT: 6, STATUTORY: 12 }[engagement.auditType];
  const [year, month] = fieldwork.split("-").map(Number) as [number, number];
  const end = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  const start = new Date(Date.UTC(year, month - 1 - months, 1)).toISOString().slice(0, 10);
  return { start, end, planYear: financialYearOf(calendarDate(fieldwork)) };
}

interface SeededObservation {
  id: string;
  number: number;
  repeatOccurrence: number;
}

async function seedBank(tx: Tx, bank: (typeof DEMO_BANKS)[number], now: Date) {
  const plan = PLANS[bank.slug];
  if (!plan) return { skipped: true, observations: 0 };
  const tenantId = bank.id;
  if ((await tx.observation.count({ where: { tenantId } })) > 0) return { skipped: true, observations: 0 };

  const units = await tx.orgUnit.findMany({ where: { tenantId }, select: { id: true, code: true } });
  const unitId = (code: string) => {
    const unit = units.find((candidate) => candidate.code === code);
    if (!unit) throw new Error(`Demo seed: ${bank.name} has no unit ${code}.`);
    return unit.id;
  };
  const users = await tx.user.findMany({ where: { tenantId }, select: { id: true, email: true } });
  const people = peopleOf(bank, new Map(users.map((user) => [user.email, user.id])));

  const engagementIds = new Map<string, string>();
  for (const engagement of plan.engagements) {
    const period = auditPeriod(engagement, now);
    const created = await tx.engagement.create({
      data: {
        tenantId,
        planYear: period.planYear,
        title: engagement.title,
        orgUnitId: unitId(engagement.unit),
        auditType: engagement.auditType,
        periodStart: calendarDate(period.start),
        periodEnd: calendarDate(period.end),
        status: engagement.status,
        auditors: { create: engagement.auditors.map((key) => ({ userId: people.byKey(key).id })) },
      },
      select: { id: true },
    });
    engagementIds.set(engagement.key, created.id);
  }

  // Numbers run in the order findings were drafted, as they would have been.
  const findings = [...plan.findings].sort((a, b) => b.daysAgo - a.daysAgo);
  const seeded = new Map<string, SeededObservation>();
  const observations: Prisma.ObservationCreateManyInput[] = [];
  const events: Prisma.ObservationEventCreateManyInput[] = [];

  findings.forEach((finding, index) => {
    const id = randomUUID();
    const number = index + 1;
    const author = people.byKey(finding.author);
    const draftedOn = istDaysBefore(now, finding.daysAgo);
    const createdAt = officeTime(draftedOn, 0);
    let minutes = 0;
    let lastAt = createdAt;
    let version = 1;
    events.push({ tenantId, observationId: id, at: createdAt, actorId: author.id, kind: "created", toStatus: "DRAFT" });

    // A confirmed repeat links to the earlier finding and escalates along the chain.
    let repeatOfId: string | null = null;
    let repeatOccurrence = 1;
    let severity = finding.assessed;
    if (finding.repeatOf) {
      const earlier = seeded.get(finding.repeatOf);
      if (!earlier) throw new Error(`Demo seed: "${finding.title}" repeats "${finding.repeatOf}", which is not drafted earlier.`);
      repeatOfId = earlier.id;
      repeatOccurrence = earlier.repeatOccurrence + 1;
      severity = escalatedSeverity(finding.assessed, repeatOccurrence);
      minutes += 20;
      lastAt = officeTime(draftedOn, minutes);
      version += 1;
      events.push({
        tenantId,
        observationId: id,
        at: lastAt,
        actorId: author.id,
        kind: "repeat-confirmed",
        // The same details the app records when an auditor confirms a repeat.
        details: { repeatOf: earlier.id, repeatOfNumber: earlier.number, occurrence: repeatOccurrence, from: finding.assessed, to: severity },
      });
    }

    let status: ObservationStatus = "DRAFT";
    let day = draftedOn;
    let daysSoFar = 0;
    let dueDate: string | null = null;
    let issuedAt: Date | null = null;
    let closedAt: Date | null = null;
    let closureRationale: string | null = null;
    let closedDuringFieldwork = false;

    for (const step of finding.steps) {
      daysSoFar += step.gap;
      if (daysSoFar >= finding.daysAgo) {
        throw new Error(`Demo seed: the steps of "${finding.title}" run past today; draft it earlier or shorten the gaps.`);
      }
      day = addDays(day, step.gap);
      minutes = step.gap === 0 ? minutes + 45 : 0;
      const at = officeTime(day, minutes + 30);
      const actor = actorFor(step, finding, severity, people);
      const stepDue = step.dueInDays === undefined ? null : addDays(day, step.dueInDays);
      // The lifecycle's own rules decide whether this person may take this step now.
      const lifecycleActor: Actor = { id: actor.id, roles: actor.roles, orgUnitIds: actor.orgUnitCodes.map(unitId) };
      const outcome = transition(
        { status, severity, authorId: author.id, orgUnitId: unitId(finding.unit) },
        lifecycleActor,
        step.action,
        { comment: step.comment, dueDate: stepDue ? calendarDate(stepDue) : null },
      );
      if (!outcome.ok) {
        throw new Error(`Demo seed: "${finding.title}": ${step.action} by ${actor.key} is refused (${outcome.refusal}).`);
      }
      const details: Record<string, string> = { action: step.action };
      if (stepDue) details.dueDate = stepDue;
      if (step.responseType) details.kind = step.responseType;
      events.push({
        tenantId,
        observationId: id,
        at,
        actorId: actor.id,
        kind: "transition",
        fromStatus: outcome.from,
        toStatus: outcome.to,
        comment: step.comment ?? null,
        details,
      });
      status = outcome.to;
      version += 1;
      lastAt = at;
      if (step.action === "issue") {
        dueDate = stepDue;
        issuedAt = at;
      }
      if (outcome.to === "CLOSED") {
        closedAt = at;
        closedDuringFieldwork = outcome.closedDuringFieldwork;
        if (outcome.closedDuringFieldwork) closureRationale = step.comment ?? null;
      }
    }

    observations.push({
      tenantId,
      id,
      number,
      title: finding.title,
      condition: finding.condition,
      criteria: finding.criteria,
      cause: finding.cause,
      effect: finding.effect,
      recommendation: finding.recommendation,
      assessedSeverity: finding.assessed,
      severity,
      status,
      orgUnitId: unitId(finding.unit),
      auditArea: finding.area,
      riskCategory: finding.risk,
      rbiReferences: finding.rbi ?? "",
      engagementId: finding.engagement ? (engagementIds.get(finding.engagement) ?? null) : null,
      proposedDueDate: dueDate ? calendarDate(dueDate) : null,
      dueDate: dueDate ? calendarDate(dueDate) : null,
      authorId: author.id,
      repeatOfId,
      repeatOccurrence,
      closedDuringFieldwork,
      closureRationale,
      issuedAt,
      closedAt,
      version,
      createdAt,
      updatedAt: lastAt,
    });
    if (finding.key) seeded.set(finding.key, { id, number, repeatOccurrence });
  });

  // Two statements per bank: earlier findings first, since repeats refer to them.
  await tx.observation.createMany({ data: observations });
  await tx.observationEvent.createMany({ data: events });
  return { skipped: false, observations: observations.length };
}

/**
 * Seeds the demo banks' audit plans and findings (after `seedDemo` has
 * created the banks, their units and people). Runs as the owner, one
 * transaction per bank bound to it with set_config, like seedDemo.
 */
export async function seedObservations(prisma: PrismaClient, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const results: { bank: string; skipped: boolean; observations: number }[] = [];
  for (const bank of DEMO_BANKS) {
    const result = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${bank.id}, true), set_config('app.action', 'demo.seed', true)`;
      return seedBank(tx, bank, now);
    });
    results.push({ bank: bank.name, ...result });
  }
  return results;
}
