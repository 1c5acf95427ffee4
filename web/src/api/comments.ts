import type { Comment, CreateCommentInput } from "@docket/common";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page } from "./types";

export type CommentTarget = { kind: "item" | "document"; id: string };

const pathOf = (target: CommentTarget) => `/api/${target.kind}s/${target.id}/comments`;

export function useComments(target: CommentTarget) {
  return useQuery({
    queryKey: ["comments", target.kind, target.id],
    queryFn: ({ signal }) => api.get<Page<Comment>>(pathOf(target), { limit: 200 }, signal),
  });
}

export function useAddComment(target: CommentTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommentInput) => api.post<Comment>(pathOf(target), body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["comments", target.kind, target.id] });
      // The comment also shows in the history timeline.
      void client.invalidateQueries({ queryKey: [target.kind] });
    },
  });
}
