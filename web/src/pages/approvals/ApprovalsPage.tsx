import { Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useApprovals } from "../../api/approvals";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ApprovalCard } from "./ApprovalCard";

type Tab = "pending" | "decided";

/** «Мои согласования»: what waits for the caller, and what they have decided; the tab is in the URL (?tab=decided). */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get("tab") === "decided" ? "decided" : "pending";
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t("approvals.title")}
      </Title>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === "decided" ? { tab: "decided" } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="pending">{t("rounds.tabs.pending")}</Tabs.Tab>
          <Tabs.Tab value="decided">{t("rounds.tabs.decided")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending">
          <ApprovalList state="pending" />
        </Tabs.Panel>
        <Tabs.Panel value="decided">
          <ApprovalList state="decided" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ApprovalList({ state }: { state: Tab }) {
  const { t } = useTranslation();
  const approvals = useApprovals(state);
  const list = approvals.data?.items ?? [];
  return (
    <Stack>
      <ErrorAlert error={approvals.error} />
      {list.length === 0 && !approvals.isPending && (
        <Text c="dimmed">{state === "pending" ? t("approvals.empty") : t("rounds.decidedEmpty")}</Text>
      )}
      {list.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
    </Stack>
  );
}
