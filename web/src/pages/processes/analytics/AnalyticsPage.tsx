import { Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useProcess, useProcessAnalytics } from "../../../api/processes";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDate } from "../../../lib/format";
import { analyticsTables, downloadCsv, type AnalyticsTable } from "./analytics-data";
import { DayInput } from "../../../components/DayInput";

const AnalyticsChart = lazy(() => import("./AnalyticsChart"));

const DAY = 24 * 3600 * 1000;
const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** `/processes/:id/analytics`: the board's figures over a range of days (default: the last twelve weeks). */
export default function AnalyticsPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = isDate(params.get("from")) ? params.get("from")! : undefined;
  const to = isDate(params.get("to")) ? params.get("to")! : undefined;
  const process = useProcess(id);
  // The "to" day is included: the server's range ends before the next day starts.
  const analytics = useProcessAnalytics(id, {
    from,
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString().slice(0, 10) : undefined,
  });
  const setDay = (key: "from" | "to", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (isDate(value)) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (process.error) return <ErrorAlert error={process.error} />;
  const data = analytics.data;
  const tables = data ? analyticsTables(data, t, t("analytics.nobody")) : null;
  const shownTo = data ? new Date(Date.parse(data.to) - 1).toISOString() : null;

  return (
    <>
      <Anchor component={Link} to={`/processes/${id}`} size="sm">
        ← {process.data?.name ?? t("processes.title")}
      </Anchor>
      <Group justify="space-between" align="flex-end" mt="xs" mb="md">
        <Title order={1} size="h2">
          {t("analytics.title", { name: process.data?.name ?? "" })}
        </Title>
        <Group gap="sm" align="flex-end">
          <DayInput label={t("analytics.from")} value={from ?? ""} onValueChange={(day) => setDay("from", day)} />
          <DayInput label={t("analytics.to")} value={to ?? ""} onValueChange={(day) => setDay("to", day)} />
        </Group>
      </Group>
      {data && (
        <Text size="sm" c="dimmed" mb="md">
          {t("analytics.range", {
            from: formatDate(data.from, i18n.language),
            to: formatDate(shownTo, i18n.language),
          })}
        </Text>
      )}
      <ErrorAlert error={analytics.error} />
      {!tables ? (
        analytics.isPending && <Loader aria-label={t("common.loading")} />
      ) : (
        <div className="analytics-grid">
          {Object.values(tables).map((table) => (
            <Figure key={table.id} table={table} />
          ))}
        </div>
      )}
    </>
  );
}

/** A chart with its numbers: a table under it (for screen readers and for reading exact values) and a CSV download. */
function Figure({ table }: { table: AnalyticsTable }) {
  const { t } = useTranslation();
  const { title, hint } = table;
  const headingId = `analytics-${table.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`analytics-${table.id}`}>
      <Group justify="space-between" mb={4} wrap="nowrap" align="flex-start">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Button
          size="compact-sm"
          variant="light"
          style={{ flexShrink: 0 }} // a title that wraps on a phone must not squeeze the button's label
          onClick={() => downloadCsv(table, `${table.id}.csv`)}
          aria-label={t("analytics.downloadCsvOf", { title })}
        >
          {t("analytics.downloadCsv")}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {hint}
      </Text>
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("analytics.empty")}
        </Text>
      ) : (
        <Stack gap="sm">
          {/* The chart repeats the table below it, so assistive technology reads the table instead. */}
          <div aria-hidden="true" className="analytics-chart">
            <Suspense fallback={<Loader size="sm" />}>
              <AnalyticsChart table={table} />
            </Suspense>
          </div>
          <details>
            <summary className="analytics-table-toggle">{t("analytics.showTable")}</summary>
            <Table.ScrollContainer minWidth={320}>
              <Table striped withTableBorder fz="sm" mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    {table.columns.map((c) => (
                      <Table.Th key={c.key}>{c.label}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {table.rows.map((row, i) => (
                    <Table.Tr key={i}>
                      {table.columns.map((c) => (
                        <Table.Td key={c.key}>{row[c.key] ?? "—"}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </details>
        </Stack>
      )}
    </Paper>
  );
}
