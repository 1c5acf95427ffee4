import { Readable } from "node:stream";
import type { Document } from "@docket/common";
import { z } from "zod";
import { blobStoreFor, storedBlob } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction, type Work } from "../../db/work.js";
import { defineJob } from "../../jobs/definition.js";
import { notFound, unprocessable } from "../../lib/errors.js";
import { renderPdf, type Content } from "../../lib/pdf.js";
import { registerDocumentInWork } from "../documents/index.js";
import { companyName, requireItemRow, requireProcess, type ItemRow } from "../processes/index.js";
import { requireVisibleItem } from "../processes/index.js";
import * as repo from "./approvals.repository.js";
import { roundDocuments } from "./rounds.js";

const MAX_SHEET_BYTES = 50 * 1024 * 1024;

const LABELS = {
  ru: {
    title: "Лист согласования",
    item: "Карточка",
    process: "Процесс",
    company: "Контрагент",
    round: "Раунд",
    documents: "Документы",
    number: "Номер",
    docTitle: "Наименование",
    version: "Версия",
    approver: "Согласующий",
    onBehalfOf: "За кого",
    decision: "Решение",
    remark: "Замечание",
    decidedAt: "Дата и время",
    due: "Срок",
    started: "начат",
    finished: "завершён",
    outcome: "Итог",
    mode: { any: "любой из согласующих", all: "все согласующие", sequential: "последовательно" },
    outcomes: { approved: "согласовано", rejected: "отклонено", pending: "идёт согласование", cancelled: "отменён" },
    decisions: {
      approve: "Согласовано",
      approveWithRemarks: "Согласовано с замечаниями",
      reject: "Отклонено",
      carried: "Согласовано в прошлом раунде",
      pending: "Ожидает решения",
      waiting: "Ожидает очереди",
      cancelled: "Не требуется",
    },
    generated: "Сформировано",
    page: (n: number, of: number) => `Стр. ${n} из ${of}`,
    file: (round: number) => `Лист согласования — раунд ${round}.pdf`,
  },
  en: {
    title: "Approval sheet",
    item: "Item",
    process: "Process",
    company: "Company",
    round: "Round",
    documents: "Documents",
    number: "Number",
    docTitle: "Title",
    version: "Version",
    approver: "Approver",
    onBehalfOf: "On behalf of",
    decision: "Decision",
    remark: "Remark",
    decidedAt: "Date and time",
    due: "Due",
    started: "started",
    finished: "finished",
    outcome: "Outcome",
    mode: { any: "any approver", all: "all approvers", sequential: "sequential" },
    outcomes: { approved: "approved", rejected: "rejected", pending: "in progress", cancelled: "cancelled" },
    decisions: {
      approve: "Approved",
      approveWithRemarks: "Approved with remarks",
      reject: "Rejected",
      carried: "Approved in the previous round",
      pending: "Awaiting decision",
      waiting: "Awaiting turn",
      cancelled: "Not needed",
    },
    generated: "Generated",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    file: (round: number) => `Approval sheet — round ${round}.pdf`,
  },
};

const isFinished = (approval: repo.ApprovalRow) => approval.state !== "pending";

