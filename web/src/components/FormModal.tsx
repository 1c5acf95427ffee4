import { Modal, Stack, TextInput, type ModalProps, type TextInputProps } from "@mantine/core";
import type { FormEvent, ReactNode, RefObject } from "react";
import { ErrorAlert } from "./ErrorAlert";
import { FormActions } from "./FormActions";

/**
 * A dialog holding one form: why the last save failed, the fields, then Cancel and the submit button. A form whose
 * fields show their own errors (`useFieldErrors(error, formRef)`) passes `formRef`: the alert then only points at them.
 */
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
  formRef,
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
  formRef?: RefObject<HTMLFormElement | null>;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form ref={formRef} onSubmit={submit}>
        <Stack>
          <ErrorAlert error={error} title={errorTitle} fieldsShown={formRef !== undefined} />
          {children}
          <FormActions onCancel={onClose} saving={saving} submitLabel={submitLabel} disabled={disabled} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A form's first field: a required text that takes the focus when the dialog opens. */
export function FirstTextInput({
  onValueChange,
  ...props
}: Omit<TextInputProps, "onChange" | "required" | "value"> & {
  value: string;
  onValueChange: (value: string) => void;
}) {
  return <TextInput {...props} required data-autofocus onChange={(e) => onValueChange(e.currentTarget.value)} />;
}
