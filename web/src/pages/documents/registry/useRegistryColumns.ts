import { useState } from "react";

const STORAGE_KEY = "docket.registry.columns";

function load(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

/** The registry's optional columns ("responsible", "field:<key>"), remembered in this browser. */
export function useRegistryColumns(): [string[], (columns: string[]) => void] {
  const [columns, setColumns] = useState(load);
  return [
    columns,
    (next) => {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setColumns(next);
    },
  ];
}
