import type { CreateDepartmentBody, Department, UpdateDepartmentBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { inTransaction, type Work } from "../../db/work.js";
import type { Db } from "../../db/database.js";
import { conflict, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { assertActiveUsers } from "../users/index.js";
import * as repo from "./people.repository.js";

const present = (row: repo.DepartmentRow): Department => ({
  id: row.id,
  name: row.name,
  parentId: row.parentId,
  headId: row.headId,
  createdAt: row.createdAt,
});

export async function listDepartments(ctx: AppContext): Promise<{ items: Department[]; nextCursor: null }> {
  return { items: (await repo.allDepartments(ctx.db)).map(present), nextCursor: null };
}

async function requireDepartment(db: Db, id: string): Promise<repo.DepartmentRow> {
  const row = await repo.findDepartment(db, id);
  if (!row) throw notFound("Department not found");
  return row;
}

/** The parent exists and is not the department itself or one of its descendants; the head is an active user. */
async function assertFits(db: Db, id: string | null, parentId: string | null | undefined, headId?: string | null) {
  if (parentId) {
    let cursor: string | null = parentId;
    for (let depth = 0; cursor; depth++) {
      if (cursor === id || depth > 100)
        throw unprocessable("A department cannot be inside itself", [
          { path: "parentId", message: "This would make a loop" },
        ]);
      const parent = await repo.findDepartment(db, cursor);
      if (!parent) throw unprocessable("No such department", [{ path: "parentId", message: "No such department" }]);
      cursor = parent.parentId;
    }
  }
  await assertActiveUsers(db, "headId", [headId]);
}

export async function createDepartment(
  ctx: AppContext,
  actor: Actor,
  input: CreateDepartmentBody,
): Promise<Department> {
  await assertFits(ctx.db, null, input.parentId, input.headId);
  const row = await inTransaction(ctx, async (work) => {
    const row: repo.DepartmentRow = {
      id: newId(new Date(work.at).getTime()),
      name: input.name,
      parentId: input.parentId ?? null,
      headId: input.headId ?? null,
      createdAt: work.at,
      updatedAt: work.at,
    };
    await repo.insertDepartment(work.trx, row);
    await audit(work, actor, row.id, "department.created", { name: row.name });
    return row;
  });
  return present(row);
}

export async function updateDepartment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDepartmentBody,
): Promise<Department> {
  await requireDepartment(ctx.db, id);
  await assertFits(ctx.db, id, input.parentId, input.headId);
  await inTransaction(ctx, async (work) => {
    await repo.updateDepartmentRow(work.trx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.parentId !== undefined && { parentId: input.parentId }),
      ...(input.headId !== undefined && { headId: input.headId }),
      updatedAt: work.at,
    });
    await audit(work, actor, id, "department.updated", { changed: Object.keys(input) });
  });
  return present(await requireDepartment(ctx.db, id));
}

/** Only an empty department goes: moving its people and sub-departments elsewhere is a decision for a person. */
export async function deleteDepartment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await requireDepartment(ctx.db, id);
  const inUse = await repo.departmentInUse(ctx.db, id);
  if (inUse === "children")
    throw conflict("The department has sub-departments; move or delete them first", {
      code: "department_has_children",
    });
  if (inUse === "members")
    throw conflict("People belong to this department; move them first", { code: "department_has_members" });
  await inTransaction(ctx, async (work) => {
    await repo.deleteDepartmentRow(work.trx, id);
    await audit(work, actor, id, "department.deleted", { name: row.name });
  });
}

/** For the users module: a department a user is put into must exist. */
export async function assertDepartmentExists(db: Db, id: string | null | undefined): Promise<void> {
  if (id && !(await repo.findDepartment(db, id)))
    throw unprocessable("No such department", [{ path: "departmentId", message: "No such department" }]);
}

const audit = (work: Work, actor: Actor, id: string, action: string, details: object) =>
  work.audit({ actorId: actor.id, entityType: "department", entityId: id, action, details: { ...details } });
