import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { AbsencesTable, DepartmentsTable } from "./people.tables.js";

export type DepartmentRow = Selectable<DepartmentsTable>;
export type AbsenceRow = Selectable<AbsencesTable>;

export const allDepartments = (db: Db) =>
  db.selectFrom("departments").selectAll().orderBy("name").orderBy("id").execute();
export const findDepartment = (db: Db, id: string) =>
  db.selectFrom("departments").selectAll().where("id", "=", id).executeTakeFirst();
export const insertDepartment = (db: Db, row: DepartmentRow) => db.insertInto("departments").values(row).execute();
export const updateDepartmentRow = (db: Db, id: string, patch: Updateable<DepartmentsTable>) =>
  db.updateTable("departments").set(patch).where("id", "=", id).execute();
export const deleteDepartmentRow = (db: Db, id: string) => db.deleteFrom("departments").where("id", "=", id).execute();

export async function departmentInUse(db: Db, id: string): Promise<"children" | "members" | null> {
  const child = await db.selectFrom("departments").select("id").where("parentId", "=", id).limit(1).executeTakeFirst();
  if (child) return "children";
  const member = await db.selectFrom("users").select("id").where("departmentId", "=", id).limit(1).executeTakeFirst();
  return member ? "members" : null;
}

/** The people that department and manager resolution needs: name, department, active. */
export const findPeople = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom("users").select(["id", "name", "departmentId", "active"]).where("id", "in", ids).execute();

export const absencesOf = (db: Db, userId: string) =>
  db.selectFrom("absences").selectAll().where("userId", "=", userId).orderBy("fromAt", "desc").execute();
export const findAbsence = (db: Db, id: string) =>
  db.selectFrom("absences").selectAll().where("id", "=", id).executeTakeFirst();
export const insertAbsence = (db: Db, row: AbsenceRow) => db.insertInto("absences").values(row).execute();
export const deleteAbsenceRow = (db: Db, id: string) => db.deleteFrom("absences").where("id", "=", id).execute();

/** Absences that cover `at` (from inclusive, to exclusive) whose `person` is one of `ids`. */
const absencesCovering = (db: Db, person: "userId" | "deputyId", ids: string[], at: string) =>
  db.selectFrom("absences").selectAll().where(person, "in", ids).where("fromAt", "<=", at).where("toAt", ">", at);

/** Absences of these users that cover `at`. */
export const absencesAt = (db: Db, userIds: string[], at: string) =>
  userIds.length === 0
    ? Promise.resolve([])
    : absencesCovering(db, "userId", userIds, at).orderBy("fromAt", "desc").execute();

/** Absences that cover `at` and name one of these users as deputy. */
export const absencesWithDeputyAt = (db: Db, deputyIds: string[], at: string) =>
  deputyIds.length === 0 ? Promise.resolve([]) : absencesCovering(db, "deputyId", deputyIds, at).execute();

export async function overlappingAbsence(db: Db, userId: string, from: string, to: string) {
  return db
    .selectFrom("absences")
    .select("id")
    .where("userId", "=", userId)
    .where("fromAt", "<", to)
    .where("toAt", ">", from)
    .limit(1)
    .executeTakeFirst();
}
