import { z } from "zod";
import { idSchema, isoTimestamp } from "./common.js";

export const COMMENT_MAX_LENGTH = 5000;
export const COMMENT_MAX_MENTIONS = 50;

export const commentSchema = z.object({
  id: z.string(),
  at: isoTimestamp,
  author: z.object({ id: z.string(), name: z.string() }),
  text: z.string(),
  mentionIds: z.array(z.string()),
});
export type Comment = z.infer<typeof commentSchema>;

export const createCommentBody = z
  .object({
    text: z.string().trim().min(1).max(COMMENT_MAX_LENGTH),
    mentionIds: z.array(idSchema).max(COMMENT_MAX_MENTIONS).optional(),
  })
  .strict();
export type CreateCommentInput = z.infer<typeof createCommentBody>;

export const commentListSchema = z.object({ items: z.array(commentSchema) });
