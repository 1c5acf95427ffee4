import { Button, Group, Paper, Table, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";

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
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{props.title}</Title>
        <Button onClick={props.onNew}>{props.newLabel}</Button>
      </Group>
      <ErrorAlert error={props.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={props.minWidth}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                {props.headers.map((header) => (
                  <Table.Th key={header}>{header}</Table.Th>
                ))}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{props.children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
