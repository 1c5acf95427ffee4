import { Readable } from "node:stream";
import { auditEntrySchema, auditExportQuery, auditQuery, listOf } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { getUser } from "../users/index.js";
import { auditCsv } from "./audit-export.js";
import { listAuditLog } from "./audit-log.js";

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/audit",
    {
      // The log names every document, item and person in the system, whoever may see them: administrators only.
      config: { access: "admin" },
      schema: { tags: ["system"], querystring: auditQuery, response: { 200: listOf(auditEntrySchema) } },
    },
    async (request) => listAuditLog(ctx.db, request.query),
  );

  r.get(
    "/api/audit/export",
    { config: { access: "admin" }, schema: { tags: ["system"], querystring: auditExportQuery } },
    async (request, reply) => {
      const { format: _csv, ...filters } = request.query;
      const { locale } = await getUser(ctx, requireActor(request).id);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${day}.csv"`)
        .send(Readable.from(auditCsv(ctx.db, filters, { locale, timeZone: ctx.config.timeZone })));
    },
  );
}
