import type { CreateCompanyBody } from "@docket/common";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Company, DocketDocument, Item, Page } from "./types";

export function useCompanies(q: string) {
  return useQuery({
    queryKey: ["companies", q],
    queryFn: ({ signal }) => api.get<Page<Company>>("/api/companies", { q, limit: 100 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCompany(id: string | null | undefined) {
  return useQuery({
    queryKey: ["company", id],
    queryFn: ({ signal }) => api.get<Company>(`/api/companies/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useCompanyDocuments(id: string) {
  return useQuery({
    queryKey: ["documents", { companyId: id }],
    queryFn: ({ signal }) => api.get<Page<DocketDocument>>(`/api/companies/${id}/documents`, { limit: 200 }, signal),
  });
}

/** Items of every visible process that belong to this company (the Processes tab). */
export function useCompanyItems(id: string) {
  return useQuery({
    queryKey: ["items", { companyId: id }],
    queryFn: async ({ signal }) =>
      (await api.get<Page<Item>>("/api/items", { companyId: id, limit: 200 }, signal)).items,
  });
}

export function useSaveCompany() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateCompanyBody }) =>
      api.save<Company>("/api/companies", id, body),
    onSuccess: async (company) => {
      client.setQueryData(["company", company.id], company);
      await client.invalidateQueries({ queryKey: ["companies"] });
    },
  });
}
