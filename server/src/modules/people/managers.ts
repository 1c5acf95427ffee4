import type { Db } from "../../db/database.js";
import * as repo from "./people.repository.js";

export type ManagerLookup = { managerId: string; reason: null } | { managerId: null; reason: string };

const MAX_DEPTH = 50;

/**
 * A user's manager: the head of their department; for the head themself (or a department without a head), the head
 * of the nearest department above. Null with the reason when there is none, so a robot can say why it skipped them.
 */
export async function managerOf(db: Db, userId: string): Promise<ManagerLookup> {
  const [user] = await repo.findPeople(db, [userId]);
  if (!user) return { managerId: null, reason: "no such user" };
  if (!user.departmentId) return { managerId: null, reason: `${user.name} belongs to no department` };
  let departmentId: string | null = user.departmentId;
  for (let depth = 0; departmentId && depth < MAX_DEPTH; depth++) {
    const department = await repo.findDepartment(db, departmentId);
    if (!department) break;
    if (department.headId && department.headId !== userId) {
      const [head] = await repo.findPeople(db, [department.headId]);
      if (head?.active === 1) return { managerId: head.id, reason: null };
    }
    departmentId = department.parentId;
  }
  return { managerId: null, reason: `${user.name} has no manager: no active head above them in the departments` };
}
