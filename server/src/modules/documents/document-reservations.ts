import type { Document, ReserveNumbersBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { textSearchFor } from "../../db/text-search.js";
import { newId } from "../../lib/ids.js";
import { ensureDocumentFolder } from "../drive/index.js";
import { companyNameOf } from "./document-references.js";
import { drawNumber, numberedRow, typeFolderPath } from "./document-registration.js";
import { typeNamedByPath } from "./document-types.service.js";
import * as repo from "./documents.repository.js";
import { presentDocument } from "./documents.presenter.js";
import { calendarParts } from "@docket/common";

/** A reserved number has no file yet: version 0 and empty file columns; the first upload files it on the drive. */
const NO_FILE = { driveFileId: "", fileName: "", fileSize: 0, mimeType: "", sha256: "", version: 0 };

/**
 * `POST /api/document-types/:id/reservations`: takes `count` numbers now, in order, as documents in state
 * "reserved" with no file. They come from the same counter as registrations, in one transaction, so numbering stays
 * gapless and duplicate-free whatever runs beside it; the first uploaded version makes a reserved document active.
 */
export async function reserveNumbers(
  ctx: AppContext,
  actor: Actor,
  typeId: string,
  input: ReserveNumbersBody,
): Promise<Document[]> {
  const type = await typeNamedByPath(ctx.db, typeId);
  const companyId = input.companyId ?? null;
  const companyName = await companyNameOf(ctx, companyId);
  const now = ctx.clock.now();
  const parts = calendarParts(now, ctx.config.timeZone);
  const title = input.title ?? (ctx.config.locale === "ru" ? "Резерв номера" : "Reserved number");
  const folderPath = typeFolderPath(ctx, type, parts, companyName);

  return inTransaction(ctx, async (work) => {
    const { trx, at } = work;
    const folder = await ensureDocumentFolder(trx, { folderPath, by: actor.id, at });
    const reserved: Document[] = [];
    for (let i = 0; i < input.count; i++) {
      const drawn = await drawNumber(trx, type, parts);
      const { number } = drawn;
      const id = newId(now.getTime());
      const row = numberedRow(
        { id, type, drawn, title, companyId, responsibleId: null, folderId: folder.id, createdBy: actor.id, at },
        { ...NO_FILE, fields: "{}", state: "reserved" },
      );
      await repo.insertDocument(trx, row);
      await textSearchFor(ctx.dialect).index(trx, row.id, `${number} ${title}`, "", { isNew: true });
      await work.audit({
        actorId: actor.id,
        entityType: "document",
        entityId: row.id,
        action: "document.reserved",
        details: { number, title, status: row.statusCode, folder: folder.path, comment: input.comment ?? null },
      });
      reserved.push(presentDocument(row, type, folder.path, []));
    }
    return reserved;
  });
}
