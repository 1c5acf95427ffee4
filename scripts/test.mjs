#!/usr/bin/env node
// Runs the server's integration suite on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set.
// Extra arguments go to Vitest (e.g. `npm test -- documents`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
if (!fs.existsSync(path.join(root, "node_modules", "vitest"))) {
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const extra = process.argv.slice(2);
const databases = ["sqlite"];
if (process.env.TEST_DATABASE_URL) databases.push("postgres");
else console.log("TEST_DATABASE_URL is not set: running on SQLite only.");

fs.mkdirSync(path.join(root, ".tmp"), { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
let exitCode = 0;

for (const db of databases) {
  console.log(`\n=== integration suite on ${db} ===`);
  const report = path.join(root, ".tmp", `vitest-${db}.json`);
  fs.rmSync(report, { force: true });
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
    { cwd: path.join(root, "server"), stdio: "inherit", env: { ...process.env, DOCKET_TEST_DB: db } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests + (json.numFailedTestSuites ?? 0),
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } else {
    counts.failed = 1;
  }
  if (run.status !== 0 || counts.passed === 0) exitCode = 1;
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  summary.push(
    `${db}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${run.status !== 0 ? " (exit " + run.status + ")" : ""}`,
  );
}

console.log(`\nDatabases: ${databases.join(", ")}`);
for (const line of summary) console.log(`  ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
