import type { ApprovalDecision, ApprovalRound } from "@docket/common";
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

type TaskState = ApprovalRound["tasks"][number]["state"];

const COLOURS: Record<ApprovalDecision | TaskState, string> = {
  approve: "green",
  approveWithRemarks: "teal",
  reject: "red",
  carried: "gray",
  waiting: "gray",
  pending: "blue",
  approved: "green",
  rejected: "red",
  cancelled: "gray",
};

/** An approver's decision, or where their task stands while there is none («перенесено» for a carried approval). */
export function DecisionBadge({ decision, state }: { decision: ApprovalDecision | null; state: TaskState }) {
  const { t } = useTranslation();
  const key = decision ?? state;
  return (
    <Badge variant="light" color={COLOURS[key]} data-testid="decision" data-decision={key}>
      {t(`rounds.decisions.${key}`)}
    </Badge>
  );
}
