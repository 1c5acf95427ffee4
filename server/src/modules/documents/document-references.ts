import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { AppError, unprocessable } from "../../lib/errors.js";
import { getCompany } from "../crm/index.js";
import { assertActiveUsers } from "../users/index.js";

/** Checks that the actor may link a document to the item (it exists and they may work on it); throws otherwise. */
export type ItemLinkCheck = (db: Db, actor: Actor | null, itemId: string) => Promise<void>;

let itemLinkCheck: ItemLinkCheck | null = null;

/** The process module tells documents how to check an item before a document is linked to it. */
export function registerItemLinkCheck(check: ItemLinkCheck): void {
  itemLinkCheck = check;
}

export async function assertItemsLinkable(db: Db, actor: Actor | null, itemIds: string[]): Promise<void> {
  for (const itemId of itemIds) {
    if (!itemLinkCheck) throw unprocessable("No such item", [{ path: "itemId", message: "No such item" }]);
    await itemLinkCheck(db, actor, itemId);
  }
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found";

/** The company a document refers to, or a 422 on `companyId`; null stays null. */
export async function companyNameOf(ctx: AppContext, companyId: string | null): Promise<string | null> {
  if (companyId === null) return null;
  try {
    return (await getCompany(ctx, companyId)).name;
  } catch (error) {
    if (isNotFound(error)) throw unprocessable("No such company", [{ path: "companyId", message: "No such company" }]);
    throw error;
  }
}

export async function assertResponsible(ctx: AppContext, userId: string | null): Promise<void> {
  if (userId === null) return;
  await assertActiveUsers(ctx.db, "responsibleId", [userId]);
}
