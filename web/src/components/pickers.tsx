import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCompanies, useCompany } from "../api/companies";
import type { Company } from "../api/types";
import { useUsers } from "../api/users";

type PickerProps = Omit<SelectProps, "data" | "value" | "onChange"> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

/** A company as the search box lists it: by name, with its INN when it has one. */
const companyOption = (c: Company) => ({ value: c.id, label: c.inn ? `${c.name} (${c.inn})` : c.name });

/** Company search box: asks the server as the user types (name or INN). */
export function CompanyPicker({ value, onChange, ...props }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const companies = useCompanies(debounced);
  const selected = useCompany(value);
  const options = (companies.data?.items ?? []).map(companyOption);
  // The chosen company stays listed when the search no longer finds it.
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    options.unshift(companyOption(selected.data));
  }
  return (
    <Select
      label={t("fields.company")}
      placeholder={t("common.search")}
      searchable
      clearable
      filter={({ options: all }) => all}
      data={options}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      nothingFoundMessage={t("common.nothingFound")}
      {...props}
    />
  );
}

export function UserPicker({ value, onChange, ...props }: PickerProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const options = (users.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Select
      label={t("fields.responsible")}
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      nothingFoundMessage={t("common.nothingFound")}
      {...props}
    />
  );
}
