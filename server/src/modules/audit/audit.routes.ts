import { auditEntrySchema, auditQuery, listOf } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { listAuditLog } from "./audit-log.js";

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit",
    {
      // The log names every document, item and person in the system, whoever may see them: administrators only.
      config: { access: "admin" },
      schema: { tags: ["system"], querystring: auditQuery, response: { 200: listOf(auditEntrySchema) } },
    },
    async (request) => listAuditLog(ctx.db, request.query),
  );
}
