import { Button, Select, Table } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDeleteDepartment, useDepartments, useSaveDepartment } from "../../api/people";
import type { Department } from "../../api/types";
import { useUserNames } from "../../api/users";
import { useFieldErrors } from "../../lib/fieldErrors";
import { FirstTextInput, FormModal } from "../../components/FormModal";
import { UserPicker } from "../../components/pickers";
import { SettingsTable } from "./SettingsTable";

export default function DepartmentsSettingsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const nameOf = useUserNames();
  const [editing, setEditing] = useState<Department | "new" | null>(null);
  const list = departments.data?.items ?? [];
  const parentName = (id: string | null) => (id ? (list.find((d) => d.id === id)?.name ?? "…") : "—");
  return (
    <>
      <SettingsTable
        title={t("departments.title")}
        newLabel={t("departments.create")}
        onNew={() => setEditing("new")}
        error={departments.error ?? remove.error}
        minWidth={600}
        headers={[t("fields.name"), t("departments.parent"), t("departments.head")]}
      >
        {list.map((department) => (
          <Table.Tr key={department.id}>
            <Table.Td fw={500}>{department.name}</Table.Td>
            <Table.Td>{parentName(department.parentId)}</Table.Td>
            <Table.Td>{department.headId ? nameOf(department.headId) : "—"}</Table.Td>
            <Table.Td ta="right">
              <Button size="xs" variant="subtle" onClick={() => setEditing(department)}>
                {t("common.edit")}
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(department.id)}>
                {t("common.remove")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {editing && (
        <DepartmentModal department={editing === "new" ? null : editing} all={list} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function DepartmentModal(props: { department: Department | null; all: Department[]; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveDepartment();
  const [name, setName] = useState(props.department?.name ?? "");
  const [parentId, setParentId] = useState<string | null>(props.department?.parentId ?? null);
  const [headId, setHeadId] = useState<string | null>(props.department?.headId ?? null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(save.error, formRef);
  const submit = () =>
    save.mutate({ id: props.department?.id, body: { name, parentId, headId } }, { onSuccess: props.onClose });
  return (
    <FormModal
      title={props.department ? t("departments.edit") : t("departments.create")}
      onClose={props.onClose}
      onSubmit={submit}
      error={save.error}
      saving={save.isPending}
      formRef={formRef}
    >
      <FirstTextInput label={t("fields.name")} value={name} onValueChange={setName} error={errors.name} />
      <Select
        label={t("departments.parent")}
        clearable
        data={props.all.filter((d) => d.id !== props.department?.id).map((d) => ({ value: d.id, label: d.name }))}
        value={parentId}
        onChange={setParentId}
        error={errors.parentId}
      />
      <UserPicker label={t("departments.head")} value={headId} onChange={setHeadId} error={errors.headId} />
    </FormModal>
  );
}
