import type { ApprovalRound, ItemApprovals } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import { documentsVisibleTo } from "../processes/index.js";
import { requireVisibleItem } from "../processes/index.js";
import * as repo from "./approvals.repository.js";
import { roundDocuments } from "./rounds.js";

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

/**
 * `GET /api/items/:id/approvals`: every round, oldest first, with the documents' versions it was bound to and each
 * task (who decided, on whose behalf, the decision and remark). Documents the caller may not open are left out.
 */
export async function itemApprovals(ctx: AppContext, actor: Actor, itemId: string): Promise<ItemApprovals> {
  const item = await requireVisibleItem(ctx.db, actor, itemId);
  const rounds = await repo.roundsOfItem(ctx.db, item.id);
  const tasks = await repo.namedTasksOf(
    ctx.db,
    rounds.map((r) => r.id),
  );
  const documentIds = [...new Set(rounds.flatMap((r) => roundDocuments(r).map((d) => d.id)))];
  const visible = isAdmin(actor) ? new Set(documentIds) : await documentsVisibleTo(ctx, actor, documentIds);
  return {
    rounds: rounds.map((r): ApprovalRound => ({
      round: r.round,
      mode: r.mode,
      startedAt: r.createdAt,
      finishedAt: r.decidedAt,
      outcome: r.state === "approved" || r.state === "rejected" ? r.state : null,
      sheetSha256: r.sheetSha256,
      documents: roundDocuments(r)
        .filter((d) => visible.has(d.id))
        .map(({ id, number, title, version, sha256 }) => ({ id, number, title, version, sha256 })),
      tasks: tasks
        .filter((t) => t.approvalId === r.id)
        .map((t) => ({
          id: t.id,
          approver: t.decidedBy
            ? { id: t.decidedBy, name: t.decidedByName ?? "" }
            : { id: t.approverId, name: t.approverName },
          onBehalfOf: person(t.onBehalfOf, t.onBehalfOfName),
          decision: t.decision,
          state: t.state,
          comment: t.comment,
          decidedAt: t.state === "cancelled" ? null : t.decidedAt,
          dueAt: t.dueAt,
        })),
    })),
  };
}
