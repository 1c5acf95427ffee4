import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useCreateItem } from "../../api/processes";
import { useFieldErrors } from "../../lib/fieldErrors";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { FirstTextInput, FormModal } from "../../components/FormModal";

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

  const submit = () => {
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
    <FormModal
      title={t("kanban.newItem")}
      onClose={onClose}
      onSubmit={submit}
      error={create.error}
      saving={create.isPending}
      submitLabel={t("common.create")}
      formRef={formRef}
    >
      <FirstTextInput label={t("fields.title")} value={title} onValueChange={setTitle} error={errors.title} />
      <CompanyPicker value={company} onChange={setCompany} />
      <UserPicker value={responsible} onChange={setResponsible} />
    </FormModal>
  );
}
