/**
 * A tiny sequential test runner: specs call `test(name, fn)`; tests run in file order, a failed step skips the
 * rest of its file (a walk is one story), and the last line is "N passed, N failed".
 */
import { pathToFileURL } from "node:url";
import { closeBrowser, screenshotOpenPages } from "./browser.js";
import { collectTests, type TestCase } from "./test.js";

async function main(): Promise<number> {
  const files: { file: string; tests: TestCase[] }[] = [];
  for (const file of process.argv.slice(2)) {
    files.push({ file, tests: await collectTests(() => import(pathToFileURL(file).href)) });
  }
  let passed = 0;
  let failed = 0;
  for (const { file, tests } of files) {
    console.log(`\n${file.split("/").pop()}`);
    let broken = false;
    for (const t of tests) {
      if (broken) {
        failed++;
        console.log(`  - ${t.name} (skipped: an earlier step failed)`);
        continue;
      }
      const started = Date.now();
      try {
        await t.fn();
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        broken = true;
        await screenshotOpenPages(t.name.replace(/\W+/g, "-").slice(0, 40));
        console.log(`  ✗ ${t.name}`);
        console.log(
          `    ${String(error instanceof Error ? (error.stack ?? error.message) : error).replaceAll("\n", "\n    ")}`,
        );
      }
    }
  }
  await closeBrowser();
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
