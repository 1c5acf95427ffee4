import { Temporal } from "temporal-polyfill";

/**
 * ISO-8601 durations as robots use them ("PT5S", "PT24H", "P1D", "P1M", "P2W"), read and added by Temporal, so a
 * month is a calendar month (31 January + P1M = the last day of February), not 30 days or an overflow into March.
 */
export type IsoDuration = Temporal.Duration;

/** The parsed duration, or null when the text is not a positive ISO-8601 duration. */
export function parseIsoDuration(text: string | null | undefined): IsoDuration | null {
  if (!text) return null;
  try {
    const duration = Temporal.Duration.from(text.trim().toUpperCase());
    return duration.sign > 0 ? duration : null;
  } catch {
    return null;
  }
}

/** The moment `duration` after `from`: years, months, weeks and days on the calendar of `timeZone`, the rest exact. */
export function addIsoDuration(from: Date, duration: IsoDuration, timeZone = "UTC"): Date {
  const start = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(timeZone);
  return new Date(start.add(duration).epochMilliseconds);
}

/** How the web shows a delay: the largest calendar or clock unit that expresses it exactly. */
export type DelayUnit = "S" | "M" | "H" | "D" | "MO";

export function delayParts(text: string | null | undefined): { amount: number; unit: DelayUnit } | null {
  const d = parseIsoDuration(text);
  if (!d) return null;
  const clock = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000 + d.milliseconds;
  const days = d.weeks * 7 + d.days;
  if (d.years || d.months) {
    if (days === 0 && clock === 0) return { amount: d.years * 12 + d.months, unit: "MO" };
    return null;
  }
  const ms = days * 86_400_000 + clock;
  // "24 hours" reads better than "1 days": whole days only from two days up.
  if (ms % 86_400_000 === 0 && ms >= 2 * 86_400_000) return { amount: ms / 86_400_000, unit: "D" };
  if (ms % 3_600_000 === 0) return { amount: ms / 3_600_000, unit: "H" };
  if (ms % 60_000 === 0) return { amount: ms / 60_000, unit: "M" };
  return { amount: Math.max(1, Math.round(ms / 1000)), unit: "S" };
}

export function delayIso(amount: number, unit: DelayUnit): string {
  if (unit === "MO") return `P${amount}M`;
  return unit === "D" ? `P${amount}D` : `PT${amount}${unit}`;
}

/** Milliseconds of a duration counted from `from` (calendar units need a starting point). */
export function durationMs(text: string | null | undefined, from: Date = new Date()): number | null {
  const d = parseIsoDuration(text);
  return d ? addIsoDuration(from, d).getTime() - from.getTime() : null;
}
