import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 3310);
// Another run on the same machine needs its own ports and data folder (E2E_PORT, E2E_BACKEND_PORT, E2E_DATA).
const DATA = process.env.E2E_DATA ?? ".data/e2e";

// Debian's chromium: Playwright's own browser download cannot work offline.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
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
    // A fresh data folder and a production build, so the run tests what users get. (The folder is emptied here, not
    // in a globalSetup: Playwright starts the web server first, and would delete the data of the running backend.)
    command: `node -e "require('fs').rmSync(process.argv[1], { recursive: true, force: true })" ${DATA} && node node_modules/next/dist/bin/next build && node bin/schema-assistant.mjs dev --prod --port ${PORT} --backend-port ${BACKEND_PORT} --data ${DATA}`,
    url: `http://127.0.0.1:${PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Every spec's people sign up from this one address (e2e/helpers.ts opens sign-up as the server's owner).
    // One batch per scheduled migration step (the default packs up to 1,000 documents in a step): runs then last
    // long enough for migrations.spec.ts to pause one mid-way.
    env: { NEXT_TELEMETRY_DISABLED: "1", LOCAL_AUTH_SIGN_UPS_PER_HOUR: "500", MIGRATION_STEP_DOCUMENTS: "1" },
  },
});
