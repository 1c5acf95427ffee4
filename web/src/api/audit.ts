import type { AuditEntry } from "@docket/common";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, withQuery } from "./client";
import type { Page } from "./types";

/** The audit list's filters as the API takes them (`from`/`to` are instants: the browser's day bounds). */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEntry>>("/api/audit", { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The whole filtered log as CSV; the browser downloads it (the server names the file). */
export const auditExportUrl = (filters: AuditFilters) => withQuery("/api/audit/export", { format: "csv", ...filters });
