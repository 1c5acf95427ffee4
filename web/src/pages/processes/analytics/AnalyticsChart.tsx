import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import type { AnalyticsTable } from "./analytics-data";

/** Loaded on demand (React.lazy): the chart library stays out of every other page's download. */
export default function AnalyticsChart({
  table,
  category,
  series,
  stacked = false,
}: {
  table: AnalyticsTable;
  category: string;
  series: { key: string; color: string }[];
  stacked?: boolean;
}) {
  const labels = new Map(table.columns.map((c) => [c.key, c.label]));
  return (
    <BarChart
      h={260}
      data={table.rows}
      dataKey={category}
      type={stacked ? "stacked" : "default"}
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      series={series.map((s) => ({ name: s.key, label: labels.get(s.key) ?? s.key, color: s.color }))}
      tickLine="y"
    />
  );
}
