import { BusinessCalendar, fromLocal, parseIsoDuration, parseWorkHours, toLocal } from "@docket/common";
import { describe, expect, it } from "vitest";

const moscow = new BusinessCalendar({ timeZone: "Europe/Moscow", hours: { start: 9 * 60, end: 18 * 60 } });
const d = (text: string) => parseIsoDuration(text)!;
/** Moscow wall time → the ISO instant (UTC+3 all year). */
const msk = (local: string) => new Date(`${local}:00+03:00`).toISOString();
const add = (from: string, duration: string, calendar = moscow) =>
  calendar.addWorkingTime(new Date(from), d(duration)).toISOString();

describe("the 2026 production calendar", () => {
  it("knows the New Year holidays from 31 Dec 2025 to 11 Jan 2026, with 9 Jan transferred", () => {
    expect(moscow.dayKind("2025-12-30")).toBe("working");
    expect(moscow.dayKind("2025-12-31")).toBe("off");
    for (let day = 1; day <= 11; day++) expect(moscow.dayKind(`2026-01-${String(day).padStart(2, "0")}`)).toBe("off");
    expect(moscow.dayKind("2026-01-12")).toBe("working");
  });

  it("knows 31 Dec 2026 as a transferred day off, and the short pre-holiday days", () => {
    expect(moscow.dayKind("2026-12-30")).toBe("working");
    expect(moscow.dayKind("2026-12-31")).toBe("off");
    for (const day of ["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03"])
      expect(moscow.dayKind(day)).toBe("short");
    for (const day of ["2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04"])
      expect(moscow.dayKind(day)).toBe("off");
    expect(moscow.dayKind("2026-03-10")).toBe("working");
  });
});

describe("adding working time in Moscow (09:00–18:00)", () => {
  it("carries hours from the last working day of 2025 over the whole New Year break to 12 Jan", () => {
    expect(add(msk("2025-12-30T17:00"), "PT4H")).toBe(msk("2026-01-12T12:00"));
    expect(add(msk("2025-12-30T10:00"), "P1D")).toBe(msk("2026-01-12T10:00"));
  });

  it("skips 9 Jan, a transferred day off, and 31 Dec 2026 into the 2027 holidays", () => {
    expect(add(msk("2026-01-08T12:00"), "PT1H")).toBe(msk("2026-01-12T10:00"));
    expect(add(msk("2026-12-30T10:00"), "P1D")).toBe(msk("2027-01-11T10:00"));
    expect(add(msk("2026-12-30T16:00"), "PT3H")).toBe(msk("2027-01-11T10:00"));
  });

  it("ends short days an hour early: 30 Apr, 8 May, 11 Jun, 3 Nov", () => {
    expect(add(msk("2026-04-30T15:00"), "PT3H")).toBe(msk("2026-05-04T10:00"));
    expect(add(msk("2026-04-30T15:00"), "PT2H")).toBe(msk("2026-04-30T17:00"));
    expect(add(msk("2026-05-08T16:30"), "PT1H")).toBe(msk("2026-05-12T09:30"));
    expect(add(msk("2026-06-11T09:00"), "PT8H")).toBe(msk("2026-06-11T17:00"));
    expect(add(msk("2026-06-11T09:00"), "PT9H")).toBe(msk("2026-06-15T10:00"));
    expect(add(msk("2026-11-03T17:30"), "PT1H")).toBe(msk("2026-11-05T10:00"));
    // A working day steps to the same hour, but not past the end of a short day.
    expect(add(msk("2026-04-29T17:30"), "P1D")).toBe(msk("2026-04-30T17:00"));
  });

  it("counts a Friday 17:00 reminder into Monday, never the weekend", () => {
    expect(add(msk("2026-03-13T17:00"), "PT4H")).toBe(msk("2026-03-16T12:00"));
    expect(add(msk("2026-03-13T17:00"), "P1D")).toBe(msk("2026-03-16T17:00"));
    expect(add(msk("2026-03-13T17:00"), "PT24H")).toBe(msk("2026-03-18T14:00"));
    expect(add(msk("2026-03-14T10:00"), "PT1H")).toBe(msk("2026-03-16T10:00"));
    expect(add(msk("2026-03-13T19:00"), "PT30M")).toBe(msk("2026-03-16T09:30"));
  });

  it("finishes at the end of the day rather than the next morning when the hours fit exactly", () => {
    expect(add(msk("2026-03-10T14:00"), "PT4H")).toBe(msk("2026-03-10T18:00"));
    expect(add(msk("2026-03-10T08:00"), "PT9H")).toBe(msk("2026-03-10T18:00"));
  });

  it("treats a week as five working days and a month as a calendar month", () => {
    expect(add(msk("2026-03-02T10:00"), "P1W")).toBe(msk("2026-03-10T10:00")); // 9 Mar is a holiday
    // 30 Jan + 1 month = 28 Feb, a Saturday: the next working moment is Monday morning.
    expect(add(msk("2026-01-30T10:00"), "P1M")).toBe(msk("2026-03-02T09:00"));
  });

  it("measures working time between two moments", () => {
    expect(moscow.workingMsBetween(new Date(msk("2026-03-13T17:00")), new Date(msk("2026-03-16T12:00")))).toBe(
      4 * 3_600_000,
    );
    expect(moscow.workingMsBetween(new Date(msk("2026-04-30T09:00")), new Date(msk("2026-05-04T09:00")))).toBe(
      8 * 3_600_000,
    );
  });
});

