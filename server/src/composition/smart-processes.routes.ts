import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { approvalsRoutes } from "../modules/approvals/approvals.routes.js";
import { automationRoutes } from "../modules/automation/automation.routes.js";
import { notificationsRoutes } from "../modules/notifications/notifications.routes.js";
import { processesRoutes } from "../modules/processes/processes.routes.js";

/** Processes, items, robots, approvals and notifications. */
export function smartProcessRoutes(app: FastifyInstance, ctx: AppContext): void {
  processesRoutes(app, ctx);
  automationRoutes(app, ctx);
  approvalsRoutes(app, ctx);
  notificationsRoutes(app, ctx);
}
