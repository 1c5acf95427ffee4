import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The footer of every form dialog: Cancel, then the submit button (Save unless told otherwise). */
export function FormActions({
  onCancel,
  saving,
  submitLabel,
  disabled,
  color,
}: {
  onCancel: () => void;
  saving?: boolean;
  submitLabel?: string;
  disabled?: boolean;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={saving} disabled={disabled} color={color}>
        {submitLabel ?? t("common.save")}
      </Button>
    </Group>
  );
}
