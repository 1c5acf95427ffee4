import { ActionIcon, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAbsences, useAddAbsence, useDeleteAbsence } from "../api/people";
import { useUserNames } from "../api/users";
import { formatDateTime } from "../lib/format";
import { ErrorAlert } from "./ErrorAlert";
import { useFieldErrors } from "../lib/fieldErrors";
import { FormActions } from "./FormActions";
import { UserPicker } from "./pickers";
import { DayInput } from "./DayInput";

const today = () => new Date().toISOString().slice(0, 10);

/** "I'm away" for oneself, or an administrator's view of someone's absences: the deputy stands in meanwhile. */
export function AbsencesModal({ userId, title, onClose }: { userId: string; title: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const absences = useAbsences(userId);
  const add = useAddAbsence(userId);
  const remove = useDeleteAbsence(userId);
  const nameOf = useUserNames();
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [deputyId, setDeputyId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(add.error, formRef);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!deputyId) return;
    add.mutate({ from, to, deputyId, reason: reason || undefined }, { onSuccess: () => setReason("") });
  };
  const list = absences.data?.items ?? [];

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("absences.hint")}
        </Text>
        <ErrorAlert error={absences.error ?? remove.error} />
        {list.length > 0 && (
          <Table data-testid="absences-list">
            <Table.Tbody>
              {list.map((absence) => (
                <Table.Tr key={absence.id}>
                  <Table.Td>
                    {formatDateTime(absence.from, i18n.language)} — {formatDateTime(absence.to, i18n.language)}
                  </Table.Td>
                  <Table.Td>{t("absences.deputyIs", { name: nameOf(absence.deputyId) })}</Table.Td>
                  <Table.Td>{absence.reason}</Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("common.remove")}
                      onClick={() => remove.mutate(absence.id)}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form ref={formRef} onSubmit={submit}>
          <Stack gap="sm">
            <Title order={5}>{t("absences.add")}</Title>
            <ErrorAlert error={add.error} fieldsShown />
            <Group grow>
              <DayInput label={t("absences.from")} required value={from} onValueChange={setFrom} error={errors.from} />
              <DayInput label={t("absences.to")} required value={to} onValueChange={setTo} error={errors.to} />
            </Group>
            <UserPicker
              label={t("absences.deputy")}
              required
              value={deputyId}
              onChange={setDeputyId}
              error={errors.deputyId}
              data-testid="deputy-picker"
            />
            <TextInput label={t("absences.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <FormActions
              onCancel={onClose}
              saving={add.isPending}
              disabled={!deputyId}
              submitLabel={t("absences.save")}
            />
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
