import { createRobotBody, listOf, robotSchema, updateRobotBody, webhookSecretSchema } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as robots from "./robots.service.js";
import { presentWebhookSecret } from "./webhook-secret.js";
import { idParams } from "../../http/route-params.js";

export function automationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["robots"];
  const admin = { access: "admin" as const };

  r.get(
    "/api/processes/:id/robots",
    { config: admin, schema: { tags, params: idParams, response: { 200: listOf(robotSchema) } } },
    async (request) => robots.listRobots(ctx, request.params.id),
  );
  r.post(
    "/api/processes/:id/robots",
    { config: admin, schema: { tags, params: idParams, body: createRobotBody, response: { 201: robotSchema } } },
    async (request, reply) =>
      reply.status(201).send(await robots.createRobot(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    "/api/robots/webhook-secret",
    { config: admin, schema: { tags, response: { 200: webhookSecretSchema } } },
    async () => presentWebhookSecret(ctx),
  );
  r.patch(
    "/api/robots/:id",
    { config: admin, schema: { tags, params: idParams, body: updateRobotBody, response: { 200: robotSchema } } },
    async (request) => robots.updateRobot(ctx, requireActor(request), request.params.id, request.body),
  );
  r.delete("/api/robots/:id", { config: admin, schema: { tags, params: idParams } }, async (request, reply) => {
    await robots.deleteRobot(ctx, requireActor(request), request.params.id);
    return reply.status(204).send();
  });
}
