import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { personMayMove } from "@docket/common/stage-rules";
import { useTranslation } from "react-i18next";
import { moveItem } from "../../api/processes";
import type { Item, Page, Stage } from "../../api/types";
import { errorText } from "../../components/ErrorAlert";

/**
 * Moves an item to another stage optimistically: the card jumps at once, and if the server refuses
 * (a rule, a closed stage, no right) it goes back and a notice says why. A drag never reopens a closed item;
 * the item card's explicit "Move to" does.
 */
export function useMoveItem(processId: string, stages: Stage[]) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = ["items", processId];

  return async (item: Item, stage: Stage, reopen = false) => {
    if (item.stage.code === stage.code) return;
    // One notice for a refusal, whether the stage rules or the server said no.
    const refuse = (message: string) =>
      notifications.show({
        color: "red",
        title: t("kanban.moveRefused", { title: item.title, stage: stage.name }),
        message,
        autoClose: 8000,
      });
    // The item carries a snapshot of its stage; the process's own definition says where a person may go.
    const from = stages.find((s) => s.code === item.stage.code);
    if (!personMayMove(from, stage.code)) {
      const allowed = (from?.next ?? []).map((code) => stages.find((s) => s.code === code)?.name ?? code);
      refuse(
        allowed.length > 0
          ? t("kanban.onlyTo", { stage: item.stage.name, stages: allowed.map((n) => `«${n}»`).join(", ") })
          : t("kanban.onlyAutomation", { stage: item.stage.name }),
      );
      return;
    }
    // A moved card is drawn anew in its new column: the keyboard stays with it rather than falling to the page.
    const focused = document.activeElement;
    const keepFocus = focused instanceof HTMLElement && !!focused.closest(".kanban-card, [role=menu]");
    await client.cancelQueries({ queryKey: key });
    // Every filtered view of this board holds the card: all of them move it, and all go back on a refusal.
    const previous = client.getQueriesData<Page<Item>>({ queryKey: key });
    const movedAt = new Date().toISOString();
    client.setQueriesData<Page<Item>>(
      { queryKey: key },
      (page) =>
        page && {
          ...page,
          items: page.items.map((i) => (i.id === item.id ? { ...i, stage, stageEnteredAt: movedAt } : i)),
        },
    );
    if (keepFocus) focusCard(item.id);
    try {
      await moveItem(item.id, stage.code, reopen);
    } catch (error) {
      for (const [queryKey, data] of previous) client.setQueryData(queryKey, data);
      refuse(
        item.stage.semantics !== "process" && !reopen
          ? t("kanban.closedStage", { stage: item.stage.name })
          : errorText(error, t, (key) => i18n.exists(key)),
      );
    } finally {
      await refreshAfterMove();
      if (keepFocus) focusCard(item.id);
      // The stage's robots (e.g. "set the contract's status") run in the worker within about a second of the move.
      setTimeout(() => void refreshAfterMove(), ROBOTS_SETTLE_MS);
    }
  };

  async function refreshAfterMove() {
    await Promise.all(
      [["items"], ["item"], ["documents"], ["document"], ["approvals"]].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
  }
}

const ROBOTS_SETTLE_MS = 2000;

function focusCard(itemId: string) {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`[data-testid="kanban-card"][data-item-id="${CSS.escape(itemId)}"]`)?.focus(),
  );
}
