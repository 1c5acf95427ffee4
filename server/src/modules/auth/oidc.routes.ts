import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { OidcConfig } from "../../config.js";
import type { AppContext } from "../../context.js";
import { readCookie, setSessionCookie } from "../../http/auth.js";
import { notFound } from "../../lib/errors.js";
import { signInWithOidc } from "./auth.service.js";
import { beginOidcSignIn, OidcRefused, safeReturnPath, type OidcTransaction } from "./oidc-sign-in.js";

const TRANSACTION_COOKIE = "docket_oidc";
const COOKIE_PATH = "/api/auth/oidc";
/** Time to sign in at the provider before the started sign-in is forgotten. */
const TRANSACTION_SECONDS = 600;

const transactionSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
});

function writeTransaction(request: FastifyRequest, reply: FastifyReply, transaction: OidcTransaction | null): void {
  const value = transaction ? Buffer.from(JSON.stringify(transaction)).toString("base64url") : "";
  const secure = request.protocol === "https" ? "; Secure" : "";
  // SameSite=Lax: the provider's redirect back is a top-level GET, which still carries it.
  void reply.header(
    "set-cookie",
    `${TRANSACTION_COOKIE}=${value}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${transaction ? TRANSACTION_SECONDS : 0}${secure}`,
  );
}

function readTransaction(request: FastifyRequest): OidcTransaction | null {
  const raw = readCookie(request, TRANSACTION_COOKIE);
  if (!raw) return null;
  try {
    const parsed = transactionSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function redirectUri(ctx: AppContext, config: OidcConfig, request: FastifyRequest): string {
  if (config.redirectUri) return config.redirectUri;
  const origin = ctx.config.publicUrl?.replace(/\/+$/, "") ?? `${request.protocol}://${request.host}`;
  return `${origin}${COOKIE_PATH}/callback`;
}

function configured(ctx: AppContext): OidcConfig {
  if (!ctx.config.oidc) throw notFound("OpenID Connect sign-in is not configured (DOCKET_OIDC_ISSUER)");
  return ctx.config.oidc;
}

/** The sign-in page's error banner says why; the codes are OidcFailure. */
const refusedRedirect = (code: string) => `/login?error=${encodeURIComponent(code)}`;

export function oidcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["auth"];

  r.get(
    "/api/auth/providers",
    {
      config: { access: "public" },
      schema: {
        tags,
        response: { 200: z.object({ oidc: z.object({ name: z.string(), startUrl: z.string() }).nullable() }) },
      },
    },
    async () => ({
      oidc: ctx.config.oidc ? { name: ctx.config.oidc.displayName, startUrl: `${COOKIE_PATH}/start` } : null,
    }),
  );

  r.get(
    "/api/auth/oidc/start",
    {
      config: { access: "public" },
      schema: { tags, querystring: z.object({ returnTo: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      const config = configured(ctx);
      try {
        const { url, transaction } = await beginOidcSignIn(
          ctx,
          config,
          redirectUri(ctx, config, request),
          request.query.returnTo ?? "/",
        );
        writeTransaction(request, reply, transaction);
        return reply.redirect(url, 302);
      } catch (error) {
        if (error instanceof OidcRefused) return reply.redirect(refusedRedirect(error.code), 302);
        throw error;
      }
    },
  );

  r.get(
    "/api/auth/oidc/callback",
    { config: { access: "public" }, schema: { tags, querystring: z.record(z.string(), z.unknown()) } },
    async (request, reply) => {
      const config = configured(ctx);
      const transaction = readTransaction(request);
      // One use: whatever happens, the started sign-in is over.
      writeTransaction(request, reply, null);
      const callbackUrl = new URL(redirectUri(ctx, config, request));
      callbackUrl.search = new URL(request.url, "http://callback").search;
      try {
        const signed = await signInWithOidc(ctx, config, callbackUrl, transaction);
        setSessionCookie(request, reply, signed.sessionToken);
        return reply.redirect(safeReturnPath(transaction?.returnTo), 302);
      } catch (error) {
        if (!(error instanceof OidcRefused)) throw error;
        request.log.info({ code: error.code, reason: error.message }, "OpenID Connect sign-in refused");
        return reply.redirect(refusedRedirect(error.code), 302);
      }
    },
  );
}
