import {
  createItemBody,
  createProcessBody,
  documentSchema,
  historySchema,
  itemSchema,
  listAllItemsQuery,
  listItemsQuery,
  listOf,
  listQuery,
  moveItemBody,
  moveItemVersionBody,
  processAnalyticsQuery,
  processAnalyticsSchema,
  processQuery,
  processSchema,
  processVersionsSchema,
  updateItemBody,
  updateProcessBody,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { withUpload } from "../documents/index.js";
import { uploadItemDocument } from "./item-documents-upload.js";
import { itemHistory } from "./item-history.js";
import { moveItem } from "./item-moves.js";
import { processAnalytics } from "./process-analytics.js";
import * as items from "./items.service.js";
import * as processes from "./processes.service.js";
import { idParams } from "../../http/route-params.js";

/** Process definitions (changed by admins, read by everyone who works with items) and their items. */
export function processesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["processes"];
  const admin = { access: "admin" as const };

  r.get(
    "/api/processes",
    { schema: { tags, querystring: listQuery, response: { 200: listOf(processSchema) } } },
    async (request) => processes.listProcesses(ctx, request.query),
  );
  r.post(
    "/api/processes",
    { config: admin, schema: { tags, body: createProcessBody, response: { 201: processSchema } } },
    async (request, reply) =>
      reply.status(201).send(await processes.createProcess(ctx, requireActor(request), request.body)),
  );
  r.get(
    "/api/processes/:id",
    { schema: { tags, params: idParams, querystring: processQuery, response: { 200: processSchema } } },
    async (request) => processes.getProcessAt(ctx, request.params.id, request.query.version),
  );
  r.get(
    "/api/processes/:id/versions",
    { schema: { tags, params: idParams, response: { 200: processVersionsSchema } } },
    async (request) => processes.listProcessVersions(ctx, request.params.id),
  );
  r.patch(
    "/api/processes/:id",
    { config: admin, schema: { tags, params: idParams, body: updateProcessBody, response: { 200: processSchema } } },
    async (request) => processes.updateProcess(ctx, requireActor(request), request.params.id, request.body),
  );

  r.get(
    "/api/processes/:id/analytics",
    {
      schema: { tags, params: idParams, querystring: processAnalyticsQuery, response: { 200: processAnalyticsSchema } },
    },
    async (request) => processAnalytics(ctx, requireActor(request), request.params.id, request.query),
  );

  const itemTags = ["items"];
  r.post(
    "/api/processes/:id/items",
    { schema: { tags: itemTags, params: idParams, body: createItemBody, response: { 201: itemSchema } } },
    async (request, reply) =>
      reply.status(201).send(await items.createItem(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    "/api/processes/:id/items",
    {
      schema: { tags: itemTags, params: idParams, querystring: listItemsQuery, response: { 200: listOf(itemSchema) } },
    },
    async (request) => items.listItems(ctx, requireActor(request), { ...request.query, processId: request.params.id }),
  );
  r.get(
    "/api/items",
    { schema: { tags: itemTags, querystring: listAllItemsQuery, response: { 200: listOf(itemSchema) } } },
    async (request) => items.listItems(ctx, requireActor(request), request.query),
  );
  r.get(
    "/api/items/:id",
    { schema: { tags: itemTags, params: idParams, response: { 200: itemSchema } } },
    async (request) => items.getItem(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    "/api/items/:id",
    { schema: { tags: itemTags, params: idParams, body: updateItemBody, response: { 200: itemSchema } } },
    async (request) => items.updateItem(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/items/:id/stage",
    { schema: { tags: itemTags, params: idParams, body: moveItemBody, response: { 200: itemSchema } } },
    async (request) => moveItem(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/items/:id/process-version",
    {
      config: admin,
      schema: { tags: itemTags, params: idParams, body: moveItemVersionBody, response: { 200: itemSchema } },
    },
    async (request) => items.moveItemToVersion(ctx, requireActor(request), request.params.id, request.body.version),
  );
  r.get(
    "/api/items/:id/history",
    { schema: { tags: itemTags, params: idParams, response: { 200: historySchema } } },
    async (request) => itemHistory(ctx, requireActor(request), request.params.id),
  );
  r.post(
    "/api/items/:id/documents",
    {
      schema: {
        tags: itemTags,
        params: idParams,
        consumes: ["multipart/form-data"],
        response: { 201: documentSchema },
      },
    },
    (request, reply) =>
      withUpload(ctx, request, async (upload) =>
        reply.status(201).send(await uploadItemDocument(ctx, requireActor(request), request.params.id, upload)),
      ),
  );
}
