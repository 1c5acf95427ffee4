import { Modal, MultiSelect, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateItem } from "../../api/processes";
import type { Item } from "../../api/types";
import { useUsers } from "../../api/users";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { FormActions } from "../../components/FormActions";
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { title, companyId, responsibleId, observerIds, fields: rowsToFields(fields) },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("common.edit")}>
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={update.error} />
          <TextInput
            label={t("fields.title")}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
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
          <FormActions onCancel={onClose} saving={update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
