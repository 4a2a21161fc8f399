import { describe, expect, it } from "vitest";
import { NAVIGATION, PERMISSIONS, ROLES, can, navigationFor, permissionsOf } from "./permissions";

describe("permission matrix", () => {
  it("gives administrators the bank's set-up and no audit verification", () => {
    expect(can(["ADMIN"], "user:manage")).toBe(true);
    expect(can(["ADMIN"], "org:manage")).toBe(true);
    expect(can(["ADMIN"], "settings:edit")).toBe(true);
    expect(can(["ADMIN"], "audit-trail:view")).toBe(true);
    expect(can(["ADMIN"], "audit-trail:verify")).toBe(false);
  });

  it("lets the CAE search and verify the audit trail but not manage users", () => {
    expect(can(["CAE"], "audit-trail:view")).toBe(true);
    expect(can(["CAE"], "audit-trail:verify")).toBe(true);
    expect(can(["CAE"], "user:manage")).toBe(false);
  });

  it("gives auditees their portal and nothing else: no administration, no findings list", () => {
    for (const permission of PERMISSIONS) expect(can(["AUDITEE"], permission)).toBe(permission === "portal:use");
  });

  it("keeps the portal to auditees: staff see findings through the findings list", () => {
    for (const role of ROLES) expect(can([role], "portal:use")).toBe(role === "AUDITEE");
  });

  it("unions the permissions of several roles (small banks double up)", () => {
    const union = permissionsOf(["AUDIT_MANAGER", "CAE"]);
    expect(union.has("audit-trail:verify")).toBe(true);
    expect(permissionsOf([]).size).toBe(0);
  });

  it("drives navigation from the same matrix", () => {
    for (const role of ROLES) {
      for (const item of navigationFor([role])) {
        if (item.permission) expect(can([role], item.permission)).toBe(true);
      }
      const hidden = NAVIGATION.filter((item) => !navigationFor([role]).includes(item));
      for (const item of hidden) expect(item.permission && can([role], item.permission)).toBe(false);
    }
    expect(navigationFor(["AUDITEE"]).map((item) => item.to)).toEqual(["/dashboard", "/portal"]);
  });
});
