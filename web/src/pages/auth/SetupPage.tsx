import { Button, Stack, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router-dom";
import { runSetup, useSetupNeeded } from "../../api/auth";
import { ErrorAlert } from "../../components/ErrorAlert";
import { NewPasswordInput } from "../../components/NewPasswordInput";
import { useFieldErrors } from "../../lib/fieldErrors";
import { AuthCard } from "./AuthCard";
import { useSessionSubmit } from "./useSessionSubmit";

export default function SetupPage() {
  const { t } = useTranslation();
  const setup = useSetupNeeded();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const { error, busy, submit } = useSessionSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(error, formRef);

  if (setup.data && !setup.data.needed) return <Navigate to="/login" replace />;
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  return (
    <AuthCard title={t("auth.setupTitle")} subtitle={t("auth.setupHint")}>
      <form ref={formRef} onSubmit={submit(() => runSetup(form), "/")}>
        <Stack>
          <ErrorAlert error={error} fieldsShown />
          <TextInput
            label={t("fields.personName")}
            required
            autoFocus
            value={form.name}
            onChange={set("name")}
            error={errors.name}
          />
          <TextInput
            label={t("fields.email")}
            type="email"
            autoComplete="username"
            required
            value={form.email}
            onChange={set("email")}
            error={errors.email}
          />
          <NewPasswordInput
            label={t("fields.password")}
            required
            value={form.password}
            onChange={set("password")}
            error={errors.password}
          />
          <Button type="submit" loading={busy}>
            {t("auth.createAdmin")}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
