import { readFile } from "node:fs/promises";
import { uploadTemplateForm, type DocumentTemplate } from "@docket/common";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction } from "../../db/work.js";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { requireType, typesByIds, type DocumentUpload } from "../documents/index.js";
import { placeholdersOf, TemplateUnreadable, unknownPlaceholders } from "./docx-template.js";
import * as repo from "./templates.repository.js";

/** A template is read whole into memory to be checked and filled: far more than any real letter or contract. */
export const MAX_TEMPLATE_BYTES = 20 * 2 ** 20;

/** Names the robots (process and stage) that use a template, or null; wired by the composition root. */
export type TemplateUsage = (db: Db, templateId: string) => Promise<string | null>;

export async function listTemplates(ctx: AppContext): Promise<{ items: DocumentTemplate[]; nextCursor: null }> {
  const rows = await repo.activeTemplates(ctx.db);
  const types = await typesByIds(
    ctx.db,
    rows.map((r) => r.typeId),
  );
  return { items: rows.map((r) => presentTemplate(r, types.get(r.typeId)?.row.name ?? "")), nextCursor: null };
}

export function presentTemplate(row: repo.TemplateRow, typeName: string): DocumentTemplate {
  return {
    id: row.id,
    name: row.name,
    typeId: row.typeId,
    typeName,
    fileName: row.fileName,
    fileSize: row.fileSize,
    placeholders: JSON.parse(row.placeholders) as string[],
    createdAt: row.createdAt,
  };
}

/**
 * `POST /api/document-templates`: the DOCX is read (bounded), its placeholders found and checked against the
 * contract's list and the type's fields; an unknown one is refused (422 `template_unknown_placeholder`, naming each),
 * so a typo is found when the template is uploaded, not when a document comes out with a hole in it.
 */
export async function uploadTemplate(ctx: AppContext, actor: Actor, upload: DocumentUpload): Promise<DocumentTemplate> {
  const parsed = uploadTemplateForm.safeParse(upload.parts);
  if (!parsed.success)
    throw badRequest(
      "Invalid form",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "form", message: i.message })),
    );
  const { name, typeId } = parsed.data;
  const type = await requireType(ctx.db, typeId);
  const { file } = upload;
  if (!file.name.toLowerCase().endsWith(".docx"))
    throw new AppError(
      "unsupported_media_type",
      "A template must be a Word document (.docx)",
      [{ path: "file", message: "Not a .docx file" }],
      undefined,
      { code: "template_not_docx" },
    );
  if (file.size > MAX_TEMPLATE_BYTES)
    throw new AppError("payload_too_large", `A template may be at most ${MAX_TEMPLATE_BYTES / 2 ** 20} MB`);
  const bytes = await readReceived(file.tempPath, file.size);
  let placeholders: string[];
  try {
    placeholders = await placeholdersOf(bytes);
  } catch (error) {
    if (!(error instanceof TemplateUnreadable)) throw error;
    throw unprocessable(
      `The file cannot be used as a template: ${error.message}`,
      [{ path: "file", message: error.message }],
      { code: "template_unreadable", params: { reason: error.message } },
    );
  }
  const unknown = unknownPlaceholders(
    placeholders,
    type.fields.map((f) => f.key),
  );
  if (unknown.length > 0) {
    const named = unknown.map((p) => `{{${p}}}`).join(", ");
    throw unprocessable(`Unknown placeholder${unknown.length > 1 ? "s" : ""}: ${named}`, undefined, {
      code: "template_unknown_placeholder",
      params: { placeholders: named },
    });
  }
  await blobStoreFor(ctx.config).commit(file);
  const row = await inTransaction(ctx, async (work) => {
    const row: repo.TemplateRow = {
      id: newId(),
      name,
      typeId: type.row.id,
      fileName: file.name,
      fileSize: file.size,
      sha256: file.sha256,
      placeholders: JSON.stringify(placeholders),
      createdBy: actor.id,
      createdAt: work.at,
      archivedAt: null,
    };
    await repo.insertTemplate(work.trx, row);
    await work.audit({
      actorId: actor.id,
      entityType: "template",
      entityId: row.id,
      action: "template.created",
      details: { name, typeId, file: file.name, placeholders },
    });
    return row;
  });
  return presentTemplate(row, type.row.name);
}

/** Archives the template (its file and the documents made from it stay); 409 while a robot generates from it. */
export async function deleteTemplate(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await repo.findTemplate(ctx.db, id);
  if (!row || row.archivedAt) throw notFound("Template not found");
  for (const usage of ctx.hooks.templateUsage) {
    const usedBy = await usage(ctx.db, id);
    if (usedBy)
      throw conflict(`The template is used by ${usedBy}: change or delete those robots first`, {
        code: "template_used_by_robots",
        params: { robots: usedBy },
      });
  }
  await inTransaction(ctx, async (work) => {
    await repo.archiveTemplate(work.trx, id, work.at);
    await work.audit({
      actorId: actor.id,
      entityType: "template",
      entityId: id,
      action: "template.deleted",
      details: { name: row.name },
    });
  });
}

async function readReceived(tempPath: string, size: number): Promise<Buffer> {
  const bytes = await readFile(tempPath);
  if (bytes.length !== size) throw new Error(`upload ${tempPath} changed size`);
  return bytes;
}
