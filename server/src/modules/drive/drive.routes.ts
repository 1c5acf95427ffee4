import { createDriveFolderBody, driveFolderSchema, driveListingSchema, driveQuery } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import * as drive from "./drive.service.js";

export function driveRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["drive"];

  r.get(
    "/api/drive",
    { schema: { tags, querystring: driveQuery, response: { 200: driveListingSchema } } },
    async (request) => drive.browseDrive(ctx, requireActor(request), request.query),
  );
  r.post(
    "/api/drive/folders",
    { schema: { tags, body: createDriveFolderBody, response: { 200: driveFolderSchema, 201: driveFolderSchema } } },
    async (request, reply) => {
      const { folder, created } = await drive.createDriveFolder(ctx, requireActor(request), request.body.path);
      return reply.status(created ? 201 : 200).send(folder);
    },
  );
}
