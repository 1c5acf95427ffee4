import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import { sendProblem } from "../http/problem.js";
import { safeEqual } from "../lib/crypto.js";
import { metrics, registry } from "./metrics.js";

/** GET /metrics (Prometheus text format) and the request-duration histogram every response feeds. */
export function metricsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern, never the raw URL: one series per route, whatever ids the URLs carry.
    const route = request.routeOptions.url ?? "unmatched";
    metrics.httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get("/metrics", { config: { access: "public" }, schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
      if (!safeEqual(given, token)) {
        void reply.header("www-authenticate", 'Bearer realm="metrics"');
        return sendProblem(reply, 401, "unauthenticated", "GET /metrics needs the DOCKET_METRICS_TOKEN bearer token");
      }
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
