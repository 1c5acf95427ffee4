import { documentTemplateSchema, documentSchema, generateDocumentBody, listOf } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { withUpload } from "../documents/index.js";
import { generateForItem } from "./template-generation.js";
import { deleteTemplate, listTemplates, uploadTemplate } from "./templates.service.js";
import { idParams } from "../../http/route-params.js";

/** DOCX templates (settings) and generating documents from them on an item. */
export function templatesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];
  r.get(
    "/api/document-templates",
    {
      // Everyone who may add a document to an item chooses among them (the item card's «Создать по шаблону»);
      // uploading and deleting stay with administrators.
      schema: { tags, response: { 200: listOf(documentTemplateSchema) } },
    },
    async () => listTemplates(ctx),
  );
  r.post(
    "/api/document-templates",
    {
      config: { access: "admin" },
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description:
          "multipart/form-data parts: `file` (a .docx), `name`, `typeId`. 422 `template_unknown_placeholder` " +
          "(params.placeholders) when the file uses a placeholder that is not in the list nor a field of the type.",
        response: { 201: documentTemplateSchema },
      },
    },
    (request, reply) =>
      withUpload(ctx, request, async (upload) =>
        reply.status(201).send(await uploadTemplate(ctx, requireActor(request), upload)),
      ),
  );
  r.delete(
    "/api/document-templates/:id",
    { config: { access: "admin" }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await deleteTemplate(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    "/api/items/:id/generate",
    {
      schema: {
        tags: ["processes", ...tags],
        params: idParams,
        body: generateDocumentBody,
        response: { 201: documentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await generateForItem(ctx, requireActor(request), request.params.id, request.body)),
  );
}
