import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

/**
 * Chromium comes from CHROMIUM_PATH, else Playwright's own download if one is
 * installed, else the system's (Debian: apt-get install chromium).
 */
function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, safe(() => chromium.executablePath()), "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Set CHROMIUM_PATH, run `npx playwright install chromium`, " +
        "or install the system's (Debian/Ubuntu: `apt-get install chromium`).",
    );
  }
  return found;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const launchOptions = {
  executablePath: chromiumExecutable(),
  // As root Playwright adds --no-sandbox itself; these keep Chromium from
  // reaching for the network or a GPU the test machine does not have.
  args: ["--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [["list"]],
  timeout: 30_000,
  use: { baseURL, trace: "retain-on-failure", launchOptions },
  projects: [
    { name: "js-on", use: { ...devices["Desktop Chrome"], javaScriptEnabled: true } },
    {
      name: "js-off",
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false },
      // axe is injected JavaScript and hangs with JavaScript disabled.
      testIgnore: /\.a11y\.spec\.ts$/,
    },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/e2e-server.ts",
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
