import { Button, Checkbox, Group, Stack, Table, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { TableHead, type ColumnHeading } from "../../components/TableHead";
import { BadgeColourInput } from "../../components/BadgeColourInput";
import { RowControls } from "../../components/RowControls";
import { codeAfterRename } from "../../lib/codes";
import { moveAt, removeAt, replaceAt } from "../../lib/lists";

/** What the statuses, stages and fields editors take from their form. */
export interface ListFieldProps<T> {
  value: T[];
  onChange: (value: T[]) => void;
  /** Worded field errors by full path ("stages.1.code"). */
  errors?: Record<string, string>;
  /** Codes already saved: documents, items and robots refer to them, so renaming a row keeps its code. */
  saved?: ReadonlySet<string>;
}

/** One column of an ordered list editor: its heading and the cell that edits a row through `update`. */
export interface ListColumn<T> {
  heading: ColumnHeading;
  cell: (row: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}

/**
 * An ordered list edited as a table (statuses, stages, fields): a row per item ending in move / remove buttons, and a
 * button adding a row below.
 */
export function ListEditor<T>({
  value,
  onChange,
  columns,
  minWidth,
  newRow,
  addLabel,
  confirmRemove,
  rowTestId,
  hideWhenEmpty,
  wrapTable = (table) => table,
}: {
  value: T[];
  onChange: (value: T[]) => void;
  columns: ListColumn<T>[];
  minWidth: number;
  newRow: () => T;
  addLabel: string;
  /** The question asked before removing a row; undefined removes it at once. */
  confirmRemove?: (row: T) => string | undefined;
  rowTestId?: string;
  hideWhenEmpty?: boolean;
  /** Wraps the table, e.g. in a radio group whose radios sit in the rows. */
  wrapTable?: (table: ReactNode) => ReactNode;
}) {
  const table = (
    <Table verticalSpacing={4}>
      <TableHead headings={columns.map((column) => column.heading)} actions />
      <Table.Tbody>
        {value.map((row, index) => (
          <Table.Tr key={index} data-testid={rowTestId}>
            {columns.map((column, c) => (
              <Table.Td key={c}>
                {column.cell(row, index, (patch) => onChange(replaceAt(value, index, patch)))}
              </Table.Td>
            ))}
            <Table.Td>
              <RowControls
                index={index}
                count={value.length}
                onMove={(delta) => onChange(moveAt(value, index, delta))}
                onRemove={() => onChange(removeAt(value, index))}
                confirm={confirmRemove?.(row)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Stack gap="xs">
      {!(hideWhenEmpty && value.length === 0) && (
        <Table.ScrollContainer minWidth={minWidth}>{wrapTable(table)}</Table.ScrollContainer>
      )}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, newRow()])}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}

/** Removing a row that has a name or a code asks first, naming the row. */
export const askWhenNamed =
  (ask: (name: string) => string) =>
  (row: { code: string; name: string }): string | undefined =>
    row.name || row.code ? ask(row.name || row.code) : undefined;

type StringKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/**
 * The code and name columns of a list whose codes are made from names: typing a name fills the code until the user
 * types one, and a saved code (something refers to it) stays.
 */
export function codeNameColumns<T>(options: {
  code: StringKey<T>;
  name: StringKey<T>;
  headings: [code: string, name: string];
  /** Accessible names of the inputs, numbered by row. */
  labels: [code: string, name: string];
  /** Where the list sits in the form's error paths ("statuses"). */
  path: string;
  errors: Record<string, string>;
  saved?: ReadonlySet<string>;
  codeWidth: number;
}): ListColumn<T>[] {
  const { code, name, path, errors } = options;
  return [
    {
      heading: options.headings[0],
      cell: (row, index, update) => (
        <TextInput
          aria-label={`${options.labels[0]} ${index + 1}`}
          value={row[code] as string}
          onChange={(e) => update({ [code]: e.currentTarget.value } as Partial<T>)}
          error={errors[`${path}.${index}.${code}`]}
          w={options.codeWidth}
        />
      ),
    },
    {
      heading: options.headings[1],
      cell: (row, index, update) => (
        <TextInput
          aria-label={`${options.labels[1]} ${index + 1}`}
          value={row[name] as string}
          onChange={(e) => {
            const newName = e.currentTarget.value;
            const newCode = codeAfterRename(row[code] as string, row[name] as string, newName, options.saved);
            update({ [name]: newName, [code]: newCode } as Partial<T>);
          }}
          error={errors[`${path}.${index}.${name}`]}
          // The name is what people read; narrower, the table scrolls instead of squeezing it to a few letters.
          miw={160}
        />
      ),
    },
  ];
}

export function colourColumn<T extends { color: string }>(heading: string): ListColumn<T> {
  return {
    heading,
    cell: (row, index, update) => (
      <BadgeColourInput
        label={`${heading} ${index + 1}`}
        value={row.color}
        onChange={(color) => update({ color } as Partial<T>)}
      />
    ),
  };
}

type FlagKey<T> = { [K in keyof T]: T[K] extends boolean | undefined ? K : never }[keyof T];

/** A yes/no column stored as `true` or absent. */
export function flagColumn<T>(key: FlagKey<T>, heading: ColumnHeading): ListColumn<T> {
  const label = typeof heading === "string" ? heading : heading.label;
  return {
    heading,
    cell: (row, _index, update) => (
      <Checkbox
        aria-label={label}
        checked={!!row[key]}
        onChange={(e) => update({ [key]: e.currentTarget.checked || undefined } as Partial<T>)}
      />
    ),
  };
}
