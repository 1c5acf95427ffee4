import type { DocumentTemplate, GenerateDocumentBody } from "@docket/common";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { DocketDocument, Page } from "./types";
import { uploadForm } from "./upload";

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: ["document-templates"],
    queryFn: ({ signal }) => api.get<Page<DocumentTemplate>>("/api/document-templates", undefined, signal),
    enabled,
  });
}

export function useUploadTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; typeId: string; file: File }) => {
      const form = new FormData();
      form.append("name", input.name);
      form.append("typeId", input.typeId);
      form.append("file", input.file);
      return uploadForm<DocumentTemplate>("/api/document-templates", form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["document-templates"] }),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/document-templates/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["document-templates"] }),
  });
}

export function useGenerateDocument(itemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateDocumentBody) => api.post<DocketDocument>(`/api/items/${itemId}/generate`, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["documents"] }),
        client.invalidateQueries({ queryKey: ["item", itemId] }),
      ]),
  });
}
