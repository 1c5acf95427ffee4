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
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<AppNotification> & { unreadCount?: number }>(
        "/api/notifications",
        { unread: true, limit: 200 },
        signal,
      );
      return page.unreadCount ?? page.items.length;
    },
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post("/api/notifications/read", { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["notifications"] }),
  });
}
