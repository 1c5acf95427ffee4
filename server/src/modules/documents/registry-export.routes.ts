import { exportDocumentsQuery, journalQuery } from "@docket/common";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { getUser } from "../users/index.js";
import { contentDisposition } from "./content-disposition.js";
import { registrationJournal } from "./registration-journal.js";
import { exportRegistry, type RegistryExport } from "./registry-export.js";
import { idParams } from "../../http/route-params.js";

/** An export names every document it holds: a download for the caller alone, kept by no cache. */
const sendExport = (reply: FastifyReply, file: RegistryExport) =>
  reply
    .type(file.contentType)
    .header("content-disposition", contentDisposition(file.fileName))
    .header("cache-control", "private, no-store")
    .send(file.body);

/** The registry as a spreadsheet and the registration journal of a type, in the caller's language. */
export function registryExportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/documents/export",
    {
      schema: {
        tags: ["documents"],
        querystring: exportDocumentsQuery,
        description:
          "`format=csv|xlsx` and every filter of `GET /api/documents`: the whole filtered registry the caller may see, " +
          "streamed. CSV is UTF-8 with a BOM, `;`-separated. 422 `export_format_unknown` for another format.",
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { locale } = await getUser(ctx, actor.id);
      const file = await exportRegistry(ctx, actor, request.query, locale);
      return sendExport(reply, file);
    },
  );
  r.get(
    "/api/document-types/:id/journal",
    {
      schema: {
        tags: ["document types"],
        params: idParams,
        querystring: journalQuery,
        description:
          "`from`, `to` (YYYY-MM-DD, local days, both included, at most 366 days), `format=pdf|xlsx`: every number " +
          "of the type issued in the period, in number order, reserved and cancelled ones included. Administrators, " +
          "and everyone for a type with `access: all`; 403 otherwise. 422 `journal_period_invalid`, " +
          "`journal_period_too_long`, `export_format_unknown`.",
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { locale } = await getUser(ctx, actor.id);
      const file = await registrationJournal(ctx, actor, request.params.id, request.query, locale);
      return sendExport(reply, file);
    },
  );
}
