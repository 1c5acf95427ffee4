import {
  BusinessCalendar,
  calendarYears,
  RUSSIAN_PRODUCTION_CALENDAR,
  type CalendarYear,
  type CalendarYearData,
  type PutCalendarBody,
} from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { unprocessable, type FieldError } from "../../lib/errors.js";
import { inTransaction } from "../../db/work.js";

async function editedYears(db: Db): Promise<CalendarYearData[]> {
  const rows = await db.selectFrom("calendarYears").selectAll().execute();
  return rows.map((row) => ({
    year: Number(row.year),
    holidays: JSON.parse(row.holidays) as string[],
    workingWeekends: JSON.parse(row.workingWeekends) as string[],
    shortDays: JSON.parse(row.shortDays) as string[],
  }));
}

/**
 * Working time as configured: DOCKET_WORK_HOURS in DOCKET_TZ over the shipped production calendar with the
 * administrators' edits. Read inside the caller's transaction when it has one (on SQLite a read outside it would wait).
 */
export async function loadBusinessCalendar(db: Db, config: AppContext["config"]): Promise<BusinessCalendar> {
  return new BusinessCalendar({
    timeZone: config.timeZone,
    hours: config.workHours,
    years: calendarYears(await editedYears(db)),
  });
}

export async function getCalendarYear(ctx: AppContext, year: number): Promise<CalendarYear> {
  const edited = (await editedYears(ctx.db)).find((y) => y.year === year);
  const data = edited ??
    RUSSIAN_PRODUCTION_CALENDAR[year] ?? { year, holidays: [], workingWeekends: [], shortDays: [] };
  return { ...data, year, edited: edited !== undefined };
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function check(year: number, body: PutCalendarBody): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const list of ["holidays", "workingWeekends", "shortDays"] as const) {
    body[list].forEach((date, i) => {
      if (!date.startsWith(`${year}-`)) errors.push({ path: `${list}.${i}`, message: `${date} is not in ${year}` });
      const other = seen.get(date);
      if (other && other !== list) errors.push({ path: `${list}.${i}`, message: `${date} is also in ${other}` });
      seen.set(date, list);
      const day = weekday(date);
      if (list === "workingWeekends" && day !== 0 && day !== 6)
        errors.push({ path: `${list}.${i}`, message: `${date} is not a Saturday or Sunday` });
    });
  }
  return errors;
}

/** An administrator's version of a year replaces the shipped one whole (it is what the decree says, not a diff). */
export async function putCalendarYear(
  ctx: AppContext,
  actor: Actor,
  year: number,
  body: PutCalendarBody,
): Promise<CalendarYear> {
  const errors = check(year, body);
  if (errors.length > 0) throw unprocessable("The calendar does not fit the year", errors);
  const sorted = (list: string[]) => JSON.stringify([...new Set(list)].sort());
  const row = {
    year,
    holidays: sorted(body.holidays),
    workingWeekends: sorted(body.workingWeekends),
    shortDays: sorted(body.shortDays),
  };
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await trx
      .insertInto("calendarYears")
      .values({ ...row, updatedAt: at })
      .onConflict((oc) => oc.column("year").doUpdateSet({ ...row, updatedAt: at }))
      .execute();
    await audit({
      actorId: actor.id,
      entityType: "calendar",
      entityId: String(year),
      action: "calendar.updated",
      details: {
        holidays: body.holidays.length,
        workingWeekends: body.workingWeekends.length,
        shortDays: body.shortDays.length,
      },
    });
  });
  return getCalendarYear(ctx, year);
}
