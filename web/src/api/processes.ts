import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { HistoryEntry, Item, Page, Process, ProcessInput, Robot, RobotInput, WebhookSecret } from "./types";
import type { ProcessAnalytics, ProcessVersions, UpdateItemBody } from "@docket/common";

export function useProcesses() {
  return useQuery({
    queryKey: ["processes"],
    queryFn: ({ signal }) => api.get<Page<Process>>("/api/processes", { limit: 200 }, signal),
    staleTime: 30_000,
  });
}

export function useProcess(id: string | null | undefined) {
  return useQuery({
    queryKey: ["process", id],
    queryFn: ({ signal }) => api.get<Process>(`/api/processes/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useSaveProcess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProcessInput }) => api.save<Process>("/api/processes", id, body),
    onSuccess: async (process) => {
      client.setQueryData(["process", process.id], process);
      await client.invalidateQueries({ queryKey: ["process-versions", process.id] });
      await client.invalidateQueries({ queryKey: ["processes"] });
    },
  });
}

export function useRobots(processId: string | null | undefined) {
  return useQuery({
    queryKey: ["robots", processId],
    queryFn: ({ signal }) => api.get<Page<Robot>>(`/api/processes/${processId}/robots`, { limit: 200 }, signal),
    enabled: !!processId,
  });
}

/** The key webhook deliveries are signed with (admins only). */
export function useWebhookSecret(enabled: boolean) {
  return useQuery({
    queryKey: ["webhook-secret"],
    queryFn: ({ signal }) => api.get<WebhookSecret>("/api/robots/webhook-secret", undefined, signal),
    enabled,
    staleTime: Infinity,
  });
}

export function useRobotMutations(processId: string) {
  const client = useQueryClient();
  // A robot change makes a new process version.
  const onSuccess = async () => {
    await client.invalidateQueries({ queryKey: ["robots", processId] });
    await client.invalidateQueries({ queryKey: ["process-versions", processId] });
  };
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id?: string; body: RobotInput }) =>
        id ? api.patch<Robot>(`/api/robots/${id}`, body) : api.post<Robot>(`/api/processes/${processId}/robots`, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.delete(`/api/robots/${id}`), onSuccess }),
  };
}

/** The kanban's filters, as `GET /api/processes/:id/items` takes them (and as the page keeps them in its URL). */
export interface ItemFilters {
  q?: string;
  mine?: boolean;
  responsibleId?: string;
  companyId?: string;
  overdue?: boolean;
}

/** A board never shows more than this many cards; past it the page says so and asks to narrow the filters. */
export const BOARD_LIMIT = 2000;

/** Every item of a process that passes the filters (page after page, up to BOARD_LIMIT). */
export function useItems(processId: string, filters: ItemFilters = {}) {
  return useQuery({
    queryKey: ["items", processId, filters],
    queryFn: async ({ signal }) => {
      const items: Item[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Item> = await api.get<Page<Item>>(
          `/api/processes/${processId}/items`,
          { ...filters, mine: filters.mine || undefined, overdue: filters.overdue || undefined, limit: 200, cursor },
          signal,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < BOARD_LIMIT);
      return { items, nextCursor: cursor };
    },
    placeholderData: (previous) => previous,
  });
}

export function useProcessAnalytics(processId: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ["process-analytics", processId, range],
    queryFn: ({ signal }) => api.get<ProcessAnalytics>(`/api/processes/${processId}/analytics`, range, signal),
  });
}

export function useItem(id: string) {
  return useQuery({
    queryKey: ["item", id],
    queryFn: ({ signal }) => api.get<Item>(`/api/items/${id}`, undefined, signal),
  });
}

export function useItemHistory(id: string) {
  return useQuery({
    queryKey: ["item", id, "history"],
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/api/items/${id}/history`, undefined, signal),
  });
}

export function useCreateItem(processId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; companyId?: string | null; responsibleId?: string | null }) =>
      api.post<Item>(`/api/processes/${processId}/items`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["items"] }),
  });
}

export function useUpdateItem(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateItemBody) => api.patch<Item>(`/api/items/${id}`, body),
    onSuccess: async (item) => {
      client.setQueryData(["item", id], item);
      await client.invalidateQueries({ queryKey: ["items"] });
    },
  });
}

export function moveItem(id: string, stage: string, reopen = false) {
  return api.post<Item>(`/api/items/${id}/stage`, reopen ? { stage, reopen } : { stage });
}

/** Every version of a process, newest first, with its stages, robots and how many items run under it. */
export function useProcessVersions(processId: string | null | undefined) {
  return useQuery({
    queryKey: ["process-versions", processId],
    queryFn: ({ signal }) => api.get<ProcessVersions>(`/api/processes/${processId}/versions`, undefined, signal),
    enabled: !!processId,
  });
}

/** Admin: the item runs the given version's robots from its next stage entry on (409 when its stage is not there). */
export function useMoveItemToVersion(itemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Item>(`/api/items/${itemId}/process-version`, { version }),
    onSuccess: async (item) => {
      client.setQueryData(["item", itemId], item);
      await client.invalidateQueries({ queryKey: ["item", itemId] });
      await client.invalidateQueries({ queryKey: ["process-versions", item.processId] });
    },
  });
}
