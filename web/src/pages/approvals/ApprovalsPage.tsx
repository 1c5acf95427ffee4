import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApprovals } from "../../api/approvals";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ApprovalCard } from "./ApprovalCard";

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const approvals = useApprovals("pending");
  const list = approvals.data?.items ?? [];
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t("approvals.title")}
      </Title>
      <ErrorAlert error={approvals.error} />
      {list.length === 0 && !approvals.isPending && <Text c="dimmed">{t("approvals.empty")}</Text>}
      {list.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
    </Stack>
  );
}
