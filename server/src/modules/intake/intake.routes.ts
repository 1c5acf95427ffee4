import { intakeStatusSchema } from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";
import { intakeStatus } from "./intake.status.js";

export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/intake",
    {
      // Senders, subjects and the mailbox's address: administrators only.
      config: { access: "admin" },
      schema: { tags: ["system"], response: { 200: intakeStatusSchema } },
    },
    async () => intakeStatus(ctx),
  );
}
