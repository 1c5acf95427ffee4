export interface DepartmentsTable {
  id: string;
  name: string;
  parentId: string | null;
  headId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The user is away from `fromAt` (inclusive) to `toAt` (exclusive); `deputyId` stands in meanwhile. */
export interface AbsencesTable {
  id: string;
  userId: string;
  deputyId: string;
  fromAt: string;
  toAt: string;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** An administrator's version of a year of the production calendar; replaces the shipped one. Lists are JSON. */
export interface CalendarYearsTable {
  year: number;
  holidays: string;
  workingWeekends: string;
  shortDays: string;
  updatedAt: string;
}

export interface PeopleTables {
  departments: DepartmentsTable;
  absences: AbsencesTable;
  calendarYears: CalendarYearsTable;
}
