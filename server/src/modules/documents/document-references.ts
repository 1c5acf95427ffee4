import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { referencedCompany } from "../crm/index.js";
import { assertActiveUsers } from "../users/index.js";

/**
 * Checks that the actor may link a document to the item (it exists and they may work on it); throws otherwise.
 * The process module says how (ctx.hooks), so documents need not know items.
 */
export type ItemLinkCheck = (db: Db, actor: Actor | null, itemId: string) => Promise<void>;

export async function assertItemsLinkable(
  ctx: Pick<AppContext, "db" | "hooks">,
  actor: Actor | null,
  itemIds: string[],
): Promise<void> {
  for (const itemId of itemIds) await ctx.hooks.itemLinkCheck(ctx.db, actor, itemId);
}

/** The company a document refers to, or a 422 on `companyId`; null stays null. */
export async function companyNameOf(ctx: AppContext, companyId: string | null): Promise<string | null> {
  if (companyId === null) return null;
  return (await referencedCompany(ctx.db, companyId)).name;
}

export async function assertResponsible(ctx: AppContext, userId: string | null): Promise<void> {
  if (userId === null) return;
  await assertActiveUsers(ctx.db, "responsibleId", [userId]);
}
