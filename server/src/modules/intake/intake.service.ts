import { Readable } from "node:stream";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { ImapConfig } from "../../config.js";
import type { AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { registerDocumentInWork, typeByCode, type LoadedType } from "../documents/index.js";
import { matchCompany } from "./company-match.js";
import * as repo from "./intake.repository.js";
import { Mailbox, type WaitingMessage } from "./mailbox.js";
import { contentMessageId, readMail, UnreadableMail, type ReadMail } from "./mail-reading.js";

/** At most this many messages per poll, and no new one after this long: a poll job ends well within its claim. */
const MESSAGES_PER_POLL = 25;
const POLL_BUDGET_MS = 30_000;

export interface PollResult {
  registered: number;
  failed: number;
  /** Messages already registered (a crash came between registering and moving them) that were moved now. */
  alreadyRegistered: number;
  /** True when the mailbox still holds messages this poll did not reach. */
  more: boolean;
}

/**
 * One poll of the intake mailbox. For each waiting message: read it, then in ONE transaction take its Message-ID
 * (unique) and register its files, then move it to the done folder. A crash before the commit leaves the message
 * waiting and nothing registered; a crash after it leaves the message waiting with its Message-ID taken, and the next
 * poll only moves it. So a message is registered exactly once, however the process dies.
 */
export async function pollMailbox(ctx: AppContext): Promise<PollResult> {
  const config = ctx.config.imap;
  if (!config) return { registered: 0, failed: 0, alreadyRegistered: 0, more: false };
  const at = ctx.clock.now().toISOString();
  try {
    const type = await typeByCode(ctx.db, config.typeCode);
    if (!type)
      throw new Error(
        `document type "${config.typeCode}" does not exist: create it or set DOCKET_IMAP_TYPE to a type code`,
      );
    const result = await pollWith(ctx, config, type);
    await repo.writeStatus(ctx.db, at, null);
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: error, mailbox: mailboxLabel(config) }, "email intake: poll failed");
    await repo.writeStatus(ctx.db, at, reason);
    throw error;
  }
}

async function pollWith(ctx: AppContext, config: ImapConfig, type: LoadedType): Promise<PollResult> {
  const mailbox = await Mailbox.create(config);
  const result: PollResult = { registered: 0, failed: 0, alreadyRegistered: 0, more: false };
  const started = Date.now();
  try {
    await mailbox.open();
    const waiting = await mailbox.waiting(MESSAGES_PER_POLL + 1);
    result.more = waiting.length > MESSAGES_PER_POLL;
    for (const message of waiting.slice(0, MESSAGES_PER_POLL)) {
      if (Date.now() - started > POLL_BUDGET_MS) {
        result.more = true;
        break;
      }
      const outcome = await takeMessage(ctx, mailbox, type, message);
      result[outcome]++;
    }
  } finally {
    await mailbox.close();
  }
  return result;
}

