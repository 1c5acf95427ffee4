import type { CreateUserBody, UpdateUserBody } from "@docket/common";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page, User } from "./types";

export function useUsers() {
  return useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api.get<Page<User>>("/api/users", { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

/** id → name, for showing who is responsible without one request per row. */
export function useUserNames(): (id: string | null | undefined) => string {
  const { data } = useUsers();
  return (id) => (id ? (data?.items.find((u) => u.id === id)?.name ?? "…") : "—");
}

export function useSaveUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateUserBody | UpdateUserBody }) =>
      api.save<User>("/api/users", id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["users"] }),
  });
}
