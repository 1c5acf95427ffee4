export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(language === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
  });
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString(language === "ru" ? "ru-RU" : "en-GB");
}

/** A file size in the user's language: "1,5 КБ" / "1.5 KB" (units from common.sizeUnits). */
export function formatSize(bytes: number, language: string, units: Record<"B" | "KB" | "MB" | "GB", string>): string {
  const number = new Intl.NumberFormat(language === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number.format(bytes)} ${units.B}`;
  if (bytes < 1024 ** 2) return `${number.format(bytes / 1024)} ${units.KB}`;
  if (bytes < 1024 ** 3) return `${number.format(bytes / 1024 ** 2)} ${units.MB}`;
  return `${number.format(bytes / 1024 ** 3)} ${units.GB}`;
}

/** An amount as people write it: digits grouped, at most two decimals ("1 500 000,5" / "1,500,000.5"). */
export function formatAmount(value: number, language: string): string {
  return new Intl.NumberFormat(language === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/** A duration as the largest one or two units: "3 d 4 h", "25 min". Units come translated. */
export function formatDuration(ms: number, units: { d: string; h: string; m: string }): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} ${units.d} ${hours} ${units.h}` : `${days} ${units.d}`;
  if (hours > 0) return mins > 0 ? `${hours} ${units.h} ${mins} ${units.m}` : `${hours} ${units.h}`;
  return `${mins} ${units.m}`;
}

/** Any JSON value as display text: scalars as they are, objects and arrays as JSON. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
