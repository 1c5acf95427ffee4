import { Modal, Stack, type ModalProps } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { ErrorAlert } from "./ErrorAlert";
import { FormActions } from "./FormActions";

/** A dialog holding one form: why the last save failed, the fields, then Cancel and the submit button. */
export function FormModal({
  title,
  size,
  opened = true,
  onClose,
  onSubmit,
  error,
  errorTitle,
  saving,
  submitLabel,
  disabled,
  children,
}: {
  title: ReactNode;
  size?: ModalProps["size"];
  opened?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  error: unknown;
  errorTitle?: string;
  saving?: boolean;
  submitLabel?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={error} title={errorTitle} />
          {children}
          <FormActions onCancel={onClose} saving={saving} submitLabel={submitLabel} disabled={disabled} />
        </Stack>
      </form>
    </Modal>
  );
}
