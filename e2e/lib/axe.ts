import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const BLOCKING_IMPACTS =
  process.env.E2E_A11Y_ALL === "1" ? ["minor", "moderate", "serious", "critical"] : ["serious", "critical"];

/**
 * axe-core's WCAG 2.1 A/AA rules plus its best practices on the whole page, or only on the elements `include`
 * selects (axe fails when it selects nothing); one line per blocking violation.
 */
export async function blockingViolations(page: Page, label: string, include?: string): Promise<string[]> {
  // Only violations are reported: axe skips the costly details of passed and incomplete checks.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? ""))
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 4)
        .map(
          (node) =>
            `${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.split("\n").slice(1).join("; ").trim()}` : ""}`,
        )
        .join("\n      ");
      return `${label}: ${violation.id} (${violation.impact}, ${violation.nodes.length}×) ${violation.help}\n      ${where}`;
    });
}
