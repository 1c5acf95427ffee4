/**
 * The suite's `test`: @playwright/test with a screenshot of every open page after a failed step, to see what the
 * browser saw. Specs open their own contexts (lib/browser.ts) on the shared `browser`, run their steps in order
 * (`test.describe.configure({ mode: "serial" })`: a failed step skips the rest of its file, a walk is one story).
 */
import { test as base } from "@playwright/test";
import { screenshot } from "./browser.js";

export const test = base.extend<{ screenshotOnFailure: void }>({
  screenshotOnFailure: [
    async ({ browser }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const label = testInfo.title.replace(/\W+/g, "-").slice(0, 40);
      const pages = browser.contexts().flatMap((context) => context.pages());
      for (const [index, page] of pages.entries()) {
        await screenshot(page, `FAILED-${label}-${index}`).catch(() => undefined);
      }
    },
    { auto: true },
  ],
});

export { expect } from "@playwright/test";

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
