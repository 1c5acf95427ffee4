import { Modal, Stack, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useCreateItem } from "../../api/processes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFieldErrors } from "../../lib/fieldErrors";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { FormActions } from "../../components/FormActions";

export function CreateItemModal({
  processId,
  companyId = null,
  onClose,
}: {
  processId: string;
  companyId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateItem(processId);
  const [title, setTitle] = useState("");
  const [company, setCompany] = useState<string | null>(companyId);
  const [responsible, setResponsible] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(create.error, formRef);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: title.trim(),
      ...(company ? { companyId: company } : {}),
      ...(responsible ? { responsibleId: responsible } : {}),
    };
    create.mutate(body, {
      onSuccess: (item) => {
        onClose();
        void navigate(`/items/${item.id}`);
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t("kanban.newItem")}>
      <form ref={formRef} onSubmit={submit}>
        <Stack>
          <ErrorAlert error={create.error} fieldsShown />
          <TextInput
            label={t("fields.title")}
            required
            data-autofocus
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <CompanyPicker value={company} onChange={setCompany} />
          <UserPicker value={responsible} onChange={setResponsible} />
          <FormActions onCancel={onClose} saving={create.isPending} submitLabel={t("common.create")} />
        </Stack>
      </form>
    </Modal>
  );
}
