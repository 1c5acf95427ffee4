import type { Comment, CreateCommentInput } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { documentViewer, documentVisible, getDocument } from "../documents/index.js";
import { messagesFor, notifyUsers } from "../notifications/index.js";
import { requireVisibleItem } from "../processes/index.js";
import { assertActiveUsers } from "../users/index.js";
import * as repo from "./comments.repository.js";
import type { CommentTarget } from "./comments.tables.js";

const EXCERPT = 200;

interface LoadedTarget {
  title: string;
  link: string;
  /** Who takes part in it and hears of every comment: initiator/author and responsible. */
  participantIds: (string | null)[];
}

/** The item or document as the caller sees it; 404 when they may not (the owning module's visibility rule). */
async function loadTarget(ctx: AppContext, actor: Actor, target: CommentTarget): Promise<LoadedTarget> {
  if (target.kind === "item") {
    const item = await requireVisibleItem(ctx.db, actor, target.id);
    return { title: item.title, link: `/items/${item.id}`, participantIds: [item.initiatorId, item.responsibleId] };
  }
  const document = await getDocument(ctx, actor, target.id);
  return {
    title: `${document.number} ${document.title}`.trim(),
    link: `/documents/${document.id}`,
    participantIds: [document.createdBy, document.responsibleId],
  };
}

async function maySee(ctx: AppContext, person: Actor, target: CommentTarget): Promise<boolean> {
  if (target.kind === "document") return documentVisible(ctx.db, documentViewer(ctx, person), target.id);
  try {
    await requireVisibleItem(ctx.db, person, target.id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return false;
    throw error;
  }
}

function present(row: repo.CommentRow, authorName: string): Comment {
  return {
    id: row.id,
    at: row.at,
    author: { id: row.authorId, name: authorName },
    text: row.text,
    mentionIds: JSON.parse(row.mentionIds) as string[],
  };
}

export async function listComments(
  ctx: AppContext,
  actor: Actor,
  target: CommentTarget,
  query: { limit: number; cursor?: string },
): Promise<Page<Comment>> {
  await loadTarget(ctx, actor, target);
  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listComments(ctx.db, target, { limit: query.limit, afterId: cursor?.id });
  const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
  return { items: page.items.map((r) => present(r, r.authorName)), nextCursor: page.nextCursor };
}

/**
 * Adds a comment: mentioned people must be active and able to see the target (else 422 and nothing is written);
 * the comment, its history row and one notification per person (mentioned or taking part, never the author) are
 * one unit of work.
 */
export async function addComment(
  ctx: AppContext,
  actor: Actor,
  target: CommentTarget,
  input: CreateCommentInput,
): Promise<Comment> {
  const loaded = await loadTarget(ctx, actor, target);
  const mentionIds = [...new Set(input.mentionIds ?? [])];
  await assertActiveUsers(ctx.db, "mentionIds", mentionIds);
  const mentioned = await repo.findPeople(ctx.db, mentionIds);
  const blind: string[] = [];
  for (const person of mentioned) if (!(await maySee(ctx, person, target))) blind.push(person.name);
  if (blind.length > 0)
    throw new AppError(
      "mention_not_visible",
      `Mentioned people cannot see this ${target.kind}: ${blind.join(", ")}`,
      blind.map((name) => ({ path: "mentionIds", message: name })),
    );

  const text = input.text.trim();
  const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
  return inTransaction(ctx, async (work) => {
    const row: repo.CommentRow = {
      id: newId(new Date(work.at).getTime()),
      targetType: target.kind,
      targetId: target.id,
      authorId: actor.id,
      at: work.at,
      text,
      mentionIds: JSON.stringify(mentionIds),
    };
    await repo.insertComment(work.trx, row);
    await work.audit({
      actorId: actor.id,
      entityType: target.kind,
      entityId: target.id,
      action: "comment.added",
      details: { commentId: row.id, text, mentions: mentioned.map((p) => ({ id: p.id, name: p.name })) },
    });
    const mentionedIds = new Set(mentionIds);
    await notifyUsers(ctx, work, {
      // One call, so a person both mentioned and responsible gets one notification (the mention).
      userIds: [...mentionIds, ...loaded.participantIds].filter((id) => id !== actor.id),
      text: (recipient) => {
        const m = messagesFor(recipient.locale);
        return mentionedIds.has(recipient.id)
          ? m.commentMentioned(actor.name, loaded.title, excerpt)
          : m.commentAdded(actor.name, loaded.title, excerpt);
      },
      link: loaded.link,
      itemId: target.kind === "item" ? target.id : null,
      documentId: target.kind === "document" ? target.id : null,
    });
    return present(row, actor.name);
  });
}
