/**
 * Prints the suite's closing line "N passed, N failed[, N skipped]" that CI reads, and fails a run in which no
 * test passed (a browser suite that ran nothing must not look green).
 */
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== "passed" && result.retry < test.retries) return; // it will run again
    if (result.status === "passed") this.passed++;
    else if (result.status === "skipped")
      this.skipped++; // includes the steps after a failed one in a serial spec
    else this.failed++;
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    const failed = this.failed + (result.status !== "passed" && this.failed === 0 ? 1 : 0);
    console.log(`\n${this.passed} passed, ${failed} failed${this.skipped ? `, ${this.skipped} skipped` : ""}`);
    return this.passed === 0 ? { status: "failed" } : undefined;
  }

  printsToStdio(): boolean {
    return false;
  }
}
