import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Approval, Page } from "./types";

export function useApprovals(state: "pending" | "all" = "pending") {
  return useQuery({
    queryKey: ["approvals", state],
    queryFn: ({ signal }) =>
      api.get<Page<Approval>>("/api/approvals", { state: state === "all" ? undefined : state, limit: 200 }, signal),
  });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: "approve" | "reject"; comment?: string }) =>
      api.post<Approval>(`/api/approvals/${id}/decision`, comment ? { decision, comment } : { decision }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["approvals"] });
      await client.invalidateQueries({ queryKey: ["my-work"] });
      await client.invalidateQueries({ queryKey: ["items"] });
      await client.invalidateQueries({ queryKey: ["item"] });
    },
  });
}
