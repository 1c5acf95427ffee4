import { ActionIcon, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ArrowDownIcon, ArrowUpIcon, TrashIcon } from "./icons";

/** Up / down / remove buttons for a row of an ordered list editor. */
export function RowControls({
  index,
  count,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
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
      <ActionIcon variant="subtle" color="red" aria-label={t("common.remove")} onClick={onRemove}>
        <TrashIcon />
      </ActionIcon>
    </Group>
  );
}
