import {
  apiTokenSchema,
  createTokenBody,
  loginBody,
  sessionResponse,
  setupBody,
  tokenCreatedResponse,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor, setSessionCookie } from "../../http/auth.js";
import { forbidden } from "../../lib/errors.js";
import type { LoginLimiter } from "../../lib/login-limiter.js";
import { provisionIfNeeded } from "../../provisioning/provision.js";
import { getUser } from "../users/index.js";
import * as auth from "./auth.service.js";

export function authRoutes(app: FastifyInstance, ctx: AppContext, limiter: LoginLimiter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["auth"];

  r.post(
    "/api/setup",
    { config: { access: "public" }, schema: { tags, body: setupBody, response: { 201: sessionResponse } } },
    async (request, reply) => {
      const signed = await auth.setup(ctx, request.body);
      await provisionIfNeeded(ctx);
      setSessionCookie(request, reply, signed.sessionToken);
      return reply.status(201).send({ user: signed.user, csrfToken: signed.csrfToken, timeZone: ctx.config.timeZone });
    },
  );

  r.get(
    "/api/setup",
    { config: { access: "public" }, schema: { tags, response: { 200: z.object({ needed: z.boolean() }) } } },
    async () => ({ needed: await auth.setupNeeded(ctx) }),
  );

  r.post(
    "/api/auth/login",
    { config: { access: "public" }, schema: { tags, body: loginBody, response: { 200: sessionResponse } } },
    async (request, reply) => {
      const signed = await auth.login(ctx, limiter, { ...request.body, address: request.ip });
      setSessionCookie(request, reply, signed.sessionToken);
      return { user: signed.user, csrfToken: signed.csrfToken, timeZone: ctx.config.timeZone };
    },
  );

  r.post("/api/auth/logout", { schema: { tags } }, async (request, reply) => {
    if (request.sessionId && request.actor) await auth.logout(ctx, request.actor, request.sessionId);
    setSessionCookie(request, reply, null);
    return reply.status(204).send();
  });

  r.get("/api/auth/me", { schema: { tags, response: { 200: sessionResponse } } }, async (request) => {
    const actor = requireActor(request);
    // Bearer callers have no CSRF token and need none.
    return { user: await getUser(ctx, actor.id), csrfToken: request.csrfToken ?? "", timeZone: ctx.config.timeZone };
  });

  r.get(
    "/api/tokens",
    { schema: { tags, response: { 200: z.object({ items: z.array(apiTokenSchema), nextCursor: z.null() }) } } },
    async (request) => ({ items: await auth.listTokens(ctx, requireActor(request)), nextCursor: null }),
  );

  r.post(
    "/api/tokens",
    { schema: { tags, body: createTokenBody, response: { 201: tokenCreatedResponse } } },
    async (request, reply) => {
      const actor = requireActor(request);
      // A leaked token must not be able to mint more tokens that outlive its own deletion.
      if (request.tokenId) throw forbidden("An API token cannot create API tokens; sign in to create one");
      return reply.status(201).send(await auth.createToken(ctx, actor, request.body.name));
    },
  );

  r.delete(
    "/api/tokens/:id",
    { schema: { tags, params: z.object({ id: z.string().max(64) }) } },
    async (request, reply) => {
      await auth.deleteToken(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
