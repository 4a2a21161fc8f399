import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server";

describe("password policy", () => {
  it("accepts a long, uncommon passphrase", () => {
    expect(passwordProblem("river-cabinet-monsoon-41")).toBeNull();
  });

  it("refuses fewer than 12 characters", () => {
    expect(passwordProblem("Sh0rt&Sweet")).toBe("Use at least 12 characters.");
  });

  it("refuses passwords from the common-password list, whatever their case", () => {
    expect(passwordProblem("qwerty123456")).toMatch(/commonly used/);
    expect(passwordProblem("QWERTY123456")).toMatch(/commonly used/);
    expect(passwordProblem("1q2w3e4r5t6y")).toMatch(/commonly used/);
  });

  it("refuses one repeated character and the user's own email name", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeat/);
    expect(passwordProblem("meera.kulkarni-2026", { email: "meera.kulkarni@bank.example" })).toMatch(/email/);
  });

  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("river-cabinet-monsoon-41");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "river-cabinet-monsoon-41")).toBe(true);
    expect(await verifyPassword(hash, "river-cabinet-monsoon-42")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});
