import { MultiSelect, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateItem } from "../../api/processes";
import type { Item } from "../../api/types";
import { useUsers } from "../../api/users";
import { FormModal } from "../../components/FormModal";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { fieldRows, ItemFieldsEditor, rowsToFields } from "./ItemFields";

export function ItemEditModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateItem(item.id);
  const users = useUsers();
  const [title, setTitle] = useState(item.title);
  const [companyId, setCompanyId] = useState(item.companyId);
  const [responsibleId, setResponsibleId] = useState(item.responsibleId);
  const [observerIds, setObserverIds] = useState(item.observerIds);
  const [fields, setFields] = useState(() => fieldRows(item.fields));

  const submit = () => {
    update.mutate(
      { title, companyId, responsibleId, observerIds, fields: rowsToFields(fields) },
      { onSuccess: onClose },
    );
  };

  return (
    <FormModal
      onClose={onClose}
      title={t("common.edit")}
      onSubmit={submit}
      error={update.error}
      saving={update.isPending}
    >
      <TextInput label={t("fields.title")} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <CompanyPicker value={companyId} onChange={setCompanyId} />
      <UserPicker value={responsibleId} onChange={setResponsibleId} />
      <MultiSelect
        label={t("fields.observers")}
        searchable
        data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={observerIds}
        onChange={setObserverIds}
      />
      <ItemFieldsEditor rows={fields} onChange={setFields} />
    </FormModal>
  );
}