/** Renders the sheet of `round`: the item, its documents at that round, and every round up to it with each decision. */
async function renderSheet(ctx: AppContext, db: Db, item: ItemRow, upTo: repo.ApprovalRow): Promise<Buffer> {
  const locale = ctx.config.locale;
  const L = LABELS[locale];
  const when = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    timeZone: ctx.config.timeZone,
    dateStyle: "short",
    timeStyle: "short",
  });
  const at = (iso: string | null) => (iso ? when.format(new Date(iso)) : "—");
  const process = await requireProcess(db, item.processId);
  const company = (await companyName(db, item.companyId)) ?? "—";
  const rounds = (await repo.roundsOfItem(db, item.id)).filter((r) => r.round <= upTo.round);
  const tasks = await repo.namedTasksOf(
    db,
    rounds.map((r) => r.id),
  );
  const createdAt = isFinished(upTo) ? new Date(upTo.decidedAt!) : ctx.clock.now();

  const header = (cells: string[]) => cells.map((text) => ({ text, bold: true, fillColor: "#eeeeee" }));
  const documentsTable = (approval: repo.ApprovalRow): Content => ({
    table: {
      headerRows: 1,
      widths: ["auto", "*", "auto", "auto"],
      body: [
        header([L.number, L.docTitle, L.version, "SHA-256"]),
        ...roundDocuments(approval).map((d) => [d.number, d.title, String(d.version), { text: d.sha256, fontSize: 6 }]),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 4, 0, 8],
  });
  const roundBlock = (approval: repo.ApprovalRow): Content[] => {
    const outcome = approval.state === "pending" ? "pending" : approval.state;
    return [
      {
        text: `${L.round} ${approval.round} — ${L.mode[approval.mode]}; ${L.started} ${at(approval.createdAt)}${
          approval.decidedAt ? `; ${L.finished} ${at(approval.decidedAt)}` : ""
        }. ${L.outcome}: ${L.outcomes[outcome]}`,
        style: "roundTitle",
      },
      {
        text: roundDocuments(approval)
          .map((d) => `${d.number} (${L.version.toLowerCase()} ${d.version})`)
          .join(", "),
        fontSize: 8,
        margin: [0, 0, 0, 4],
      },
      {
        table: {
          headerRows: 1,
          widths: ["auto", "auto", "auto", "*", "auto"],
          body: [
            header([L.approver, L.onBehalfOf, L.decision, L.remark, L.decidedAt]),
            ...tasks
              .filter((t) => t.approvalId === approval.id)
              .map((t) => [
                t.decidedBy && t.decidedByName ? t.decidedByName : t.approverName,
                t.onBehalfOf ? (t.onBehalfOfName ?? "") : "",
                L.decisions[t.decision ?? (t.state as "pending" | "waiting" | "cancelled")] ?? t.state,
                t.comment ?? "",
                t.decidedAt && t.state !== "cancelled" ? at(t.decidedAt) : t.dueAt ? `${L.due}: ${at(t.dueAt)}` : "",
              ]),
          ],
        },
        layout: "lightHorizontalLines",
        margin: [0, 0, 0, 12],
      },
    ];
  };

  const content: Content = [
    { text: L.title, style: "title" },
    {
      table: {
        widths: ["auto", "*"],
        body: [
          [{ text: L.item, bold: true }, item.title],
          [{ text: L.process, bold: true }, process.name],
          [{ text: L.company, bold: true }, company],
          [{ text: L.round, bold: true }, String(upTo.round)],
        ],
      },
      layout: "noBorders",
      margin: [0, 0, 0, 8],
    },
    { text: L.documents, style: "section" },
    documentsTable(upTo),
    ...rounds.flatMap(roundBlock),
  ];
  return renderPdf(
    content,
    { title: `${L.title}: ${item.title}`, createdAt, language: locale },
    {
      styles: {
        title: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
        section: { fontSize: 12, bold: true, margin: [0, 6, 0, 2] },
        roundTitle: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
      },
      footer: (page: number, pages: number) => ({
        columns: [
          { text: `${L.generated}: Docket, ${at(createdAt.toISOString())}`, fontSize: 7 },
          { text: L.page(page, pages), fontSize: 7, alignment: "right" },
        ],
        margin: [40, 16, 40, 0],
      }),
    },
  );
}

async function storeBytes(ctx: AppContext, bytes: Buffer): Promise<{ sha256: string; size: number }> {
  const store = blobStoreFor(ctx.config);
  const received = await store.receive(Readable.from([bytes]));
  await store.commit(received);
  return { sha256: received.sha256, size: received.size };
}

/** Records a finished round's sheet as frozen (once) with its sha256 in the item's history. */
async function recordFrozen(work: Work, approval: repo.ApprovalRow, sha256: string): Promise<boolean> {
  if (!(await repo.setSheet(work.trx, approval.id, sha256))) return false;
  await work.audit({
    actorId: null,
    entityType: "item",
    entityId: approval.itemId,
    action: "approval.sheet_frozen",
    details: { approvalId: approval.id, round: approval.round, sha256 },
  });
  return true;
}

