import { Alert, Button, Group, Text } from "@mantine/core";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A dialog with a changed form is never closed by a stray Esc or a click beside it: `requestClose` asks first and
 * `prompt` (render it inside the dialog) offers to keep editing or to discard the changes.
 */
export function useDiscardGuard(dirty: boolean, onClose: () => void): { requestClose: () => void; prompt: ReactNode } {
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  const prompt = asking ? <DiscardPrompt onDiscard={onClose} onKeep={() => setAsking(false)} /> : null;
  return { requestClose, prompt };
}

function DiscardPrompt({ onDiscard, onKeep }: { onDiscard: () => void; onKeep: () => void }) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    keep.current?.scrollIntoView({ block: "center" });
    keep.current?.focus();
  }, []);
  return (
    <Alert color="yellow" title={t("unsaved.title")} role="alertdialog" aria-label={t("unsaved.title")}>
      <Text size="sm" mb="xs">
        {t("unsaved.text")}
      </Text>
      <Group>
        <Button ref={keep} size="xs" onClick={onKeep}>
          {t("unsaved.keep")}
        </Button>
        <Button size="xs" variant="default" color="red" onClick={onDiscard}>
          {t("unsaved.discard")}
        </Button>
      </Group>
    </Alert>
  );
}
