import { createUserBody, listOf, listQuery, updateUserBody, userSchema } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as users from "./users.service.js";
import { idParams } from "../../http/route-params.js";

export function usersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  r.get(
    "/api/users",
    {
      schema: {
        tags,
        querystring: listQuery.extend({ q: z.string().trim().max(200).optional() }),
        response: { 200: listOf(userSchema) },
      },
    },
    async (request) => users.listUsers(ctx, request.query),
  );

  r.post(
    "/api/users",
    { config: { access: "admin" }, schema: { tags, body: createUserBody, response: { 201: userSchema } } },
    async (request, reply) => reply.status(201).send(await users.createUser(ctx, requireActor(request), request.body)),
  );

  r.get("/api/users/:id", { schema: { tags, params: idParams, response: { 200: userSchema } } }, async (request) =>
    users.getUser(ctx, request.params.id),
  );

  r.patch(
    "/api/users/:id",
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    async (request) => users.updateUser(ctx, requireActor(request), request.params.id, request.body, request.sessionId),
  );
}
