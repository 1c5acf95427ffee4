import { Anchor, Button, Divider, Group, Paper, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useProcess, useSaveProcess } from "../../api/processes";
import type { ProcessInput } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFieldErrors } from "../../lib/fieldErrors";
import { AccessInput } from "./AccessInput";
import { CodeNameInputs } from "./CodeNameInputs";
import { ProcessVersions } from "./ProcessVersions";
import { RobotsPanel } from "./RobotsPanel";
import { StagesEditor } from "./StagesEditor";

const BLANK: ProcessInput = {
  code: "",
  name: "",
  access: "all",
  stages: [
    { code: "new", name: "", color: "#228be6", semantics: "process" },
    { code: "done", name: "", color: "#40c057", semantics: "success" },
    { code: "failed", name: "", color: "#fa5252", semantics: "failure" },
  ],
};

export default function ProcessEditorPage() {
  const { id = "new" } = useParams();
  const isNew = id === "new";
  const { t } = useTranslation();
  const navigate = useNavigate();
  const process = useProcess(isNew ? null : id);
  const save = useSaveProcess();
  const [form, setForm] = useState<ProcessInput>(BLANK);
  // Saved codes stay when renamed (items, robots and versions refer to them); new ones follow their names.
  const saved = useMemo(
    () => ({
      process: new Set(process.data ? [process.data.code] : []),
      stages: new Set(process.data?.stages.map((s) => s.code)),
    }),
    [process.data],
  );
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(save.error, formRef);

  useEffect(() => {
    if (process.data) {
      const { code, name, access, stages } = process.data;
      setForm({ code, name, access, stages });
    }
  }, [process.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: isNew ? undefined : id, body: form },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "green", message: t("common.saved") });
          if (isNew) void navigate(`/settings/processes/${saved.id}`, { replace: true });
        },
      },
    );
  };

  return (
    <Stack>
      <Anchor component={Link} to="/settings/processes" size="sm">
        ← {t("nav.processSettings")}
      </Anchor>
      <Title order={1} size="h2">
        {isNew ? t("settings.newProcess") : form.name}
      </Title>
      <ErrorAlert error={process.error} />
      <Paper withBorder p="md">
        <form onSubmit={submit} ref={formRef}>
          <Stack>
            <ErrorAlert error={save.error} fieldsShown />
            <CodeNameInputs
              value={form}
              onChange={(patch) => setForm({ ...form, ...patch })}
              errors={errors}
              saved={saved.process}
            />
            <AccessInput
              label={t("settings.processAccess")}
              w="fit-content"
              value={form.access}
              onChange={(access) => setForm({ ...form, access })}
            />
            <Divider label={t("settings.stages")} labelPosition="left" />
            <StagesEditor
              value={form.stages}
              onChange={(stages) => setForm({ ...form, stages })}
              errors={errors}
              saved={saved.stages}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {!isNew && process.data && <RobotsPanel process={process.data} />}
      {!isNew && <ProcessVersions processId={id} />}
    </Stack>
  );
}
