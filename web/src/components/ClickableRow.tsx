import { Table, type TableTrProps } from "@mantine/core";
import { onRowClick } from "../lib/keyboard";

/** A table row that opens its record when clicked anywhere (the mouse's way; see onRowClick). */
export function ClickableRow({ onOpen, ...props }: TableTrProps & { onOpen: () => void }) {
  return <Table.Tr {...props} className="clickable-row" onClick={onRowClick(onOpen)} />;
}
