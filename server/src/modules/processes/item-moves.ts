import type { Item, MoveItemBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { conflict, unprocessable } from "../../lib/errors.js";
import { inTransaction } from "../../db/work.js";
import { assertMayWorkOn, presentItems, requireVisibleItem } from "./items.service.js";
import { requireProcess, stageOf } from "./processes.service.js";
import { enterStage } from "./stage-entry.js";

const isClosed = (semantics: string) => semantics === "success" || semantics === "failure";

/**
 * `POST /api/items/:id/stage`: the initiator, the responsible or an admin moves the item. Leaving a success or
 * failure stage reopens the item and must be asked for explicitly (`reopen: true`), else 409.
 */
export async function moveItem(ctx: AppContext, actor: Actor, id: string, input: MoveItemBody): Promise<Item> {
  const item = await requireVisibleItem(ctx.db, actor, id);
  assertMayWorkOn(actor, item);
  const process = await requireProcess(ctx.db, item.processId);
  const target = stageOf(process, input.stage);
  if (!target) throw unprocessable("No such stage in this process", [{ path: "stage", message: "No such stage" }]);
  if (target.code === item.stageCode) return (await presentItems(ctx, process, [item]))[0]!;
  const current = stageOf(process, item.stageCode);
  const reopening = current !== undefined && isClosed(current.semantics);
  if (reopening && input.reopen !== true)
    throw conflict(`The item is closed in "${current.name}"; send reopen: true to move it out`);
  const moved = await inTransaction(ctx, (work) =>
    enterStage(ctx, work, process, item, target, { actorId: actor.id, reopen: reopening }),
  );
  return (await presentItems(ctx, process, [moved]))[0]!;
}
