/**
 * Browser suite: @playwright/test drives Debian's Chromium (never a downloaded browser) against one real server
 * (compiled build, fresh temp data dir, free port) started once by global-setup.ts, which builds when needed.
 */
import { defineConfig } from "@playwright/test";
import fs from "node:fs";

const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  globalSetup: "./lib/global-setup.ts",
  // Specs share one server; a spec is one story whose steps run in order (each file sets mode "serial").
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "../.tmp/e2e-results",
  reporter: [["list"], ["./lib/summary-reporter.ts"]],
  use: {
    browserName: "chromium",
    headless: true,
    locale: "ru-RU",
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: chromium ?? "/usr/bin/chromium",
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
  },
});
