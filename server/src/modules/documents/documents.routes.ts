import {
  archiveDocumentBody,
  bulkDocumentsBody,
  bulkDocumentsResultSchema,
  cancelDocumentBody,
  historySchema,
  reserveNumbersBody,
  documentSchema,
  listDocumentsQuery,
  documentListSchema,
  setDocumentStatusBody,
  updateDocumentBody,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { driveRoutes } from "../drive/index.js";
import { documentTypesRoutes } from "./document-types.routes.js";
import { contentDisposition } from "./content-disposition.js";
import { bulkChangeDocuments } from "./document-bulk.js";
import * as documents from "./documents.service.js";
import { registryExportRoutes } from "./registry-export.routes.js";
import { renditionsRoutes } from "./renditions/renditions.routes.js";
import { idParams } from "../../http/route-params.js";

const fileQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  /** `1`: a PDF is shown in the browser (preview) instead of downloaded; other types are always attachments. */
  inline: z.enum(["0", "1"]).optional(),
});
// A stored HTML or SVG file must never run as our origin, even if opened directly: every file is served sandboxed.
const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";
// The browser's own PDF viewer renders the preview; the document itself gets no scripts, forms or plugins.
const PDF_PREVIEW_CSP =
  "sandbox; default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; frame-ancestors 'none'";
// Multipart bodies are streamed by the handler (never buffered), so they are described here rather than validated.
const multipartBody = { consumes: ["multipart/form-data"] };
const registerDescription =
  "multipart/form-data parts: `file` (required), `typeId` (required), `title`, `companyId`, `responsibleId`, " +
  "`itemId`, `fields` (a JSON object). 413 over DOCKET_MAX_UPLOAD_MB, 400 for an empty file.";

/** Document types, the registry and the shared drive (the drive is where documents are filed). */
export function documentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  documentTypesRoutes(app, ctx);
  driveRoutes(app, ctx);
  renditionsRoutes(app, ctx);
  registryExportRoutes(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];

  r.post(
    "/api/documents",
    { schema: { tags, ...multipartBody, description: registerDescription, response: { 201: documentSchema } } },
    (request, reply) =>
      documents.withUpload(ctx, request, async ({ file, parts }) => {
        const form = documents.parseRegisterForm(parts);
        const created = await documents.registerDocument(ctx, requireActor(request), {
          ...form,
          itemIds: form.itemId ? [form.itemId] : [],
          file,
        });
        return reply.status(201).send(created);
      }),
  );
  r.get(
    "/api/documents",
    {
      schema: {
        tags,
        querystring: listDocumentsQuery,
        description:
          "`sort`: number, createdAt, title, status, company; `-` in front for descending (default `-createdAt`). " +
          "`total` counts up to 10,000 (`totalCapped: true` above). With `q`, items carry `match` (snippet and ranges).",
        response: { 200: documentListSchema },
      },
    },
    async (request) => documents.listDocuments(ctx, requireActor(request), request.query),
  );
  r.get(
    "/api/companies/:id/documents",
    {
      schema: {
        tags: ["crm", ...tags],
        params: idParams,
        querystring: listDocumentsQuery.omit({ companyId: true }),
        response: { 200: documentListSchema },
      },
    },
    async (request) => documents.listCompanyDocuments(ctx, requireActor(request), request.params.id, request.query),
  );
  r.get("/api/documents/:id", { schema: { tags, params: idParams, response: { 200: documentSchema } } }, (request) =>
    documents.getDocument(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    "/api/documents/:id",
    { schema: { tags, params: idParams, body: updateDocumentBody, response: { 200: documentSchema } } },
    (request) => documents.updateDocument(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/documents/bulk",
    {
      schema: {
        tags,
        body: bulkDocumentsBody,
        description:
          "The same change for up to 500 documents, each checked and applied on its own by the rules of a single " +
          "change (PATCH, status): `results` says for each whether it changed or why not (`error.code`, `error.params`).",
        response: { 200: bulkDocumentsResultSchema },
      },
    },
    (request) => bulkChangeDocuments(ctx, requireActor(request), request.body),
  );
  r.delete(
    "/api/documents/:id",
    {
      schema: {
        tags,
        params: idParams,
        body: archiveDocumentBody.nullish(),
        description:
          "Archives the document (participants, administrators): hidden from lists, nothing erased. " +
          "An optional JSON body `{ reason }` is kept in the history.",
        response: { 200: documentSchema },
      },
    },
    (request) =>
      documents.archiveDocument(ctx, requireActor(request), request.params.id, undefined, request.body?.reason),
  );
  r.post(
    "/api/documents/:id/cancel",
    {
      schema: {
        tags,
        params: idParams,
        body: cancelDocumentBody,
        description:
          "Cancels the document: it keeps its number (never reused) and its place in the journal; its status is frozen.",
        response: { 200: documentSchema },
      },
    },
    (request) => documents.cancelDocument(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/document-types/:id/reservations",
    {
      schema: {
        tags,
        params: idParams,
        body: reserveNumbersBody,
        description: "Takes `count` numbers now, in order: documents in state `reserved` with `file: null`.",
        response: { 201: z.object({ items: z.array(documentSchema) }) },
      },
    },
    async (request, reply) => {
      const items = await documents.reserveNumbers(ctx, requireActor(request), request.params.id, request.body);
      return reply.status(201).send({ items });
    },
  );
  r.post(
    "/api/documents/:id/restore",
    {
      config: { access: "admin" },
      schema: { tags, params: idParams, response: { 200: documentSchema } },
    },
    (request) => documents.restoreDocument(ctx, requireActor(request), request.params.id),
  );
  r.post(
    "/api/documents/:id/status",
    { schema: { tags, params: idParams, body: setDocumentStatusBody, response: { 200: documentSchema } } },
    (request) => documents.changeDocumentStatus(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/documents/:id/versions",
    {
      schema: {
        tags,
        params: idParams,
        ...multipartBody,
        description: "multipart/form-data with one part `file`: a new version; the number stays.",
        response: { 201: documentSchema },
      },
    },
    (request, reply) =>
      documents.withUpload(ctx, request, async ({ file }) => {
        const updated = await documents.addDocumentVersion(ctx, requireActor(request), request.params.id, file);
        return reply.status(201).send(updated);
      }),
  );
  r.get(
    "/api/documents/:id/history",
    { schema: { tags, params: idParams, response: { 200: historySchema } } },
    (request) => documents.documentHistory(ctx, requireActor(request), request.params.id),
  );
  r.get(
    "/api/documents/:id/file",
    { schema: { tags, params: idParams, querystring: fileQuery } },
    async (request, reply) => {
      const file = await documents.openDocumentFile(
        ctx,
        requireActor(request),
        request.params.id,
        request.query.version,
      );
      const inline = request.query.inline === "1" && file.mimeType === "application/pdf";
      return reply
        .type(file.mimeType)
        .header("content-length", file.size)
        .header("content-disposition", contentDisposition(file.name, inline ? "inline" : "attachment"))
        .header("etag", `"${file.sha256}"`)
        .header("cache-control", "private, no-cache")
        .header("content-security-policy", inline ? PDF_PREVIEW_CSP : DOWNLOAD_CSP)
        .header("x-content-type-options", "nosniff")
        .send(file.stream);
    },
  );
}
