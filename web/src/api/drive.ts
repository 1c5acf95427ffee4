import type { DriveListing } from "@docket/common";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";

/** A folder's listing, page after page: the server sends at most 1,000 files at a time and a `nextCursor`. */
export function useDrive(path: string) {
  return useInfiniteQuery({
    queryKey: ["drive", path],
    queryFn: ({ pageParam, signal }) => api.get<DriveListing>("/api/drive", { path, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api.post("/api/drive/folders", { path }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["drive"] }),
  });
}
