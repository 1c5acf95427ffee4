import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { DriveListing } from "./types";

export function useDrive(path: string) {
  return useQuery({
    queryKey: ["drive", path],
    queryFn: ({ signal }) => api.get<DriveListing>("/api/drive", { path }, signal),
  });
}

export function useCreateFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api.post("/api/drive/folders", { path }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["drive"] }),
  });
}
