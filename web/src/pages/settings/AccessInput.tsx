import { Divider, SegmentedControl, type SegmentedControlProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Access } from "../../api/types";

const MODES: Access[] = ["all", "participants"];

/**
 * Who sees a document type's documents or a process's items: everyone, or only the people taking part. `label` heads
 * the section and names the switch, whose own labels ("Everyone", "Participants only") say nothing of what is seen.
 */
export function AccessInput({
  label,
  value,
  onChange,
  ...props
}: Omit<SegmentedControlProps, "data" | "value" | "onChange"> & {
  label: string;
  value: Access;
  onChange: (access: Access) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Divider label={label} labelPosition="left" />
      <SegmentedControl
        aria-label={label}
        data={MODES.map((a) => ({ value: a, label: t(`settings.accessModes.${a}`) }))}
        value={value}
        onChange={(access) => onChange(access as Access)}
        {...props}
      />
    </>
  );
}
