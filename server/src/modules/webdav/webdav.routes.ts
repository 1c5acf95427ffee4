import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../context.js";
import type { LoginLimiter } from "../../lib/login-limiter.js";
import { authenticateDav } from "./dav-auth.js";
import * as methods from "./dav-methods.js";
import { parseDavTarget } from "./dav-paths.js";
import { DavError, errorBody } from "./dav-xml.js";

const DAV_METHODS = ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"] as const;
const ALL_METHODS = ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", ...DAV_METHODS];

/**
 * `/dav/`: the shared drive over WebDAV (RFC 4918, classes 1 and 2), in the same process as the API and over
 * the same drive, documents and visibility rules. Written here rather than with a WebDAV server library: the
 * maintained ones keep locks in memory (wrong with several app processes) and model a file system, while every
 * write here is a document rule (versions, registration, archive). XML is parsed by @xmldom/xmldom, which keeps
 * namespaces exactly, as dead properties need.
 */
export async function webdavRoutes(app: FastifyInstance, ctx: AppContext, limiter: LoginLimiter): Promise<void> {
  for (const method of DAV_METHODS) {
    if (!app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
  }
  await app.register(async (dav) => {
    // Bodies stay streams: PUT streams into the blob store, XML bodies are read (and bounded) by the handlers.
    dav.removeAllContentTypeParsers();
    dav.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    const handler = (request: FastifyRequest, reply: FastifyReply) => handle(ctx, limiter, request, reply);
    for (const url of ["/dav", "/dav/*"]) {
      dav.route({ method: ALL_METHODS, url, config: { access: "public" }, schema: { hide: true }, handler });
    }
  });
}

async function handle(ctx: AppContext, limiter: LoginLimiter, request: FastifyRequest, reply: FastifyReply) {
  try {
    const target = parseDavTarget(request.url);
    // Clients probe OPTIONS before they sign in; it tells nothing about the drive.
    if (request.method === "OPTIONS") return methods.options(reply);
    const actor = await authenticateDav(ctx, limiter, request);
    const call: methods.DavCall = { ctx, actor, target, request, reply };
    switch (request.method) {
      case "GET":
        return await methods.get(call, false);
      case "HEAD":
        return await methods.get(call, true);
      case "PUT":
        return await methods.put(call);
      case "DELETE":
        return await methods.remove(call);
      case "MKCOL":
        return await methods.mkcol(call);
      case "COPY":
        return await methods.copyOrMove(call, false);
      case "MOVE":
        return await methods.copyOrMove(call, true);
      case "PROPFIND":
        return await methods.propfindMethod(call);
      case "PROPPATCH":
        return await methods.proppatchMethod(call);
      case "LOCK":
        return await methods.lock(call);
      case "UNLOCK":
        return await methods.unlockMethod(call);
      default:
        throw new DavError(405, `${request.method} is not supported here`);
    }
  } catch (error) {
    if (!(error instanceof DavError)) throw error;
    reply.status(error.status);
    if (error.condition) return reply.type("application/xml; charset=utf-8").send(errorBody(error.condition));
    return reply.type("text/plain; charset=utf-8").send(error.message);
  }
}
