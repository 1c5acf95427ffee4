import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import type { Database } from "../../db/schema.js";

export type DocumentsEb = ExpressionBuilder<Database, "documents">;

/**
 * Who else counts as a participant of a document, besides its creator and responsible: the process module adds
 * the initiator, responsible, observers and approvers of the items the document is linked to (`document_items`).
 * A filter is a SQL condition on the `documents` row, so lists, single reads and edits share one policy.
 */
export type DocumentParticipantsFilter = (eb: DocumentsEb, actorId: string) => Expression<SqlBool>;

/**
 * Who looks at documents: the actor (null = automation, which sees all) and the participant filters in force, which
 * the composition root puts in `ctx.hooks.documentParticipants`. Visibility is SQL built inside the documents and
 * drive repositories, which are handed a database rather than the context, so the policy travels with the actor.
 */
export interface DocumentViewer<A extends Actor | null = Actor | null> {
  actor: A;
  participants: readonly DocumentParticipantsFilter[];
}

export const documentViewer = <A extends Actor | null>(
  ctx: Pick<AppContext, "hooks">,
  actor: A,
): DocumentViewer<A> => ({ actor, participants: ctx.hooks.documentParticipants });

/** The actor is a participant: creator, responsible, or anyone a filter names. */
function participantsFilter(
  eb: DocumentsEb,
  participants: readonly DocumentParticipantsFilter[],
  actorId: string,
): Expression<SqlBool> {
  return eb.or([
    eb("documents.createdBy", "=", actorId),
    eb("documents.responsibleId", "=", actorId),
    ...participants.map((filter) => filter(eb, actorId)),
  ]);
}

/** `canSeeDocument` as SQL: admins see all; others see types open to all, and their own otherwise. */
export function canSeeDocument({ actor, participants }: DocumentViewer) {
  return (eb: DocumentsEb): Expression<SqlBool> => {
    if (actor === null || isAdmin(actor)) return sql<SqlBool>`1 = 1`;
    return eb.or([
      eb(
        "documents.typeId",
        "not in",
        eb.selectFrom("documentTypes").select("documentTypes.id").where("documentTypes.access", "=", "participants"),
      ),
      participantsFilter(eb, participants, actor.id),
    ]);
  };
}

/** `canChangeDocument` as SQL: only participants and admins may change a document (null = automation). */
export function canChangeDocument({ actor, participants }: DocumentViewer) {
  return (eb: DocumentsEb): Expression<SqlBool> =>
    actor === null || isAdmin(actor) ? sql<SqlBool>`1 = 1` : participantsFilter(eb, participants, actor.id);
}
