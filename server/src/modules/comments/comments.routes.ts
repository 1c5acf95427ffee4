import { commentSchema, createCommentBody, listOf, listQuery } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { addComment, listComments } from "./comments.service.js";

const idParams = z.object({ id: z.string().min(1).max(64) });

export function commentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["comments"];
  for (const kind of ["item", "document"] as const) {
    const url = `/api/${kind}s/:id/comments`;
    r.get(
      url,
      { schema: { tags, params: idParams, querystring: listQuery, response: { 200: listOf(commentSchema) } } },
      async (request) => listComments(ctx, requireActor(request), { kind, id: request.params.id }, request.query),
    );
    r.post(
      url,
      { schema: { tags, params: idParams, body: createCommentBody, response: { 201: commentSchema } } },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addComment(ctx, requireActor(request), { kind, id: request.params.id }, request.body)),
    );
  }
}
