import type { ApprovalDecision, ItemApprovals } from "@docket/common";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, withQuery } from "./client";
import type { Approval, Page } from "./types";

/** `decided`: the tasks the caller has decided (as approver or deputy), newest first. */
export function useApprovals(state: "pending" | "decided" | "all" = "pending") {
  return useQuery({
    queryKey: ["approvals", state],
    queryFn: ({ signal }) =>
      api.get<Page<Approval>>("/api/approvals", { state: state === "all" ? undefined : state, limit: 200 }, signal),
  });
}

export type Decision = Exclude<ApprovalDecision, "carried">;

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: Decision; comment?: string }) =>
      api.post<Approval>(`/api/approvals/${id}/decision`, comment ? { decision, comment } : { decision }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["approvals"] });
      await client.invalidateQueries({ queryKey: ["my-work"] });
      await client.invalidateQueries({ queryKey: ["items"] });
      await client.invalidateQueries({ queryKey: ["item"] });
    },
  });
}

/** The item's approval rounds, oldest first, each with its documents' versions and every approver's decision. */
export function useItemApprovals(itemId: string) {
  return useQuery({
    queryKey: ["item", itemId, "approvals"],
    queryFn: ({ signal }) => api.get<ItemApprovals>(`/api/items/${itemId}/approvals`, undefined, signal),
  });
}

/** The «лист согласования» PDF of one round (the latest when `round` is left out); a plain link downloads it. */
export function approvalSheetUrl(itemId: string, round?: number): string {
  return withQuery(`/api/items/${itemId}/approval-sheet`, { round });
}
