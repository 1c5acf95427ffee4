import { SegmentedControl, type SegmentedControlProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Access } from "../../api/types";

const MODES: Access[] = ["all", "participants"];

/** Who sees a document type's documents or a process's items: everyone, or only the people taking part. */
export function AccessInput({
  value,
  onChange,
  ...props
}: Omit<SegmentedControlProps, "data" | "value" | "onChange"> & { value: Access; onChange: (access: Access) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      data={MODES.map((a) => ({ value: a, label: t(`settings.accessModes.${a}`) }))}
      value={value}
      onChange={(access) => onChange(access as Access)}
      {...props}
    />
  );
}
