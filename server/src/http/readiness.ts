import type { Kysely } from "kysely";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { pendingMigrations } from "../db/migrate.js";
import { sendProblem } from "./problem.js";

/** GET /api/health/ready: 200 when the database answers and its schema is this code's; 503 otherwise (no auth). */
export function readinessRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    "/api/health/ready",
    { config: { access: "public" }, schema: { tags: ["system"] } },
    async (_request, reply) => {
      let pending: string[];
      try {
        pending = await pendingMigrations(ctx.db as unknown as Kysely<unknown>);
      } catch (error) {
        ctx.log.warn({ err: error }, "readiness: the database does not answer");
        return sendProblem(reply, 503, "not_ready", "The database does not answer");
      }
      if (pending.length > 0) {
        return sendProblem(reply, 503, "not_ready", `Database migrations not applied: ${pending.join(", ")}`);
      }
      return { status: "ready", database: ctx.dialect.name };
    },
  );
}
