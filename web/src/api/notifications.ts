import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { AppNotification, Page } from "./types";

export function useNotifications() {
  return useQuery({
    queryKey: ["notifications"],
    queryFn: ({ signal }) => api.get<Page<AppNotification>>("/api/notifications", { limit: 30 }, signal),
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: ["notifications", "unread"],
    queryFn: async ({ signal }) =>
      (await api.get<{ count: number }>("/api/notifications/unread-count", undefined, signal)).count,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | "all") => api.post("/api/notifications/read", ids === "all" ? { all: true } : { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["notifications"] }),
  });
}
