import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 3310);

// Debian's chromium: Playwright's own browser download cannot work offline.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
  },
  webServer: {
    // A fresh data folder and a production build, so the run tests what users get.
    command: `node node_modules/next/dist/bin/next build && node bin/schema-assistant.mjs dev --prod --port ${PORT} --backend-port ${BACKEND_PORT} --data .data/e2e`,
    url: `http://127.0.0.1:${PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Open sign-up, so each spec's people can make accounts (the first of a run owns the server).
    env: { NEXT_TELEMETRY_DISABLED: "1", LOCAL_AUTH_OPEN_SIGN_UP: "1", LOCAL_AUTH_SIGN_UPS_PER_HOUR: "500" },
  },
});
