import type { ProcessAnalytics } from "@docket/common";
import { CSV_BOM, csvLine } from "@docket/common/csv";

/** One figure of the analytics page: its rows as the chart, the table and the CSV file all show them. */
export interface AnalyticsTable {
  /** Used for the CSV file's name and the test ids. */
  id: "stages" | "times" | "throughput" | "people";
  title: string;
  hint: string;
  /** The first column names the bars (a stage, a week, a person); a column with a colour is drawn as a series. */
  columns: { key: string; label: string; color?: string }[];
  rows: Record<string, string | number | null>[];
  /** The series stand on each other (parts of a whole) instead of side by side. */
  stacked?: boolean;
}

const HOUR = 3_600_000;
/** Hours with one decimal: the unit people use for stays of hours to weeks. */
export const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);

export function analyticsTables(
  data: ProcessAnalytics,
  t: (key: string) => string,
  nobody: string,
): Record<AnalyticsTable["id"], AnalyticsTable> {
  return {
    stages: {
      id: "stages",
      title: t("analytics.perStage"),
      hint: t("analytics.perStageHint"),
      columns: [
        { key: "stage", label: t("analytics.stage") },
        { key: "items", label: t("analytics.items"), color: "indigo.6" },
        { key: "overdue", label: t("analytics.overdue"), color: "red.7" },
      ],
      rows: data.stages.map((s) => ({ stage: s.name, items: s.items, overdue: s.overdue })),
    },
    times: {
      id: "times",
      title: t("analytics.timeInStage"),
      hint: t("analytics.timeInStageHint"),
      columns: [
        { key: "stage", label: t("analytics.stage") },
        { key: "stays", label: t("analytics.stays") },
        { key: "median", label: t("analytics.medianHours"), color: "teal.7" },
        { key: "p90", label: t("analytics.p90Hours"), color: "orange.7" },
      ],
      rows: data.stages
        .filter((s) => s.semantics === "process")
        .map((s) => ({ stage: s.name, stays: s.stays, median: hours(s.medianMs), p90: hours(s.p90Ms) })),
    },
    throughput: {
      id: "throughput",
      title: t("analytics.throughput"),
      hint: t("analytics.throughputHint"),
      columns: [
        { key: "week", label: t("analytics.week") },
        { key: "succeeded", label: t("analytics.succeeded"), color: "green.7" },
        { key: "failed", label: t("analytics.failed"), color: "red.7" },
      ],
      rows: data.throughput.map((w) => ({ week: w.week, succeeded: w.succeeded, failed: w.failed })),
      stacked: true,
    },
    people: {
      id: "people",
      title: t("analytics.perResponsible"),
      hint: t("analytics.perResponsibleHint"),
      columns: [
        { key: "person", label: t("analytics.responsible") },
        { key: "open", label: t("analytics.open"), color: "indigo.6" },
        { key: "overdue", label: t("analytics.overdue"), color: "red.7" },
        { key: "finished", label: t("analytics.finished"), color: "green.7" },
      ],
      rows: data.responsibles.map((r) => ({
        person: r.userId ? (r.name ?? "—") : nobody,
        open: r.open,
        overdue: r.overdue,
        finished: r.finished,
      })),
    },
  };
}

/** The table as a CSV file (as the registry's export writes them: UTF-8 with BOM, `;`), offered for download. */
export function downloadCsv(table: AnalyticsTable, fileName: string): void {
  const text =
    CSV_BOM +
    csvLine(table.columns.map((c) => c.label)) +
    table.rows.map((row) => csvLine(table.columns.map((c) => row[c.key]))).join("");
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
