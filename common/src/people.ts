import { z } from "zod";
import { idSchema, isoTimestamp, optionalText, requiredText } from "./common.js";
import { approvalSchema, itemSchema } from "./processes.js";

// Departments ----------------------------------------------------------------------------------------------------------

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  headId: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type Department = z.infer<typeof departmentSchema>;

export const createDepartmentBody = z
  .object({ name: requiredText(200), parentId: idSchema.nullable().optional(), headId: idSchema.nullable().optional() })
  .strict();
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;
export const updateDepartmentBody = createDepartmentBody.partial().strict();
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBody>;

// Absences ------------------------------------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const calendarDate = z
  .string()
  .regex(DATE, "A date as YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "No such date",
    },
  );

/** A day ("2026-03-02": from its start / to its end, in DOCKET_TZ) or an exact ISO time. */
const absenceBound = z.union([calendarDate, z.iso.datetime({ offset: true })]);

export const absenceSchema = z.object({
  id: z.string(),
  userId: z.string(),
  from: isoTimestamp,
  to: isoTimestamp,
  deputyId: z.string(),
  reason: z.string().nullable(),
  createdAt: isoTimestamp,
});
export type Absence = z.infer<typeof absenceSchema>;

export const createAbsenceBody = z
  .object({ from: absenceBound, to: absenceBound, deputyId: idSchema, reason: optionalText(500) })
  .strict();
export type CreateAbsenceBody = z.infer<typeof createAbsenceBody>;

// Production calendar -------------------------------------------------------------------------------------------------

export const calendarYearParam = z.coerce.number().int().min(2000).max(2100);
export const calendarYearSchema = z.object({
  year: z.number(),
  holidays: z.array(z.string()),
  workingWeekends: z.array(z.string()),
  shortDays: z.array(z.string()),
  /** Whether an administrator has edited this year (the shipped data no longer applies to it). */
  edited: z.boolean(),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;
export const putCalendarBody = z
  .object({
    holidays: z.array(calendarDate).max(366),
    workingWeekends: z.array(calendarDate).max(366),
    shortDays: z.array(calendarDate).max(366),
  })
  .strict();
export type PutCalendarBody = z.infer<typeof putCalendarBody>;

// My work and email ---------------------------------------------------------------------------------------------------

export const myWorkSchema = z.object({ approvals: z.array(approvalSchema), items: z.array(itemSchema) });
export type MyWork = z.infer<typeof myWorkSchema>;

export const emailModeSchema = z.enum(["each", "digest", "off"]);
export type EmailMode = z.infer<typeof emailModeSchema>;
