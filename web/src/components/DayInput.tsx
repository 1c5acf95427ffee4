import { TextInput, type TextInputProps } from "@mantine/core";

/** A day in the browser's date field: "YYYY-MM-DD", or "" while empty. */
export function DayInput({
  onValueChange,
  ...props
}: Omit<TextInputProps, "type" | "value" | "onChange"> & { value: string; onValueChange: (day: string) => void }) {
  return <TextInput {...props} type="date" onChange={(e) => onValueChange(e.currentTarget.value)} />;
}
