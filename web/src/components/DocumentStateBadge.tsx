import { Badge } from "@mantine/core";
import type { DocumentState } from "@docket/common";
import { useTranslation } from "react-i18next";

const COLOURS: Record<Exclude<DocumentState, "active">, string> = {
  reserved: "blue.8",
  cancelled: "red.9",
  archived: "gray.7",
};

/** Reserved, cancelled or archived: said next to the title wherever a document is listed; nothing for active ones. */
export function DocumentStateBadge({ state, size = "sm" }: { state: DocumentState; size?: "sm" | "lg" }) {
  const { t } = useTranslation();
  if (state === "active") return null;
  return (
    <Badge size={size} variant="filled" color={COLOURS[state]} radius="sm" data-testid="state-badge">
      {t(`registry.state.${state}`)}
    </Badge>
  );
}
