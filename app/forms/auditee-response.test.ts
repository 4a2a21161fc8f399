import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { respondSchema } from "./auditee-response";

const EVIDENCE = ["0b0e7f1c-2d3a-4b5c-8d6e-7f8091a2b3c4", "1c1f8a2d-3e4b-4c6d-9e7f-8091a2b3c4d5"];
const schema = respondSchema({ earliestExtensionDate: "2026-03-01" });

/** The form as the browser posts it: repeated names for ticked boxes, strings throughout. */
function posted(fields: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return parseWithZod(form, { schema });
}

const errorsOf = (submission: ReturnType<typeof posted>) => (submission.status === "success" ? {} : (submission.error ?? {}));

describe("the response form", () => {
  it("takes a clarification with words alone", () => {
    const submission = posted([
      ["kind", "CLARIFICATION"],
      ["body", "  The account was closed in January.  "],
      ["version", "4"],
    ]);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ kind: "CLARIFICATION", body: "The account was closed in January.", version: 4 });
  });

  it("needs the kind and the words", () => {
    const errors = errorsOf(posted([["body", "   "], ["version", "4"]]));
    expect(errors.kind).toEqual(["Choose what kind of response this is."]);
    expect(errors.body).toEqual(["Write your response."]);
  });

  it("needs at least one ticked evidence file for a compliance action, and reads one or several ticks as a list", () => {
    expect(errorsOf(posted([["kind", "COMPLIANCE_ACTION"], ["body", "Done."], ["version", "4"]])).evidenceIds).toEqual([
      "Tick at least one evidence file that shows the compliance. Upload it first if it is not listed.",
    ]);
    const one = posted([["kind", "COMPLIANCE_ACTION"], ["body", "Done."], ["evidenceIds", EVIDENCE[0]!], ["version", "4"]]);
    expect(one.status === "success" && one.value.evidenceIds).toEqual([EVIDENCE[0]]);
    const both = posted([["kind", "COMPLIANCE_ACTION"], ["body", "Done."], ...EVIDENCE.map((id): [string, string] => ["evidenceIds", id]), ["version", "4"]]);
    expect(both.status === "success" && both.value.evidenceIds).toEqual(EVIDENCE);
  });

  it("refuses evidence ids that are not ids", () => {
    expect(errorsOf(posted([["kind", "CLARIFICATION"], ["body", "x"], ["evidenceIds", "../etc"], ["version", "4"]]))["evidenceIds[0]"]).toEqual([
      "Choose evidence from the list.",
    ]);
  });

  it("needs a proposed date for more time, after today and after the current due date", () => {
    const base: [string, string][] = [["kind", "EXTENSION_REQUEST"], ["body", "Vendor delay."], ["version", "4"]];
    expect(errorsOf(posted(base)).proposedDueDate).toEqual(["Propose the date by which you will comply."]);
    expect(errorsOf(posted([...base, ["proposedDueDate", "2026-02-28"]])).proposedDueDate).toEqual([
      "Propose a date after today and after the current due date: 01 Mar 2026 or later.",
    ]);
    expect(errorsOf(posted([...base, ["proposedDueDate", "2026-02-30"]])).proposedDueDate).toEqual(["Enter a date such as 2026-02-09."]);
    const ok = posted([...base, ["proposedDueDate", "2026-03-01"]]);
    expect(ok.status === "success" && ok.value.proposedDueDate).toBe("2026-03-01");
  });

  it("does not judge a date sent with another kind of response, and needs the version the page showed", () => {
    const submission = posted([["kind", "CLARIFICATION"], ["body", "x"], ["proposedDueDate", "2020-01-01"], ["version", "7"]]);
    expect(submission.status).toBe("success");
    expect(errorsOf(posted([["kind", "CLARIFICATION"], ["body", "x"]])).version).toEqual(["Reload the page and try again."]);
  });

  it("limits the words to 8,000 characters", () => {
    expect(errorsOf(posted([["kind", "CLARIFICATION"], ["body", "x".repeat(8001)], ["version", "4"]])).body).toEqual(["Use at most 8,000 characters."]);
  });
});
