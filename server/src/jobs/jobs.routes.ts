import { failedJobSchema, listJobsQuery, listOf } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../context.js";
import { listFailedJobs } from "./failed-jobs.js";

export function jobsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/jobs",
    {
      config: { access: "admin" },
      schema: { tags: ["system"], querystring: listJobsQuery, response: { 200: listOf(failedJobSchema) } },
    },
    async (request) => listFailedJobs(ctx.db, request.query),
  );
}
