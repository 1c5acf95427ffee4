import { Button, Chip, Group, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { ItemFilters } from "../../api/processes";
import { CompanyPicker, UserPicker } from "../../components/pickers";

/** The board's filters live in the URL (`?q=&mine=1&responsible=&company=&overdue=1`), so a link shows the same cards. */
export function useKanbanFilters(): [ItemFilters, (patch: Partial<Record<FilterKey, string | null>>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ItemFilters = {
    q: params.get("q") ?? undefined,
    mine: params.get("mine") === "1" || undefined,
    responsibleId: params.get("responsible") ?? undefined,
    companyId: params.get("company") ?? undefined,
    overdue: params.get("overdue") === "1" || undefined,
  };
  const update = (patch: Partial<Record<FilterKey, string | null>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return [filters, update];
}

type FilterKey = "q" | "mine" | "responsible" | "company" | "overdue";

export function KanbanFilters({ shown }: { shown: number | null }) {
  const { t } = useTranslation();
  const [filters, update] = useKanbanFilters();
  const [search, setSearch] = useState(filters.q ?? "");
  const pushSearch = useDebouncedCallback((value: string) => update({ q: value.trim() || null }), 300);
  const active = Object.values(filters).some(Boolean);

  return (
    <Group gap="sm" align="flex-end" mb="sm" wrap="wrap" role="search" aria-label={t("kanbanScale.filters")}>
      <TextInput
        label={t("kanbanScale.search")}
        placeholder={t("kanbanScale.searchPlaceholder")}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          pushSearch(event.currentTarget.value);
        }}
        w={260}
        type="search"
      />
      <UserPicker
        label={t("kanbanScale.responsible")}
        placeholder={t("kanbanScale.anyone")}
        value={filters.responsibleId ?? null}
        onChange={(value) => update({ responsible: value, mine: null })}
        w={200}
        disabled={filters.mine}
      />
      <CompanyPicker
        label={t("kanbanScale.company")}
        value={filters.companyId ?? null}
        onChange={(value) => update({ company: value })}
        w={220}
      />
      <Chip
        checked={filters.mine ?? false}
        onChange={(checked) => update({ mine: checked ? "1" : null, responsible: null })}
        mb={4}
      >
        {t("kanbanScale.mine")}
      </Chip>
      <Chip checked={filters.overdue ?? false} onChange={(checked) => update({ overdue: checked ? "1" : null })} mb={4}>
        {t("kanbanScale.overdue")}
      </Chip>
      {active && (
        <Button
          variant="subtle"
          mb={2}
          onClick={() => {
            setSearch("");
            update({ q: null, mine: null, responsible: null, company: null, overdue: null });
          }}
        >
          {t("kanbanScale.reset")}
        </Button>
      )}
      {active && shown !== null && (
        <span className="kanban-shown" aria-live="polite">
          {t("kanbanScale.shown", { count: shown })}
        </span>
      )}
    </Group>
  );
}
