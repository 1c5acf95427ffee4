import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext } from "./context.js";
import { registerAuth } from "./http/auth.js";
import { registerInputGuards } from "./http/input-guards.js";
import { registerProblemHandlers, sendProblem } from "./http/problem.js";
import { readinessRoute } from "./http/readiness.js";
import { originForm } from "./http/request-target.js";
import { registerSecurityHeaders, SECURITY_HEADERS } from "./http/security.js";
import { LoginLimiter } from "./lib/login-limiter.js";
import { jobsRoutes } from "./jobs/jobs.routes.js";
import { metricsRoutes } from "./metrics/metrics.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { authRoutes } from "./modules/auth/auth.routes.js";
import { oidcRoutes } from "./modules/auth/oidc.routes.js";
import { crmRoutes } from "./modules/crm/crm.routes.js";
import { smartProcessRoutes } from "./composition/smart-processes.routes.js";
import { documentsRoutes } from "./modules/documents/documents.routes.js";
import { commentsRoutes } from "./modules/comments/comments.routes.js";
import { detectConverters } from "./modules/documents/index.js";
import { intakeRoutes, intakeState } from "./modules/intake/index.js";
import { templatesRoutes } from "./modules/templates/index.js";
import { usersRoutes } from "./modules/users/users.routes.js";
import { calendarRoutes } from "./modules/calendar/calendar.routes.js";
import { peopleRoutes } from "./modules/people/people.routes.js";
import { webdavRoutes } from "./modules/webdav/webdav.routes.js";
import { VERSION } from "./version.js";

export const WEB_DIST = path.resolve(import.meta.dirname, "../../web/dist");

export interface RouteEntry {
  method: string;
  url: string;
  access: "public" | "user" | "admin";
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every API route with its access level: the authorization matrix test is built from it. */
    routeTable: RouteEntry[];
  }
}

export interface BuildOptions {
  logger?: FastifyBaseLogger;
  /** Limits for slow clients (tests shorten them). */
  timeouts?: { headersMs?: number; requestMs?: number };
  /** Serve the built web UI from web/dist (skipped in API tests). */
  serveWeb?: boolean;
}

/** Builds the HTTP app around an opened context; tests call it in-process and use `app.inject`. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    // Slow or stalled clients are cut off instead of holding sockets forever: headers must arrive within
    // headersTimeout, a whole request (a 100 MB upload on a slow link included) within requestTimeout.
    serverFactory: (handler) => {
      const server = http.createServer(
        {
          headersTimeout: options.timeouts?.headersMs ?? 20_000,
          requestTimeout: options.timeouts?.requestMs ?? 300_000,
          connectionsCheckingInterval: Math.min(1_000, options.timeouts?.headersMs ?? 1_000),
        },
        handler,
      );
      // Fastify applies its keepAliveTimeout only to a server it creates itself. Longer than the 60 s idle timeout of
      // common proxies and load balancers, so the proxy, not Docket, closes an idle connection (no reset mid-request).
      server.keepAliveTimeout = 72_000;
      return server;
    },
    rewriteUrl: (request) => originForm(request.url ?? "/"),
    // Behind a TLS-terminating proxy: request.protocol (the Secure cookie) and request.ip (the login limiter)
    // come from X-Forwarded-Proto / X-Forwarded-For, but only when DOCKET_TRUST_PROXY says the proxy is ours.
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
    // A URL the router cannot decode (e.g. "%FF") is answered before any route or error handler: keep it problem+json.
    // No hooks run for it either, so it gets the security headers here.
    frameworkErrors: (error, _request, reply) => {
      void sendProblem(reply.headers(SECURITY_HEADERS), 400, "bad_request", error.message);
    },
  });
  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD" || !route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) continue;
      routeTable.push({ method, url: route.url, access: route.config?.access ?? "user" });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are built by presenters from typed rows; serialising with plain JSON keeps the hot path fast.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Docket API",
        version: VERSION,
        description: "Document flow: registry, shared drive, CRM and smart processes.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "docket_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  await app.register(multipart, {
    limits: {
      fileSize: ctx.config.maxUploadBytes,
      files: 1,
      fields: 20,
      fieldSize: 1024 * 1024,
      parts: 30,
      headerPairs: 50,
    },
  });

  await registerSecurityHeaders(app);
  registerProblemHandlers(app);
  registerInputGuards(app);
  registerAuth(app, ctx);

  app.get("/api/health", { config: { access: "public" }, schema: { tags: ["system"] } }, async () => {
    await ctx.db.selectFrom("users").select("id").limit(1).execute();
    const { office, ocr } = await detectConverters(ctx.config.renditions);
    return {
      status: "ok",
      database: ctx.dialect.name,
      version: VERSION,
      converters: { office, ocr },
      intake: await intakeState(ctx),
    };
  });
  readinessRoute(app, ctx);
  metricsRoutes(app, ctx);
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  const limiter = new LoginLimiter(ctx.clock, ctx.config.loginAttempts);
  authRoutes(app, ctx, limiter);
  oidcRoutes(app, ctx);
  usersRoutes(app, ctx);
  peopleRoutes(app, ctx);
  calendarRoutes(app, ctx);
  crmRoutes(app, ctx);
  smartProcessRoutes(app, ctx);
  documentsRoutes(app, ctx);
  commentsRoutes(app, ctx);
  jobsRoutes(app, ctx);
  auditRoutes(app, ctx);
  intakeRoutes(app, ctx);
  templatesRoutes(app, ctx);
  await webdavRoutes(app, ctx, limiter);

  if (options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, "index.html"))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", wildcard: false, index: ["index.html"] });
    // Client-side routes (/documents/123) get the app shell; unknown API paths stay problem+json 404s.
    // A catch-all GET route, because registerProblemHandlers already owns the not-found handler (a second one throws).
    app.get("/*", { config: { access: "public" }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith("/api/")) {
        return sendProblem(reply, 404, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
      }
      return reply.sendFile("index.html");
    });
  }
  return app;
}
