import { describe, expect, it } from "vitest";
import { VALUE_DISPLAY_LIMIT, describeChange, fieldLabel, renderValue } from "./audit-diff";

const user = {
  id: "5b0e8c1a-2f4d-4e6a-8b9c-0d1e2f3a4b5c",
  name: "Sunita Pawar",
  email: "kothrud@vetalhill.example",
  status: "ACTIVE",
  version: 1,
  tenant_id: "7a1c0f9e-5d2b-4c61-9a3e-0b7d4e2f1a01",
  created_at: "2026-02-09T14:05:06.123+05:30",
  updated_at: "2026-02-09T14:05:06.123+05:30",
  locked_until: null,
  failed_login_count: 0,
};

describe("describeChange", () => {
  it("shows only the fields an update changed, with before and after", () => {
    const after = { ...user, status: "DEACTIVATED", version: 2, updated_at: "2026-02-10T09:00:00+05:30" };
    expect(describeChange(user, after)).toEqual({
      kind: "changed",
      fields: [
        { field: "status", label: "Status", before: "ACTIVE", after: "DEACTIVATED" },
        { field: "version", label: "Version", before: "1", after: "2" },
        { field: "updated_at", label: "Updated at", before: "09 Feb 2026, 14:05:06 IST", after: "10 Feb 2026, 09:00:00 IST" },
      ],
    });
  });

  it("lists every created value for an insert, leaving out the bank's own id", () => {
    const change = describeChange(null, user);
    expect(change.kind).toBe("created");
    expect(change.fields.map((field) => field.field)).toEqual([
      "id",
      "name",
      "email",
      "status",
      "locked_until",
      "failed_login_count",
      "version",
      "created_at",
      "updated_at",
    ]);
    expect(change.fields.every((field) => field.before === null)).toBe(true);
    expect(change.fields.find((field) => field.field === "locked_until")).toMatchObject({ after: "(empty)" });
  });

  it("lists every removed value for a delete", () => {
    const change = describeChange({ tenant_id: "x", user_id: "u-1", role: "AUDITOR", created_at: null }, null);
    expect(change).toEqual({
      kind: "removed",
      fields: [
        { field: "user_id", label: "User id", before: "u-1", after: null },
        { field: "role", label: "Role", before: "AUDITOR", after: null },
        { field: "created_at", label: "Created at", before: "(empty)", after: null },
      ],
    });
  });

  it("shows fields that appear or disappear in an update", () => {
    expect(describeChange({ a: 1 }, { b: 2 }).fields).toEqual([
      { field: "b", label: "B", before: null, after: "2" },
      { field: "a", label: "A", before: "1", after: null },
    ]);
  });

  it("compares nested values by content, not key order", () => {
    expect(describeChange({ roles: ["CAE"], meta: { a: 1, b: [1, 2] } }, { meta: { b: [1, 2], a: 1 }, roles: ["CAE"] }).fields).toEqual([]);
    expect(describeChange({ roles: ["CAE"] }, { roles: ["CAE", "AUDIT_MANAGER"] }).fields).toEqual([
      { field: "roles", label: "Roles", before: "CAE", after: "CAE, AUDIT_MANAGER" },
    ]);
  });

  it("shows a value that is not a row whole", () => {
    expect(describeChange(null, [1, 2])).toEqual({ kind: "created", fields: [{ field: "value", label: "Value", before: null, after: "1, 2" }] });
    expect(describeChange(null, null)).toEqual({ kind: "none", fields: [] });
  });

  it("records a verification's result readably", () => {
    expect(describeChange(null, { ok: true, count: 12345, brokenAt: null }).fields).toEqual([
      { field: "ok", label: "Ok", before: null, after: "yes" },
      { field: "count", label: "Count", before: null, after: "12,345" },
      { field: "brokenAt", label: "Broken at", before: null, after: "(empty)" },
    ]);
  });
});

describe("renderValue", () => {
  it("renders JSON values as a person reads them", () => {
    expect(renderValue(null)).toBe("(empty)");
    expect(renderValue("")).toBe("(empty)");
    expect(renderValue(false)).toBe("no");
    expect(renderValue(1234567)).toBe("12,34,567");
    expect(renderValue([])).toBe("(none)");
    expect(renderValue(["KOTH-014", "AUND-022"])).toBe("KOTH-014, AUND-022");
    expect(renderValue({ a: 1 })).toBe('{"a":1}');
    expect(renderValue([{ a: 1 }])).toBe('[{"a":1}]');
    expect(renderValue("2026-02-08T18:30:00Z")).toBe("09 Feb 2026, 00:00:00 IST");
    // Text that merely starts like a date stays as written.
    expect(renderValue("2026-02-08 is the due date")).toBe("2026-02-08 is the due date");
  });

  it("cuts long values and says how long they were", () => {
    const long = "स".repeat(500);
    const shown = renderValue(long);
    expect(shown.startsWith("स".repeat(VALUE_DISPLAY_LIMIT - 1))).toBe(true);
    expect(shown).toMatch(/… \(500 characters\)$/);
    expect(renderValue("x".repeat(VALUE_DISPLAY_LIMIT))).toBe("x".repeat(VALUE_DISPLAY_LIMIT));
    expect(renderValue({ text: "y".repeat(300) }, 20)).toBe(`${'{"text":"yyyyyyyyyy'}… (311 characters)`);
  });
});

describe("fieldLabel", () => {
  it("turns column names into words", () => {
    expect(fieldLabel("last_sign_in_at")).toBe("Last sign in at");
    expect(fieldLabel("brokenAt")).toBe("Broken at");
    expect(fieldLabel("id")).toBe("Id");
  });
});
