import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import type { AnalyticsTable } from "./analytics-data";

/** Loaded on demand (React.lazy): the chart library stays out of every other page's download. */
export default function AnalyticsChart({ table }: { table: AnalyticsTable }) {
  const series = table.columns.flatMap((c) => (c.color ? [{ name: c.key, label: c.label, color: c.color }] : []));
  return (
    <BarChart
      h={260}
      data={table.rows}
      dataKey={table.columns[0]!.key}
      type={table.stacked ? "stacked" : "default"}
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      series={series}
      tickLine="y"
    />
  );
}
