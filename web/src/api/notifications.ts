import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { AppNotification, Page } from "./types";

export function useNotifications(unread = false) {
  return useQuery({
    queryKey: ["notifications", unread ? "unread-list" : "all-list"],
    queryFn: ({ signal }) =>
      api.get<Page<AppNotification>>("/api/notifications", { limit: 50, ...(unread && { unread: "true" }) }, signal),
  });
}

/** Notifications about the same item or document, newest first; those about nothing in particular stand alone. */
export interface NotificationGroup {
  key: string;
  subject: AppNotification["subject"];
  items: AppNotification[];
  unread: number;
}

export function groupNotifications(items: AppNotification[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const n of items) {
    const key = n.subject ? `${n.subject.kind}:${n.subject.id}` : n.id;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, subject: n.subject, items: [], unread: 0 }));
    group.items.push(n);
    if (!n.read) group.unread++;
  }
  return [...groups.values()];
}

/** "Договор Д-2026-0004 «Поставка» · ООО Ромашка": what a group of notifications is about. */
export function subjectLabel(subject: NonNullable<AppNotification["subject"]>): string {
  const name = [subject.kindName, subject.number, `«${subject.title}»`].filter(Boolean).join(" ");
  return subject.company ? `${name} · ${subject.company}` : name;
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
