import {
  approvalSchema,
  approvalSheetQuery,
  decisionBody,
  itemApprovalsSchema,
  listApprovalsQuery,
  listOf,
  myWorkSchema,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { contentDisposition } from "../documents/index.js";
import { approvalSheet } from "./approval-sheet.js";
import * as approvals from "./approvals.service.js";
import { itemApprovals } from "./item-approvals.js";
import { myWork } from "./my-work.js";
import { idParams } from "../../http/route-params.js";

export function approvalsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["approvals"];

  r.get(
    "/api/approvals",
    { schema: { tags, querystring: listApprovalsQuery, response: { 200: listOf(approvalSchema) } } },
    async (request) => approvals.listMyApprovals(ctx, requireActor(request), request.query),
  );
  r.get("/api/my-work", { schema: { tags, response: { 200: myWorkSchema } } }, async (request) =>
    myWork(ctx, requireActor(request)),
  );
  r.post(
    "/api/approvals/:id/decision",
    { schema: { tags, params: idParams, body: decisionBody, response: { 200: approvalSchema } } },
    async (request) => approvals.decideApproval(ctx, requireActor(request), request.params.id, request.body),
  );
  r.get(
    "/api/items/:id/approvals",
    { schema: { tags, params: idParams, response: { 200: itemApprovalsSchema } } },
    async (request) => itemApprovals(ctx, requireActor(request), request.params.id),
  );
  r.get(
    "/api/items/:id/approval-sheet",
    {
      schema: {
        tags,
        params: idParams,
        querystring: approvalSheetQuery,
        produces: ["application/pdf"],
        description: "«Лист согласования» of a round (default: the latest) as PDF; a finished round's is frozen.",
      },
    },
    async (request, reply) => {
      const sheet = await approvalSheet(ctx, requireActor(request), request.params.id, request.query.round);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition(sheet.fileName))
        .header("cache-control", "private, no-store")
        .send(sheet.bytes);
    },
  );
}
