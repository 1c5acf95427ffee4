import type { CreateAbsenceBody, CreateDepartmentBody, PutCalendarBody, UpdateDepartmentBody } from "@docket/common";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Absence, Approval, CalendarYear, Department, Item, Page } from "./types";

export function useDepartments() {
  return useQuery({
    queryKey: ["departments"],
    queryFn: ({ signal }) => api.get<Page<Department>>("/api/departments", undefined, signal),
    staleTime: 60_000,
  });
}

export function useSaveDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateDepartmentBody | UpdateDepartmentBody }) =>
      api.save<Department>("/api/departments", id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["departments"] }),
  });
}

export function useDeleteDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/departments/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["departments"] }),
  });
}

export function useAbsences(userId: string | null) {
  return useQuery({
    queryKey: ["absences", userId],
    queryFn: ({ signal }) => api.get<Page<Absence>>(`/api/users/${userId}/absences`, undefined, signal),
    enabled: userId !== null,
  });
}

export function useAddAbsence(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAbsenceBody) => api.post<Absence>(`/api/users/${userId}/absences`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["absences", userId] }),
  });
}

export function useDeleteAbsence(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/absences/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["absences", userId] }),
  });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ["calendar", year],
    queryFn: ({ signal }) => api.get<CalendarYear>(`/api/calendar/${year}`, undefined, signal),
  });
}

export function useSaveCalendarYear(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutCalendarBody) => api.put<CalendarYear>(`/api/calendar/${year}`, body),
    onSuccess: (data) => client.setQueryData(["calendar", year], data),
  });
}

export function useMyWork() {
  return useQuery({
    queryKey: ["my-work"],
    queryFn: ({ signal }) => api.get<{ approvals: Approval[]; items: Item[] }>("/api/my-work", undefined, signal),
  });
}
