import { createDocumentTypeBody, documentTypeSchema, listOf, listQuery, updateDocumentTypeBody } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as types from "./document-types.service.js";
import { idParams } from "../../http/route-params.js";

/** Everyone reads the types (to upload); only administrators define them. */
export function documentTypesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["document types"];

  r.get(
    "/api/document-types",
    { schema: { tags, querystring: listQuery, response: { 200: listOf(documentTypeSchema) } } },
    async (request) => types.listDocumentTypes(ctx, request.query),
  );
  r.post(
    "/api/document-types",
    {
      config: { access: "admin" },
      schema: { tags, body: createDocumentTypeBody, response: { 201: documentTypeSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await types.createDocumentType(ctx, requireActor(request), request.body)),
  );
  r.get(
    "/api/document-types/:id",
    { schema: { tags, params: idParams, response: { 200: documentTypeSchema } } },
    async (request) => types.getDocumentType(ctx, request.params.id),
  );
  r.patch(
    "/api/document-types/:id",
    {
      config: { access: "admin" },
      schema: { tags, params: idParams, body: updateDocumentTypeBody, response: { 200: documentTypeSchema } },
    },
    async (request) => types.updateDocumentType(ctx, requireActor(request), request.params.id, request.body),
  );
}