describe("time zones", () => {
  it("keeps Moscow at UTC+3 all year (no daylight saving since 2014)", () => {
    for (const date of ["2026-01-15", "2026-03-30", "2026-07-15", "2026-10-26"]) {
      expect(fromLocal(date, 9 * 3_600_000, "Europe/Moscow").toISOString()).toBe(`${date}T06:00:00.000Z`);
    }
    // The weekends when Europe changes its clocks are plain weekends in Moscow.
    expect(add(msk("2026-03-27T17:00"), "PT2H")).toBe("2026-03-30T07:00:00.000Z");
    expect(add(msk("2026-10-23T17:00"), "PT2H")).toBe("2026-10-26T07:00:00.000Z");
  });

  it("counts working hours in the configured zone", () => {
    const yekaterinburg = new BusinessCalendar({ timeZone: "Asia/Yekaterinburg", hours: { start: 540, end: 1080 } });
    expect(yekaterinburg.addWorkingTime(new Date("2026-03-13T12:00:00Z"), d("PT2H")).toISOString()).toBe(
      "2026-03-16T05:00:00.000Z", // Friday 17:00 (+5) → Monday 10:00 (+5)
    );
    expect(toLocal(new Date("2026-03-13T12:00:00Z"), "Asia/Yekaterinburg")).toEqual({
      date: "2026-03-13",
      ms: 17 * 3_600_000,
    });
  });

  it("follows a daylight-saving change where the zone has one", () => {
    const newYork = new BusinessCalendar({ timeZone: "America/New_York", hours: { start: 540, end: 1080 }, years: {} });
    // Friday 6 Mar 2026 17:00 EST; clocks go forward on Sunday 8 Mar; Monday 10:00 is EDT (UTC-4).
    expect(newYork.addWorkingTime(new Date("2026-03-06T22:00:00Z"), d("PT2H")).toISOString()).toBe(
      "2026-03-09T14:00:00.000Z",
    );
    expect(newYork.dayKind("2026-03-09")).toBe("working"); // no Russian holidays in an empty calendar
  });
});

describe("working hours setting", () => {
  it("parses DOCKET_WORK_HOURS and refuses nonsense", () => {
    expect(parseWorkHours("09:00-18:00")).toEqual({ start: 540, end: 1080 });
    expect(parseWorkHours("8:30 - 17:15")).toEqual({ start: 510, end: 1035 });
    for (const bad of ["", "9-18", "18:00-09:00", "09:00-09:30", "25:00-26:00", "09:00-18:60"])
      expect(parseWorkHours(bad)).toBeNull();
  });

  it("uses other working hours when configured", () => {
    const early = new BusinessCalendar({ timeZone: "Europe/Moscow", hours: { start: 8 * 60, end: 17 * 60 } });
    expect(add(msk("2026-03-13T16:00"), "PT2H", early)).toBe(msk("2026-03-16T09:00"));
    expect(add(msk("2026-04-30T15:00"), "PT1H", early)).toBe(msk("2026-04-30T16:00"));
    expect(add(msk("2026-04-30T15:00"), "PT2H", early)).toBe(msk("2026-05-04T09:00"));
  });
});
