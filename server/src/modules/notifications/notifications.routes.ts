import type { ServerResponse } from "node:http";
import {
  listNotificationsQuery,
  listOf,
  markNotificationsReadBody,
  notificationSchema,
  unreadCountSchema,
} from "@docket/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireActor } from "../../http/auth.js";
import { SECURITY_HEADERS } from "../../http/security.js";
import { metrics } from "../../metrics/metrics.js";
import { notificationBus, type Revocation } from "./notification-bus.js";
import * as notifications from "./notifications.service.js";

const HEARTBEAT_MS = 25_000;

export function notificationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];
  /** Open streams and the credential each was opened with, so revoking that credential closes it. */
  const streams = new Map<ServerResponse, { userId: string; sessionId: string | null; tokenId: string | null }>();
  const matches = (owner: { userId: string; sessionId: string | null; tokenId: string | null }, r: Revocation) =>
    owner.userId === r.userId &&
    (r.sessionId === undefined || owner.sessionId === r.sessionId) &&
    (r.tokenId === undefined || owner.tokenId === r.tokenId) &&
    (r.exceptSessionId === undefined || owner.sessionId !== r.exceptSessionId);
  void notificationBus(ctx).onRevocation((revocation) => {
    for (const [raw, owner] of streams) if (matches(owner, revocation)) raw.end();
  });

  r.get(
    "/api/notifications",
    { schema: { tags, querystring: listNotificationsQuery, response: { 200: listOf(notificationSchema) } } },
    async (request) => notifications.listNotifications(ctx, requireActor(request), request.query),
  );
  r.get(
    "/api/notifications/unread-count",
    { schema: { tags, response: { 200: unreadCountSchema } } },
    async (request) => notifications.countUnreadNotifications(ctx, requireActor(request)),
  );
  r.post(
    "/api/notifications/read",
    {
      schema: { tags, body: markNotificationsReadBody, response: { 200: z.object({ updated: z.number() }) } },
    },
    async (request) => notifications.markNotificationsRead(ctx, requireActor(request), request.body),
  );

  r.get(
    "/api/notifications/stream",
    { schema: { tags, description: "Server-Sent Events: one `notification` event per new notification." } },
    async (request, reply) => {
      const actor = requireActor(request);
      const raw = reply.raw;
      const unsubscribe = await notificationBus(ctx).subscribe(actor.id, (notification) => {
        raw.write(`event: notification\nid: ${notification.id}\ndata: ${JSON.stringify(notification)}\n\n`);
      });
      reply.hijack();
      raw.writeHead(200, {
        ...SECURITY_HEADERS, // hijacked: the onSend hook that adds them does not run
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no", // proxies must not buffer a stream
      });
      raw.write(`retry: 3000\n: connected\n\n`);
      streams.set(raw, { userId: actor.id, sessionId: request.sessionId, tokenId: request.tokenId });
      metrics.sseConnections.inc();
      const heartbeat = setInterval(() => raw.write(`: ping\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      let cleaned = false;
      const cleanup = () => {
        if (cleaned) return; // both the request and the response report the close
        cleaned = true;
        metrics.sseConnections.dec();
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(raw);
      };
      request.raw.on("close", cleanup);
      raw.on("close", cleanup);
    },
  );

  // Open streams never end on their own; close them so the server can shut down.
  app.addHook("preClose", async () => {
    for (const raw of streams.keys()) raw.end();
    streams.clear();
  });
  app.addHook("onClose", async () => notificationBus(ctx).close());
}
