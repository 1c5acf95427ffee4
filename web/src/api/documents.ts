import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type {
  BulkDocumentsBody,
  BulkDocumentsResult,
  DocumentList,
  DocumentListItem,
  DocumentSort,
  DocumentState,
  ReserveNumbersBody,
} from "@docket/common";
import type { DocketDocument, DocumentType, DocumentTypeInput, HistoryEntry, Page } from "./types";
import { uploadForm } from "./upload";

export interface DocumentFilters {
  typeId?: string;
  companyId?: string;
  status?: string;
  q?: string;
  itemId?: string;
  state?: DocumentState;
  sort?: DocumentSort;
}

/** A registry row: the document and, when searching, where the search hit it. */
export type RegistryDocument = DocketDocument & Pick<DocumentListItem, "match">;

export function useDocuments(filters: DocumentFilters) {
  return useInfiniteQuery({
    queryKey: ["documents", filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Omit<DocumentList, "items"> & { items: RegistryDocument[] }>(
        "/api/documents",
        { ...filters, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: ["document", id],
    queryFn: ({ signal }) => api.get<DocketDocument>(`/api/documents/${id}`, undefined, signal),
    // While the preview is being prepared, look again now and then: it appears without a reload.
    refetchInterval: (query) => (query.state.data?.rendition.state === "pending" ? 3000 : false),
  });
}

export function useDocumentHistory(id: string) {
  return useQuery({
    queryKey: ["document", id, "history"],
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/api/documents/${id}/history`, undefined, signal),
  });
}

export function useDocumentTypes() {
  return useQuery({
    queryKey: ["document-types"],
    queryFn: ({ signal }) => api.get<Page<DocumentType>>("/api/document-types", { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

/** One type, fresh: its `nextNumber` moves with every registration. */
export function useDocumentType(id: string | undefined) {
  return useQuery({
    queryKey: ["document-types", id],
    queryFn: ({ signal }) => api.get<DocumentType>(`/api/document-types/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSaveDocumentType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: DocumentTypeInput }) =>
      api.save<DocumentType>("/api/document-types", id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["document-types"] }),
  });
}

export interface UploadInput {
  file: File;
  typeId: string;
  title?: string;
  companyId?: string | null;
  responsibleId?: string | null;
  fields?: Record<string, unknown>;
  itemId?: string;
}

export function uploadDocument(input: UploadInput, onProgress: (fraction: number) => void) {
  const form = new FormData();
  // Text parts first: the server reads the stream in order and the file is the big part.
  form.set("typeId", input.typeId);
  if (input.title) form.set("title", input.title);
  if (input.companyId) form.set("companyId", input.companyId);
  if (input.responsibleId) form.set("responsibleId", input.responsibleId);
  if (input.fields && Object.keys(input.fields).length > 0) form.set("fields", JSON.stringify(input.fields));
  const path = input.itemId ? `/api/items/${input.itemId}/documents` : "/api/documents";
  form.set("file", input.file, input.file.name);
  return uploadForm<DocketDocument>(path, form, onProgress);
}

export function uploadVersion(id: string, file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.set("file", file, file.name);
  return uploadForm<DocketDocument>(`/api/documents/${id}/versions`, form, onProgress);
}

export function useDocumentMutations(id: string) {
  const client = useQueryClient();
  const refresh = async (doc: DocketDocument) => {
    client.setQueryData(["document", id], doc);
    await client.invalidateQueries({ queryKey: ["document", id, "history"] });
    await client.invalidateQueries({ queryKey: ["documents"] });
  };
  return {
    setStatus: useMutation({
      mutationFn: (body: { status: string; comment?: string }) =>
        api.post<DocketDocument>(`/api/documents/${id}/status`, body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (body: Partial<Pick<DocketDocument, "title" | "companyId" | "responsibleId" | "fields">>) =>
        api.patch<DocketDocument>(`/api/documents/${id}`, body),
      onSuccess: refresh,
    }),
    refresh,
  };
}

/** The same change for many documents; the answer says per document whether it changed or why not. */
export function useBulkChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkDocumentsBody) => api.post<BulkDocumentsResult>("/api/documents/bulk", body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["documents"] }),
  });
}

export function useReserveNumbers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ typeId, body }: { typeId: string; body: ReserveNumbersBody }) =>
      api.post<{ items: DocketDocument[] }>(`/api/document-types/${typeId}/reservations`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["documents"] }),
  });
}

/** Cancel (reason required), archive (reason optional) and restore (admins) of one document. */
export function useDocumentStateActions(id: string) {
  const { refresh } = useDocumentMutations(id);
  return {
    cancel: useMutation({
      mutationFn: (reason: string) => api.post<DocketDocument>(`/api/documents/${id}/cancel`, { reason }),
      onSuccess: refresh,
    }),
    archive: useMutation({
      mutationFn: (reason: string | null) =>
        api.delete<DocketDocument>(`/api/documents/${id}`, reason ? { reason } : undefined),
      onSuccess: refresh,
    }),
    restore: useMutation({
      mutationFn: () => api.post<DocketDocument>(`/api/documents/${id}/restore`, {}),
      onSuccess: refresh,
    }),
  };
}

export function documentFileUrl(id: string, version?: number, inline = false): string {
  const params = new URLSearchParams();
  if (version) params.set("version", String(version));
  if (inline) params.set("inline", "1");
  const text = params.toString();
  return `/api/documents/${id}/file${text ? `?${text}` : ""}`;
}

/** The version as a PDF: the file itself, an office file converted by LibreOffice, or a scan with recognised text. */
export function documentPreviewUrl(id: string, version: number): string {
  return `/api/documents/${id}/preview?version=${version}`;
}

/** PNG of the first page, at most 320 px wide. */
export function documentThumbnailUrl(id: string, version: number): string {
  return `/api/documents/${id}/thumbnail?version=${version}`;
}
