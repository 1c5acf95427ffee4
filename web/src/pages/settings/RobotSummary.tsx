import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";
import { useTemplates } from "../../api/templates";
import type { Robot, Stage } from "../../api/types";
import { useUsers } from "../../api/users";

const ROLES = new Set(["responsible", "initiator", "observers", "responsibleManager", "initiatorManager"]);
const str = (v: unknown) => (typeof v === "string" ? v : "");
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * What a robot does, in words, for the robot list: whom it notifies and with what message, who approves and where the
 * item goes after, which status, stage, user, template or address it targets — names, never ids or codes.
 */
export function RobotSummary({ robot, stages }: { robot: Robot; stages: Stage[] }) {
  const { t } = useTranslation();
  const users = useUsers();
  const types = useDocumentTypes();
  const templates = useTemplates(robot.kind === "generateDocument");
  const p = robot.params;
  const person = (id: string) =>
    ROLES.has(id) ? t(`robots.roles.${id}`) : (users.data?.items.find((u) => u.id === id)?.name ?? "…");
  const people = (ids: unknown) => strList(ids).map(person).join(", ");
  const stage = (code: unknown) => stages.find((s) => s.code === code)?.name ?? str(code);
  const statusName = (code: string) =>
    (types.data?.items ?? []).flatMap((type) => type.statuses).find((s) => s.code === code)?.name ?? code;

  const parts: string[] = [];
  switch (robot.kind) {
    case "setResponsible":
      parts.push(`${t("robots.user")}: ${person(str(p.userId))}`);
      break;
    case "notify":
      parts.push(`${t("robots.recipients")}: ${people(p.to)}`, `${t("robots.message")}: «${str(p.message)}»`);
      break;
    case "setDocumentStatus":
      parts.push(`${t("fields.status")}: ${statusName(str(p.status))}`);
      break;
    case "requestApproval":
      parts.push(
        `${t("robots.approvers")}: ${people(p.approvers)}`,
        `${t("robots.onApprove")}: ${stage(p.onApprove)}`,
        `${t("robots.onReject")}: ${stage(p.onReject)}`,
      );
      break;
    case "attachApprovalSheet":
      parts.push(`${t("robots.sheetType")}: ${types.data?.items.find((x) => x.id === p.typeId)?.name ?? "…"}`);
      break;
    case "moveToStage":
      parts.push(`${t("fields.stage")}: ${stage(p.stage)}`);
      break;
    case "generateDocument":
      parts.push(
        `${t("templates.template")}: ${templates.data?.items.find((x) => x.id === p.templateId)?.name ?? "…"}`,
      );
      break;
    case "webhook":
      parts.push(`URL: ${str(p.url)}`);
      break;
  }
  return (
    <Text size="sm" c="dimmed" data-testid="robot-summary" style={{ overflowWrap: "anywhere" }}>
      {parts.join(" · ")}
    </Text>
  );
}
