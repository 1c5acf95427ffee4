import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { isAdmin, type Actor } from "../../context.js";
import type { Database } from "../../db/schema.js";

export type DocumentsEb = ExpressionBuilder<Database, "documents">;

/**
 * Who else counts as a participant of a document, besides its creator and responsible: the process module adds
 * the initiator, responsible, observers and approvers of the items the document is linked to (`document_items`).
 * A filter is a SQL condition on the `documents` row, so lists, single reads and edits share one policy.
 */
export type DocumentParticipantsFilter = (eb: DocumentsEb, actorId: string) => Expression<SqlBool>;

const extraParticipants: DocumentParticipantsFilter[] = [];

/** Called by the composition root at start; the same filter again changes nothing. */
export function extendDocumentParticipants(filter: DocumentParticipantsFilter): void {
  if (!extraParticipants.includes(filter)) extraParticipants.push(filter);
}

/** The actor is a participant: creator, responsible, or anyone an extension names. */
export function documentParticipantsFilter(eb: DocumentsEb, actorId: string): Expression<SqlBool> {
  return eb.or([
    eb("documents.createdBy", "=", actorId),
    eb("documents.responsibleId", "=", actorId),
    ...extraParticipants.map((filter) => filter(eb, actorId)),
  ]);
}

/** `canSeeDocument` as SQL: admins see all; others see types open to all, and their own otherwise. */
export function canSeeDocument(actor: Actor | null) {
  return (eb: DocumentsEb): Expression<SqlBool> => {
    if (actor === null || isAdmin(actor)) return sql<SqlBool>`1 = 1`;
    return eb.or([
      eb(
        "documents.typeId",
        "not in",
        eb.selectFrom("documentTypes").select("documentTypes.id").where("documentTypes.access", "=", "participants"),
      ),
      documentParticipantsFilter(eb, actor.id),
    ]);
  };
}

/** `canChangeDocument` as SQL: only participants and admins may change a document (null = automation). */
export function canChangeDocument(actor: Actor | null) {
  return (eb: DocumentsEb): Expression<SqlBool> =>
    actor === null || isAdmin(actor) ? sql<SqlBool>`1 = 1` : documentParticipantsFilter(eb, actor.id);
}
