/** ISO-8601 durations as robots use them ("PT5S", "PT24H", "P1D", "P1DT12H", "P2W"). */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,3})?)S)?)?$/;

/** The parsed duration, or null when the text is not a positive ISO-8601 duration. */
export function parseIsoDuration(text: string): IsoDuration | null {
  const m = PATTERN.exec(text.trim().toUpperCase());
  if (!m || text.trim().endsWith("T")) return null;
  const n = (i: number) => Number((m[i] ?? "0").replace(",", "."));
  const d = { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
  return Object.values(d).some((v) => v > 0) ? d : null;
}

/** The moment `duration` after `from`; years and months follow the calendar (UTC), the rest are exact. */
export function addIsoDuration(from: Date, duration: IsoDuration): Date {
  const at = new Date(from.getTime());
  if (duration.years || duration.months) {
    at.setUTCMonth(at.getUTCMonth() + duration.years * 12 + duration.months);
  }
  const ms =
    (((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60_000 +
    Math.round(duration.seconds * 1000);
  return new Date(at.getTime() + ms);
}
