import { personMayMove, type Item, type MoveItemBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { AppError, conflict, unprocessable } from "../../lib/errors.js";
import { inTransaction } from "../../db/work.js";
import { assertMayWorkOn, presentItems, requireVisibleItem } from "./items.service.js";
import { requireProcess, stageOf } from "./processes.service.js";
import { enterStage } from "./stage-entry.js";

const isClosed = (semantics: string) => semantics === "success" || semantics === "failure";

/**
 * `POST /api/items/:id/stage`: the initiator, the responsible or an admin moves the item. Leaving a success or
 * failure stage reopens the item and must be asked for explicitly (`reopen: true`), else 409. A stage with `next`
 * lets a person move on only to those stages (409 naming them); robots and approval outcomes use `enterStage` directly.
 */
export async function moveItem(ctx: AppContext, actor: Actor, id: string, input: MoveItemBody): Promise<Item> {
  const item = await requireVisibleItem(ctx.db, actor, id);
  assertMayWorkOn(actor, item);
  const process = await requireProcess(ctx.db, item.processId);
  const target = stageOf(process, input.stage);
  if (!target) throw unprocessable("No such stage in this process", [{ path: "stage", message: "No such stage" }]);
  if (target.code === item.stageCode) return (await presentItems(ctx, process, [item], actor))[0]!;
  const current = stageOf(process, item.stageCode);
  if (current?.next && !personMayMove(current, target.code)) {
    const allowed = current.next.map((code) => `"${stageOf(process, code)?.name ?? code}"`).join(", ");
    throw new AppError(
      "conflict",
      current.next.length > 0
        ? `From "${current.name}" an item can only be moved to ${allowed}`
        : `An item in "${current.name}" can only be moved on by automation`,
      [{ path: "stage", message: `Allowed: ${current.next.join(", ")}` }],
    );
  }
  const reopening = current !== undefined && isClosed(current.semantics);
  if (reopening && input.reopen !== true)
    throw conflict(`The item is closed in "${current.name}"; send reopen: true to move it out`, {
      code: "item_closed",
      params: { stage: current.name },
    });
  const moved = await inTransaction(ctx, (work) =>
    enterStage(ctx, work, process, item, target, { actorId: actor.id, reopen: reopening }),
  );
  return (await presentItems(ctx, process, [moved], actor))[0]!;
}
