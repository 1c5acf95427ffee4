import { Group, PasswordInput, Select, Switch, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Locale, Role, User } from "../../api/types";
import { useDepartments } from "../../api/people";
import { useSaveUser } from "../../api/users";
import { useAuth } from "../../auth/AuthContext";
import { useFieldErrors } from "../../lib/fieldErrors";
import { FirstTextInput, FormModal } from "../../components/FormModal";
import { NewPasswordInput } from "../../components/NewPasswordInput";

export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveUser();
  const { user: me } = useAuth();
  const editingSelf = user !== null && user.id === me?.id;
  const [currentPassword, setCurrentPassword] = useState("");
  const [name, setName] = useState(user?.name ?? "");
  const [email, setEmail] = useState(user?.email ?? "");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>(user?.role ?? "user");
  const [locale, setLocale] = useState<Locale>(user?.locale ?? "ru");
  const [active, setActive] = useState(user?.active ?? true);
  const [emailMode, setEmailMode] = useState(user?.emailMode ?? "each");
  const [departmentId, setDepartmentId] = useState<string | null>(user?.departmentId ?? null);
  const [position, setPosition] = useState(user?.position ?? "");
  const departments = useDepartments();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(save.error, formRef);

  const submit = () => {
    const body = user
      ? {
          name,
          email,
          role,
          locale,
          active,
          emailMode,
          departmentId,
          position,
          ...(password ? { password, ...(editingSelf && { currentPassword }) } : {}),
        }
      : { name, email, role, locale, password, departmentId, position };
    save.mutate({ id: user?.id, body }, { onSuccess: onClose });
  };

  return (
    <FormModal
      title={user ? t("users.edit") : t("users.create")}
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      saving={save.isPending}
      formRef={formRef}
    >
      <FirstTextInput label={t("fields.personName")} value={name} onValueChange={setName} error={errors.name} />
      <TextInput
        label={t("fields.email")}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={errors.email}
      />
      <NewPasswordInput
        label={user ? t("users.newPassword") : t("fields.password")}
        required={!user}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errors.password}
      />
      {editingSelf && password && (
        // The server asks for it: an unattended session must not be enough to take the account over.
        <PasswordInput
          label={t("users.currentPassword")}
          description={t("users.currentPasswordHint")}
          required
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.currentPassword}
        />
      )}
      <Group grow>
        <Select
          label={t("fields.role")}
          data={[
            { value: "user", label: t("users.roles.user") },
            { value: "admin", label: t("users.roles.admin") },
          ]}
          value={role}
          onChange={(v) => setRole((v as Role | null) ?? "user")}
          allowDeselect={false}
        />
        <Select
          label={t("nav.language")}
          data={[
            { value: "ru", label: "Русский" },
            { value: "en", label: "English" },
          ]}
          value={locale}
          onChange={(v) => setLocale((v as Locale | null) ?? "ru")}
          allowDeselect={false}
        />
      </Group>
      <Group grow>
        <Select
          label={t("users.department")}
          clearable
          data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          error={errors.departmentId}
        />
        <TextInput
          label={t("users.position")}
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
          error={errors.position}
        />
      </Group>
      {user && (
        <>
          <Select
            label={t("users.emailMode")}
            data={(["each", "digest", "off"] as const).map((mode) => ({
              value: mode,
              label: t(`users.emailModes.${mode}`),
            }))}
            value={emailMode}
            onChange={(v) => setEmailMode((v as typeof emailMode | null) ?? "each")}
            allowDeselect={false}
          />
          <Switch label={t("users.active")} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        </>
      )}
    </FormModal>
  );
}
