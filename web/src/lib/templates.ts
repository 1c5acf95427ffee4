/** Client-side rendering of numbering and folder templates, for live previews in settings. */

const TOKEN = /\{([^{}]*)\}/g;
const COUNTER = /^n(?::(\d{1,2}))?$/;

function dateParts(date: Date) {
  const yyyy = String(date.getFullYear());
  return { yyyy, yy: yyyy.slice(2), mm: String(date.getMonth() + 1).padStart(2, "0") };
}

export function renderNumber(template: string, date: Date, counter: number): string {
  const parts = dateParts(date);
  return template.replace(TOKEN, (whole, token: string) => {
    const counterMatch = COUNTER.exec(token);
    if (counterMatch) return String(counter).padStart(Number(counterMatch[1] ?? 1), "0");
    if (token === "yyyy" || token === "yy" || token === "mm") return parts[token];
    return whole;
  });
}

export function renderFolder(template: string, date: Date, values: { type: string; company: string }): string {
  const parts = dateParts(date);
  const rendered = template.replace(TOKEN, (whole, token: string) => {
    if (token === "yyyy" || token === "yy" || token === "mm") return parts[token];
    if (token === "type") return values.type;
    if (token === "company") return values.company;
    return whole;
  });
  return `/${rendered.split("/").filter(Boolean).join("/")}`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The counter the next document would take, read back from the newest number of the type:
 * if that number was made by this template in the current period, the next is one more; otherwise 1.
 */
export function nextCounter(template: string, latestNumber: string | null | undefined, date: Date): number {
  if (!latestNumber) return 1;
  let source = "";
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    source += escapeRegex(template.slice(last, match.index));
    source += COUNTER.test(match[1] ?? "") ? "(?<n>\\d+)" : escapeRegex(renderNumber(match[0], date, 0));
    last = match.index + match[0].length;
  }
  source += escapeRegex(template.slice(last));
  const found = new RegExp(`^${source}$`).exec(latestNumber);
  const n = found?.groups?.n;
  return n ? Number(n) + 1 : 1;
}

export function unknownTokens(template: string, allowed: string[]): string[] {
  return [...template.matchAll(TOKEN)]
    .map((m) => m[1] ?? "")
    .filter((token) => !COUNTER.test(token) && !allowed.includes(token));
}
