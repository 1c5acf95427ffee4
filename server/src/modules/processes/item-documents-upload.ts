import type { Document } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { forbidden, unprocessable } from "../../lib/errors.js";
import { parseRegisterForm, registerDocument, type DocumentUpload } from "../documents/index.js";
import * as repo from "./items.repository.js";
import { requireVisibleItem } from "./items.service.js";

/** Participants (initiator, responsible, observers, approvers) and admins may attach documents to an item. */
async function assertMayAttach(db: Db, actor: Actor | null, item: repo.ItemRow): Promise<void> {
  if (actor === null || isAdmin(actor)) return;
  if (!(await repo.isParticipant(db, actor.id, item.id)))
    throw forbidden("Only participants of the item can attach documents to it");
}

/** The documents hook: linking a document to an item needs an item the actor sees and takes part in. */
export async function checkItemLink(db: Db, actor: Actor | null, itemId: string): Promise<void> {
  const item = await repo.findVisibleItem(db, actor, itemId);
  if (!item) throw unprocessable("No such item", [{ path: "itemId", message: "No such item" }]);
  await assertMayAttach(db, actor, item);
}

/** `POST /api/items/:id/documents`: registers the uploaded file as a document linked to the item. */
export async function uploadItemDocument(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  upload: DocumentUpload,
): Promise<Document> {
  const item = await requireVisibleItem(ctx.db, actor, itemId);
  await assertMayAttach(ctx.db, actor, item);
  const form = parseRegisterForm(upload.parts);
  return registerDocument(
    ctx,
    actor,
    {
      ...form,
      companyId: form.companyId === undefined ? item.companyId : form.companyId,
      itemIds: [itemId],
      file: upload.file,
    },
    (work, document) =>
      work.audit({
        actorId: actor.id,
        entityType: "item",
        entityId: itemId,
        action: "item.document_added",
        details: { documentId: document.id, number: document.number, title: document.title },
      }),
  );
}
