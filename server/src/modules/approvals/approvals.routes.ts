import { approvalSchema, decisionBody, listApprovalsQuery, listOf } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as approvals from "./approvals.service.js";

const idParams = z.object({ id: z.string().max(64) });

export function approvalsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["approvals"];

  r.get(
    "/api/approvals",
    { schema: { tags, querystring: listApprovalsQuery, response: { 200: listOf(approvalSchema) } } },
    async (request) => approvals.listMyApprovals(ctx, requireActor(request), request.query),
  );
  r.post(
    "/api/approvals/:id/decision",
    { schema: { tags, params: idParams, body: decisionBody, response: { 200: approvalSchema } } },
    async (request) => approvals.decideApproval(ctx, requireActor(request), request.params.id, request.body),
  );
}
