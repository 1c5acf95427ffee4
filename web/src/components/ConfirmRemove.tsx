import { ActionIcon, Button, Group, Popover, Text } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TrashIcon } from "./icons";

/**
 * A remove button that asks first: «Удалить стадию «Проверка»?» with Remove and Cancel beside the button. Without a
 * question (an empty row just added) it removes at once. Esc closes only the question, never the dialog around it.
 */
export function ConfirmRemove({ question, onRemove }: { question?: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const questionId = useId();
  const button = (
    <ActionIcon
      variant="subtle"
      color="red"
      aria-label={t("common.remove")}
      onClick={() => (question ? setOpen((o) => !o) : onRemove())}
    >
      <TrashIcon />
    </ActionIcon>
  );
  if (!question) return button;
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" withArrow trapFocus shadow="md">
      <Popover.Target>{button}</Popover.Target>
      <Popover.Dropdown
        role="alertdialog"
        aria-labelledby={questionId}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          event.stopPropagation();
          setOpen(false);
        }}
      >
        <Text size="sm" mb="xs" id={questionId}>
          {question}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            size="xs"
            color="red"
            onClick={() => {
              setOpen(false);
              onRemove();
            }}
          >
            {t("common.remove")}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
