import { Select, type SelectProps } from "@mantine/core";
import type { StatusDef } from "../../api/types";

/**
 * The status a person sets by hand, on one document or on many at once. Automatic statuses are the robots' to set
 * (the server refuses them from a person), so they are not offered; a code that several types share is listed once.
 */
export function ManualStatusSelect({
  statuses,
  except,
  ...props
}: Omit<SelectProps, "data"> & {
  statuses: StatusDef[];
  /** The document's current status: setting it again would change nothing. */
  except?: string;
}) {
  const options = [
    ...new Map(statuses.filter((s) => !s.automatic && s.code !== except).map((s) => [s.code, s.name])),
  ].map(([value, label]) => ({ value, label }));
  return <Select data={options} w={200} {...props} />;
}
