import type { MyWork } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { itemsResponsibleOf } from "../processes/index.js";
import { listMyApprovals } from "./approvals.service.js";

const MY_WORK_LIMIT = 200;

/** `GET /api/my-work`: pending approvals (own and those the caller may decide as a deputy) and their open items. */
export async function myWork(ctx: AppContext, actor: Actor): Promise<MyWork> {
  const approvals = await listMyApprovals(ctx, actor, { limit: MY_WORK_LIMIT, state: "pending" });
  return { approvals: approvals.items, items: await itemsResponsibleOf(ctx, actor) };
}
