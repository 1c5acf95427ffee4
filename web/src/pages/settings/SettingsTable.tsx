import { Button, Paper, Table, Text } from "@mantine/core";
import { Children, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TableHead } from "../../components/TableHead";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageHeader } from "../../components/PageHeader";

/** The frame of a settings list: title, its "new" button, a load error, and a table of rows ending in an edit cell. */
export function SettingsTable(props: {
  title: string;
  newLabel: string;
  onNew: () => void;
  error: unknown;
  minWidth: number;
  headers: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={props.title} mb="md">
        <Button onClick={props.onNew}>{props.newLabel}</Button>
      </PageHeader>
      <ErrorAlert error={props.error} />
      <Paper withBorder>
        {/* An empty table would be a scrollable region on a phone with nothing in it to focus; settings lists have no
            search, so an empty one is "nothing yet", and says how to add the first. */}
        {Children.count(props.children) === 0 ? (
          <Text c="dimmed" ta="center" p="lg">
            {t("common.emptyList", { action: props.newLabel })}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={props.minWidth}>
            <Table verticalSpacing="sm">
              <TableHead headings={props.headers} actions />
              <Table.Tbody>{props.children}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