const readSheet = (ctx: AppContext, sha256: string) => blobStoreFor(ctx.config).readVerified(sha256, MAX_SHEET_BYTES);

/**
 * A finished round's sheet, the same bytes every time: made once (by the job queued when the round finished, or by
 * whoever asks first), stored as a blob and named in the round; later requests read the stored bytes.
 */
async function frozenSheet(ctx: AppContext, item: ItemRow, approval: repo.ApprovalRow): Promise<Buffer> {
  if (approval.sheetSha256) return readSheet(ctx, approval.sheetSha256);
  const bytes = await renderSheet(ctx, ctx.db, item, approval);
  const { sha256 } = await storeBytes(ctx, bytes);
  if (await inTransaction(ctx, (work) => recordFrozen(work, approval, sha256))) return bytes;
  const winner = await repo.findApproval(ctx.db, approval.id);
  return readSheet(ctx, winner!.sheetSha256!);
}

/** Queued when a round finishes: freezes its sheet, so its sha256 is in the history from then on. */
export const freezeSheetJob = defineJob({
  kind: "approvals.freezeSheet",
  payload: z.object({ approvalId: z.string() }),
  maxAttempts: 5,
  run: freezeSheet,
});

async function freezeSheet(ctx: AppContext, payload: { approvalId: string }): Promise<void> {
  const approval = await repo.findApproval(ctx.db, payload.approvalId);
  if (!approval || !isFinished(approval) || approval.sheetSha256) return;
  const item = await requireItemRow(ctx.db, approval.itemId);
  await frozenSheet(ctx, item, approval);
}

/** `GET /api/items/:id/approval-sheet?round=N` (default: the latest round). */
export async function approvalSheet(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  round: number | undefined,
): Promise<{ bytes: Buffer; fileName: string }> {
  const item = await requireVisibleItem(ctx.db, actor, itemId);
  const rounds = await repo.roundsOfItem(ctx.db, item.id);
  const approval = round === undefined ? rounds[rounds.length - 1] : rounds.find((r) => r.round === round);
  if (!approval) throw notFound(round === undefined ? "This item has no approval rounds" : `No round ${round}`);
  const bytes = isFinished(approval)
    ? await frozenSheet(ctx, item, approval)
    : await renderSheet(ctx, ctx.db, item, approval);
  return { bytes, fileName: LABELS[ctx.config.locale].file(approval.round) };
}

/**
 * The attachApprovalSheet robot, inside its run's transaction: the latest finished round's frozen sheet is
 * registered as a document of `typeId` (numbered and filed like any document) and linked to the item.
 */
export async function attachApprovalSheet(
  ctx: AppContext,
  work: Work,
  item: ItemRow,
  typeId: string,
): Promise<{ documentId: string; number: string; round: number; sha256: string }> {
  const rounds = await repo.roundsOfItem(work.trx, item.id);
  const approval = rounds.filter(isFinished).pop();
  if (!approval) throw unprocessable("The item has no finished approval round to attach a sheet of");
  let sha256 = approval.sheetSha256;
  let size: number;
  if (sha256) size = (await readSheet(ctx, sha256)).length;
  else {
    const stored = await storeBytes(ctx, await renderSheet({ ...ctx, db: work.trx }, work.trx, item, approval));
    await recordFrozen(work, approval, stored.sha256);
    ({ sha256, size } = stored);
  }
  const name = LABELS[ctx.config.locale].file(approval.round);
  const document: Document = await registerDocumentInWork(ctx, work, null, {
    typeId,
    title: name.replace(/\.pdf$/, ""),
    companyId: item.companyId,
    itemIds: [item.id],
    file: { ...storedBlob(sha256, size), name, mimeType: "application/pdf" },
  });
  return { documentId: document.id, number: document.number, round: approval.round, sha256 };
}