async function takeMessage(
  ctx: AppContext,
  mailbox: Mailbox,
  type: LoadedType,
  message: WaitingMessage,
): Promise<keyof Omit<PollResult, "more">> {
  const known = message.messageId ? await repo.findMessage(ctx.db, message.messageId) : undefined;
  if (known) return moveKnown(mailbox, message.uid, known);

  const limit = ctx.config.maxUploadBytes;
  if (message.size > limit) {
    const id = message.messageId ?? `<uid-${message.uid}-size-${message.size}@docket>`;
    const reason = `the message is ${megabytes(message.size)} MB, over the ${megabytes(limit)} MB upload limit (DOCKET_MAX_UPLOAD_MB)`;
    return fail(ctx, mailbox, message.uid, { messageId: id, subject: null, sender: null }, reason);
  }
  const raw = await mailbox.source(message.uid);
  const messageId = message.messageId ?? contentMessageId(raw);
  if (!message.messageId) {
    const knownByContent = await repo.findMessage(ctx.db, messageId);
    if (knownByContent) return moveKnown(mailbox, message.uid, knownByContent);
  }
  let mail: ReadMail;
  try {
    mail = await readMail(raw);
  } catch (error) {
    if (!(error instanceof UnreadableMail)) throw error;
    return fail(ctx, mailbox, message.uid, { messageId, subject: null, sender: null }, error.message);
  }
  let registered: boolean;
  try {
    registered = await register(ctx, type, { ...mail, messageId });
  } catch (error) {
    // A rule refused it (a required field of the type, a file the registry will not take): no retry can help.
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const reason = `could not be registered: ${error.message}${error.errors?.length ? ` (${error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")})` : ""}`;
    return fail(ctx, mailbox, message.uid, { messageId, subject: mail.subject || null, sender: mail.from }, reason);
  }
  await mailbox.moveToDone(message.uid);
  return registered ? "registered" : "alreadyRegistered";
}

/** Takes the Message-ID and registers every file in one transaction; false when the message was taken before. */
async function register(ctx: AppContext, type: LoadedType, mail: ReadMail): Promise<boolean> {
  const companyId = await matchCompany(ctx.db, mail);
  const store = blobStoreFor(ctx.config);
  const received = await Promise.all(
    mail.files.map(async (f) => ({
      ...(await store.receive(Readable.from([f.content]))),
      name: f.name,
      mimeType: f.mimeType,
    })),
  );
  const senderField = type.fields.find((f) => f.key === "sender" && f.type === "text");
  const id = newId();
  const taken = await inTransaction(ctx, async (work) => {
    const claimed = await repo.claimMessage(work.trx, {
      id,
      messageId: mail.messageId,
      subject: mail.subject || null,
      sender: mail.from,
      state: "registered",
      reason: null,
      companyId,
      documentIds: "[]",
      receivedAt: work.at,
    });
    if (!claimed) return false;
    const documentIds: string[] = [];
    for (const file of received) {
      const document = await registerDocumentInWork(ctx, work, null, {
        typeId: type.row.id,
        title: mail.subject || null,
        companyId,
        fields: senderField && mail.from ? { [senderField.key]: mail.from } : {},
        file,
      });
      documentIds.push(document.id);
    }
    await repo.setDocuments(work.trx, id, documentIds);
    await work.audit({
      actorId: null,
      entityType: "intake",
      entityId: id,
      action: "intake.registered",
      details: { messageId: mail.messageId, subject: mail.subject, from: mail.from, companyId, documentIds },
    });
    return true;
  });
  if (!taken) await Promise.all(received.map((r) => store.discard(r)));
  if (taken) ctx.log.info({ messageId: mail.messageId, files: received.length }, "email intake: message registered");
  return taken;
}

async function fail(
  ctx: AppContext,
  mailbox: Mailbox,
  uid: number,
  message: { messageId: string; subject: string | null; sender: string | null },
  reason: string,
): Promise<"failed"> {
  ctx.log.warn({ messageId: message.messageId, reason }, "email intake: message moved to the Failed folder");
  await inTransaction(ctx, async (work) => {
    const id = newId();
    const claimed = await repo.claimMessage(work.trx, {
      id,
      ...message,
      state: "failed",
      reason,
      companyId: null,
      documentIds: "[]",
      receivedAt: work.at,
    });
    if (claimed)
      await work.audit({
        actorId: null,
        entityType: "intake",
        entityId: id,
        action: "intake.failed",
        details: { messageId: message.messageId, reason },
      });
  });
  await mailbox.moveToFailed(uid);
  return "failed";
}

async function moveKnown(mailbox: Mailbox, uid: number, known: repo.IntakeMessageRow) {
  if (known.state === "failed") {
    await mailbox.moveToFailed(uid);
    return "failed" as const;
  }
  await mailbox.moveToDone(uid);
  return "alreadyRegistered" as const;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The mailbox without its password, for logs and the settings screen. */
export const mailboxLabel = (config: ImapConfig) =>
  `${config.secure ? "imaps" : "imap"}://${config.user}@${config.host}:${config.port}/${config.mailbox}`;
