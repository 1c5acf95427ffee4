import { ActionIcon, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ConfirmRemove } from "./ConfirmRemove";
import { ArrowDownIcon, ArrowUpIcon } from "./icons";

/** Up / down / remove buttons for a row of an ordered list editor; removing a filled row asks first. */
export function RowControls({
  index,
  count,
  onMove,
  onRemove,
  confirm,
}: {
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
  /** Asked before removing (a row with content); without it the row goes at once. */
  confirm?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t("common.moveUp")}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        <ArrowUpIcon />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t("common.moveDown")}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        <ArrowDownIcon />
      </ActionIcon>
      <ConfirmRemove question={confirm} onRemove={onRemove} />
    </Group>
  );
}
