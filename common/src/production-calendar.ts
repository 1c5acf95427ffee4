/**
 * The Russian production calendar (производственный календарь) for a five-day week, as shipped data.
 * `holidays`: non-working days on weekdays — public holidays (ТК РФ ст. 112) and days off transferred to a weekday;
 * `workingWeekends`: Saturdays or Sundays made working days by a transfer; `shortDays`: pre-holiday working days, one
 * hour shorter (ТК РФ ст. 95). An administrator's edit (PUT /api/calendar/:year) replaces a year in the database.
 *
 * Sources:
 * - 2025: Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году» — transfers
 *   4 Jan → 2 May, 5 Jan → 31 Dec, 23 Feb → 8 May, 8 Mar → 13 Jun, 1 Nov (Saturday, worked) → 3 Nov; short days
 *   7 Mar, 30 Apr, 11 Jun, 1 Nov; 247 working days (as summarised by КонсультантПлюс / Гарант / cntd.ru).
 * - 2026: Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году» — transfers
 *   3 Jan → 9 Jan, 4 Jan → 31 Dec; 8 Mar (Sunday) → 9 Mar and 9 May (Saturday) → 11 May by ст. 112; short days
 *   30 Apr, 8 May, 11 Jun, 3 Nov; no working weekends.
 * - 2027: PROVISIONAL. No decree on transfers for 2027 could be confirmed when this was written (reports of a draft
 *   mention 4–7 Nov off and Saturday 13 Nov worked). Shipped: the holidays of ст. 112, the moves ст. 112 makes by
 *   itself (1 May Sat → 3 May, 9 May Sun → 10 May, 12 Jun Sat → 14 Jun) and the pre-holiday short days. Where the
 *   decree differs, an administrator corrects 2027 in Settings → Calendar.
 */
export interface CalendarYearData {
  year: number;
  holidays: string[];
  workingWeekends: string[];
  shortDays: string[];
}

const days = (year: number, list: string[]) => list.map((md) => `${year}-${md}`);

// prettier-ignore
export const RUSSIAN_PRODUCTION_CALENDAR: Record<number, CalendarYearData> = {
  2025: {
    year: 2025,
    holidays: days(2025, [
      "01-01", "01-02", "01-03", "01-06", "01-07", "01-08",
      "05-01", "05-02", "05-08", "05-09",
      "06-12", "06-13",
      "11-03", "11-04",
      "12-31",
    ]),
    workingWeekends: days(2025, ["11-01"]),
    shortDays: days(2025, ["03-07", "04-30", "06-11", "11-01"]),
  },
  2026: {
    year: 2026,
    holidays: days(2026, [
      "01-01", "01-02", "01-05", "01-06", "01-07", "01-08", "01-09",
      "02-23",
      "03-09",
      "05-01", "05-11",
      "06-12",
      "11-04",
      "12-31",
    ]),
    workingWeekends: [],
    shortDays: days(2026, ["04-30", "05-08", "06-11", "11-03"]),
  },
  2027: {
    year: 2027,
    holidays: days(2027, [
      "01-01", "01-04", "01-05", "01-06", "01-07", "01-08",
      "02-23",
      "03-08",
      "05-03", "05-10",
      "06-14",
      "11-04",
    ]),
    workingWeekends: [],
    shortDays: days(2027, ["02-22", "04-30", "06-11", "11-03", "12-31"]),
  },
};
