import { describe, expect, it } from "vitest";
import { assertSameOrigin, clientIp, safeRedirect } from "./request.server";

const post = (headers: Record<string, string>) => new Request("http://localhost:3000/login", { method: "POST", headers });

function status(run: () => void) {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as Response).status;
  }
}

describe("assertSameOrigin", () => {
  it("lets through a post from our own pages", () => {
    expect(status(() => assertSameOrigin(post({ origin: "http://localhost:3000" })))).toBe(200);
    expect(status(() => assertSameOrigin(post({ referer: "http://localhost:3000/login?x=1" })))).toBe(200);
  });

  it("refuses a post from another site, by Origin or, when Origin is missing, by Referer", () => {
    expect(status(() => assertSameOrigin(post({ origin: "https://evil.example" })))).toBe(403);
    expect(status(() => assertSameOrigin(post({ referer: "https://evil.example/page" })))).toBe(403);
    expect(status(() => assertSameOrigin(post({})))).toBe(403);
    expect(status(() => assertSameOrigin(post({ origin: "null" })))).toBe(403);
  });

  it("does not check reads", () => {
    expect(status(() => assertSameOrigin(new Request("http://localhost:3000/", { headers: { origin: "https://evil.example" } })))).toBe(200);
  });
});

describe("clientIp", () => {
  it("takes the address our reverse proxy appended last", () => {
    const request = new Request("http://x/", { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } });
    expect(clientIp(request)).toBe("203.0.113.9");
    expect(clientIp(new Request("http://x/"))).toBe("unknown");
  });
});

describe("safeRedirect", () => {
  it("allows only local paths", () => {
    expect(safeRedirect("/account")).toBe("/account");
    expect(safeRedirect("//evil.example")).toBe("/dashboard");
    expect(safeRedirect("/\\evil.example")).toBe("/dashboard");
    expect(safeRedirect("https://evil.example")).toBe("/dashboard");
    expect(safeRedirect(null)).toBe("/dashboard");
  });
});
