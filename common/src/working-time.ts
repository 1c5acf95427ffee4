import type { IsoDuration } from "./duration.js";
import { RUSSIAN_PRODUCTION_CALENDAR, type CalendarYearData } from "./production-calendar.js";

/** Working hours of an ordinary day, minutes after local midnight: `09:00-18:00` → { start: 540, end: 1080 }. */
export interface WorkHours {
  start: number;
  end: number;
}

/** "HH:MM-HH:MM" (DOCKET_WORK_HOURS) → minutes, or null when malformed, empty, or too short for a short day. */
export function parseWorkHours(text: string): WorkHours | null {
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (end > 24 * 60 || end - start <= 60) return null;
  return { start, end };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SHORT_DAY_MINUTES = 60;

/** A local calendar day as "YYYY-MM-DD"; day arithmetic runs on UTC dates, which have no DST. */
type LocalDate = string;
const dateOf = (utcMidnight: number): LocalDate => new Date(utcMidnight).toISOString().slice(0, 10);
const midnightOf = (date: LocalDate) => Date.parse(`${date}T00:00:00Z`);
const nextDate = (date: LocalDate) => dateOf(midnightOf(date) + DAY_MS);

interface LocalMoment {
  date: LocalDate;
  /** Milliseconds after local midnight. */
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`, read from the time zone database Node ships (Intl). */
export function toLocal(instant: Date, timeZone: string): LocalMoment {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const ms = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, ms: ms + (((instant.getTime() % 1000) + 1000) % 1000) };
}

const offsetAt = (instant: number, timeZone: string) => {
  const local = toLocal(new Date(instant), timeZone);
  return midnightOf(local.date) + local.ms - instant;
};

/**
 * The instant when the wall clock in `timeZone` shows `ms` on `date`. Two passes settle the offset around a DST
 * change; a wall time that does not exist (skipped forward) lands just after the gap.
 */
export function fromLocal(date: LocalDate, ms: number, timeZone: string): Date {
  const wall = midnightOf(date) + ms;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

export type DayKind = "off" | "working" | "short";

export interface BusinessCalendarOptions {
  timeZone: string;
  hours: WorkHours;
  /** Per year; a year without data counts Saturdays and Sundays as days off and nothing else. */
  years?: Record<number, CalendarYearData>;
}

/**
 * Working time: the days of the production calendar, the working hours of each day (a short day ends an hour
 * earlier), in one time zone. Durations in working time: hours, minutes and seconds count working time only; days
 * (and weeks of five days) step to the same wall time on the next working day; months and years move the calendar
 * date first.
 */
export class BusinessCalendar {
  readonly timeZone: string;
  readonly hours: WorkHours;
  private readonly kinds = new Map<LocalDate, DayKind>();
  private readonly coveredYears = new Set<number>();

  constructor(options: BusinessCalendarOptions) {
    this.timeZone = options.timeZone;
    this.hours = options.hours;
    for (const data of Object.values(options.years ?? RUSSIAN_PRODUCTION_CALENDAR)) {
      this.coveredYears.add(data.year);
      for (const d of data.holidays) this.kinds.set(d, "off");
      for (const d of data.workingWeekends) this.kinds.set(d, "working");
      for (const d of data.shortDays) this.kinds.set(d, "short");
    }
  }

  dayKind(date: LocalDate): DayKind {
    const listed = this.kinds.get(date);
    if (listed) return listed;
    const weekday = new Date(midnightOf(date)).getUTCDay();
    return weekday === 0 || weekday === 6 ? "off" : "working";
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.dayKind(date) !== "off";
  }

  /** The day's working hours in ms after local midnight, or null on a day off. */
  private window(date: LocalDate): { start: number; end: number } | null {
    const kind = this.dayKind(date);
    if (kind === "off") return null;
    const end = this.hours.end - (kind === "short" ? SHORT_DAY_MINUTES : 0);
    return { start: this.hours.start * MINUTE_MS, end: end * MINUTE_MS };
  }

  private nextWorkingDate(date: LocalDate): LocalDate {
    let d = nextDate(date);
    // A calendar with every day off would loop forever; ten years of days off is a broken calendar, not a wait.
    for (let i = 0; i < 3660 && !this.isWorkingDay(d); i++) d = nextDate(d);
    return d;
  }

  /** The moment itself when it is inside working hours (end included), else the start of the next working hours. */
  nextWorkingMoment(instant: Date): Date {
    return this.toInstant(this.normalize(toLocal(instant, this.timeZone)));
  }

  /** The start of working hours of the first working day after `instant`'s local day. */
  nextWorkingDayStart(instant: Date): Date {
    const date = this.nextWorkingDate(toLocal(instant, this.timeZone).date);
    return this.toInstant({ date, ms: this.window(date)!.start });
  }

  /** The next start of working hours after `instant`: today's, if it is a working day and still ahead, else the next. */
  nextWorkdayStart(instant: Date): Date {
    const local = toLocal(instant, this.timeZone);
    const window = this.window(local.date);
    if (window && local.ms < window.start) return this.toInstant({ date: local.date, ms: window.start });
    return this.nextWorkingDayStart(instant);
  }

  /** `instant` + `duration` counted in working time. */
  addWorkingTime(instant: Date, duration: IsoDuration): Date {
    let at = toLocal(instant, this.timeZone);
    if (duration.years || duration.months) at = this.addMonths(at, duration.years * 12 + duration.months);
    at = this.normalize(at);
    const workingDays = duration.weeks * 5 + duration.days;
    for (let i = 0; i < workingDays; i++) {
      const date = this.nextWorkingDate(at.date);
      const window = this.window(date)!;
      at = { date, ms: Math.min(Math.max(at.ms, window.start), window.end) };
    }
    let remaining =
      ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000 + Math.round(duration.milliseconds);
    while (remaining > 0) {
      const window = this.window(at.date);
      const available = window ? Math.max(0, window.end - Math.max(at.ms, window.start)) : 0;
      if (window && remaining <= available) {
        at = { date: at.date, ms: Math.max(at.ms, window.start) + remaining };
        remaining = 0;
      } else {
        remaining -= available;
        const date = this.nextWorkingDate(at.date);
        at = { date, ms: this.window(date)!.start };
      }
    }
    return this.toInstant(at);
  }

  /** Working milliseconds between two instants (0 when `to` is not after `from`). */
  workingMsBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    const a = toLocal(from, this.timeZone);
    const b = toLocal(to, this.timeZone);
    let total = 0;
    for (let date = a.date; date <= b.date; date = nextDate(date)) {
      const window = this.window(date);
      if (!window) continue;
      const start = Math.max(window.start, date === a.date ? a.ms : 0);
      const end = Math.min(window.end, date === b.date ? b.ms : DAY_MS);
      if (end > start) total += end - start;
    }
    return total;
  }

  private normalize(at: LocalMoment): LocalMoment {
    const window = this.window(at.date);
    if (window && at.ms <= window.end) return { date: at.date, ms: Math.max(at.ms, window.start) };
    const date = this.nextWorkingDate(at.date);
    return { date, ms: this.window(date)!.start };
  }

  private addMonths(at: LocalMoment, months: number): LocalMoment {
    const d = new Date(midnightOf(at.date));
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, lastDay));
    return { date: dateOf(d.getTime()), ms: at.ms };
  }

  private toInstant(at: LocalMoment): Date {
    return fromLocal(at.date, at.ms, this.timeZone);
  }
}

/** The years of the shipped calendar with an administrator's edits laid over them (an edited year replaces it whole). */
export function calendarYears(overrides: CalendarYearData[]): Record<number, CalendarYearData> {
  const years: Record<number, CalendarYearData> = { ...RUSSIAN_PRODUCTION_CALENDAR };
  for (const year of overrides) years[year.year] = year;
  return years;
}
