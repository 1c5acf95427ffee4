import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../context.js";
import { requireActor } from "../../../http/auth.js";
import { contentDisposition } from "../content-disposition.js";
import { openRendition } from "./renditions.service.js";
import { idParams } from "../../../http/route-params.js";

const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
// The preview is drawn by pdf.js from its bytes; opened directly, it gets no scripts, forms or plugins.
const PREVIEW_CSP =
  "sandbox; default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** `GET /api/documents/:id/preview` (PDF) and `/thumbnail` (PNG, first page, at most 320 px wide). */
export function renditionsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];
  r.get(
    "/api/documents/:id/preview",
    {
      schema: {
        tags,
        params: idParams,
        querystring: versionQuery,
        description:
          "The version as a PDF (office files converted by LibreOffice, scans with recognised text). " +
          "409 while it is being prepared, 415 when there is no preview for it, 422 when conversion failed.",
      },
    },
    async (request, reply) => {
      const file = await openRendition(ctx, requireActor(request), request.params.id, request.query.version, "preview");
      const name = `${file.fileName.replace(/\.[^.]*$/, "") || "document"}.pdf`;
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(name, "inline"))
        .header("etag", `"${file.sha256}"`)
        .header("cache-control", "private, no-cache")
        .header("content-security-policy", PREVIEW_CSP)
        .header("x-content-type-options", "nosniff")
        .send(file.stream);
    },
  );
  r.get(
    "/api/documents/:id/thumbnail",
    {
      schema: {
        tags,
        params: idParams,
        querystring: versionQuery,
        description: "PNG of the first page, at most 320 px wide; same states as /preview.",
      },
    },
    async (request, reply) => {
      const file = await openRendition(
        ctx,
        requireActor(request),
        request.params.id,
        request.query.version,
        "thumbnail",
      );
      return reply
        .type("image/png")
        .header("etag", `"${file.sha256}"`)
        .header("cache-control", "private, max-age=3600")
        .header("content-security-policy", "sandbox; default-src 'none'")
        .header("x-content-type-options", "nosniff")
        .send(file.stream);
    },
  );
}
