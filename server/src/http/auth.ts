import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor, AppContext } from "../context.js";
import { AppError } from "../lib/errors.js";
import { resolveBearer, resolveSession, SESSION_TTL_MS } from "../modules/auth/auth.service.js";
import { forgetCredentials } from "../modules/auth/credential-cache.js";
import { notificationBus } from "../modules/notifications/notification-bus.js";

export type RouteAccess = "public" | "user" | "admin";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route; "user" unless said otherwise. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    /** Set when the caller signed in with an API token (bearer) instead of a session. */
    tokenId: string | null;
    csrfToken: string | null;
  }
}

export const SESSION_COOKIE = "docket_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const secure = request.protocol === "https" ? "; Secure" : "";
  const maxAge = token ? Math.floor(SESSION_TTL_MS / 1000) : 0;
  void reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${token ?? ""}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
  );
}

/** True for a request the router matched to one of our API routes (the API docs UI excepted). */
export function isApiRoute(request: FastifyRequest): boolean {
  if (request.is404) return false;
  const route = request.routeOptions.url;
  return route !== undefined && route.startsWith("/api/") && !route.startsWith("/api/docs");
}

/** The matched route's access level; "user" unless the route says otherwise. */
export function routeAccess(request: FastifyRequest): RouteAccess {
  return request.routeOptions.config.access ?? "user";
}

/** The signed-in actor, or 401. Routes call this; the hook below has already refused anonymous calls. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Sign in first");
  return request.actor;
}

/**
 * Identifies the caller (bearer token or session cookie) and enforces the route's access level and CSRF:
 * a cookie-authenticated unsafe request must echo the session's CSRF token in X-CSRF-Token.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("tokenId", null);
  app.decorateRequest("csrfToken", null);
  // Another process (or this one) ended a credential: nothing may still be remembered about it.
  void notificationBus(ctx).onRevocation(() => forgetCredentials(ctx));

  app.addHook("onRequest", async (request) => {
    // Decided from the route the router matched, never from the request target's text: the router also matches
    // the absolute form (`GET http://host/api/users`), which does not start with "/api/".
    if (!isApiRoute(request)) return;
    const access = routeAccess(request);

    const authorization = request.headers.authorization;
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const bearer = await resolveBearer(ctx, authorization.slice(7).trim());
      request.actor = bearer?.actor ?? null;
      request.tokenId = bearer?.tokenId ?? null;
      if (!request.actor && access !== "public") throw new AppError("unauthenticated", "Invalid or revoked API token");
    } else {
      const token = readCookie(request, SESSION_COOKIE);
      const session = token ? await resolveSession(ctx, token) : null;
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.csrfToken = session.csrfToken;
        const header = request.headers["x-csrf-token"];
        if (!SAFE_METHODS.has(request.method) && access !== "public" && header !== session.csrfToken) {
          throw new AppError("csrf_failed", "Missing or wrong X-CSRF-Token header");
        }
      }
    }

    if (access === "public") return;
    if (!request.actor) throw new AppError("unauthenticated", "Sign in first");
    if (access === "admin" && request.actor.role !== "admin") {
      throw new AppError("forbidden", "Only an administrator can do this");
    }
  });
}
