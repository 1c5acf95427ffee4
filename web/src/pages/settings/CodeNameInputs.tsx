import { SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { codeAfterRename } from "../../lib/codes";

type CodeName = { code: string; name: string };

/** The code and name of a document type or a process; the code follows the name until the user types one. */
export function CodeNameInputs({
  value,
  onChange,
  errors,
  saved,
}: {
  value: CodeName;
  onChange: (patch: Partial<CodeName>) => void;
  errors: Record<string, string>;
  /** The saved code: things refer to it, so renaming keeps it. */
  saved: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t("settings.code")}
        description={t("settings.codeHint")}
        required
        value={value.code}
        onChange={(e) => onChange({ code: e.currentTarget.value })}
        error={errors.code}
      />
      <TextInput
        label={t("fields.name")}
        required
        value={value.name}
        onChange={(e) => {
          const name = e.currentTarget.value;
          onChange({ name, code: codeAfterRename(value.code, value.name, name, saved) });
        }}
        error={errors.name}
      />
    </SimpleGrid>
  );
}
