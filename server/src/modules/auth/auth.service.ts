import { verify } from "@node-rs/argon2";
import type { User } from "@docket/common";
import type { OidcConfig } from "../../config.js";
import { isAdmin, nowIso, type Actor, type AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { randomToken, sha256Hex } from "../../lib/crypto.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { LoginLimiter } from "../../lib/login-limiter.js";
import { countUsers, createUser, findUserForLogin, presentUser } from "../users/index.js";
import * as repo from "./auth.repository.js";
import { signInWithDirectory } from "./directory-sign-in.js";
import { completeOidcSignIn, type OidcTransaction } from "./oidc-sign-in.js";
import { recalled, remember } from "./credential-cache.js";
import { credentialsEnded } from "./revocation.js";

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
/** Sliding expiry is written at most this often, so reads stay reads. */
const SESSION_TOUCH_MS = 10 * 60_000;

// Verifying against a real hash even for unknown emails keeps response time from revealing which emails exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Tpi9au3Tq7W7RwgiM7DIxw$hxSZbiJBSRmtX5atcAqoE82AFMH0zSezCa9swDTMXuE";

export interface SignedIn {
  user: User;
  sessionToken: string;
  csrfToken: string;
}

export async function login(
  ctx: AppContext,
  limiter: LoginLimiter,
  input: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const limitKey = `${input.address}|${input.email}`;
  limiter.assertAllowed(limitKey);
  const local = await findUserForLogin(ctx, input.email);
  const valid = await verify(local?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  // Local accounts first; then the directory, when one is configured (a login there may be a name, not an email).
  const user =
    local && valid && local.active === 1 ? local : await signInWithDirectory(ctx, input.email, input.password);
  if (!user) {
    limiter.recordFailure(limitKey);
    throw new AppError("unauthenticated", "Wrong email or password");
  }
  limiter.reset(limitKey);
  return startSession(ctx, presentUser(user));
}

/** A session for a user an OpenID Connect provider vouched for (oidc-sign-in.ts did the checks). */
export async function signInWithOidc(
  ctx: AppContext,
  config: OidcConfig,
  callbackUrl: URL,
  transaction: OidcTransaction | null,
): Promise<SignedIn> {
  const user = await completeOidcSignIn(ctx, config, callbackUrl, transaction);
  return startSession(ctx, presentUser(user), "oidc");
}

async function startSession(ctx: AppContext, user: User, method?: "oidc"): Promise<SignedIn> {
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const now = ctx.clock.now();
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.insertSession(trx, {
      id: sha256Hex(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    });
    await audit({
      actorId: user.id,
      entityType: "user",
      entityId: user.id,
      action: "auth.login",
      ...(method && { details: { method } }),
    });
  });
  return { user, sessionToken, csrfToken };
}

/** First run without DOCKET_ADMIN_*: the web UI's setup form creates the first admin, once. */
export async function setup(
  ctx: AppContext,
  input: { email: string; password: string; name: string },
): Promise<SignedIn> {
  if ((await countUsers(ctx)) > 0) throw conflict("Docket is already set up", { code: "already_set_up" });
  const user = await createUser(ctx, null, { ...input, role: "admin" });
  return startSession(ctx, user);
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export async function resolveSession(ctx: AppContext, token: string): Promise<ResolvedSession | null> {
  const id = sha256Hex(token);
  const known = recalled<ResolvedSession>(ctx, `session:${id}`);
  if (known) return known;
  const row = await repo.findSession(ctx.db, id);
  const now = ctx.clock.now();
  if (!row || row.active !== 1 || row.expiresAt <= now.toISOString()) return null;
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(ctx.db, id, now.toISOString(), new Date(now.getTime() + SESSION_TTL_MS).toISOString());
  }
  const session = {
    actor: { id: row.userId, name: row.name, role: row.role },
    sessionId: id,
    csrfToken: row.csrfToken,
  };
  remember(ctx, `session:${id}`, session, row.expiresAt);
  return session;
}

export async function logout(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  await repo.deleteSession(ctx.db, sessionId);
  await credentialsEnded(ctx, { userId: actor.id, sessionId });
}

export interface ResolvedBearer {
  actor: Actor;
  tokenId: string;
}

export async function resolveBearer(ctx: AppContext, token: string): Promise<ResolvedBearer | null> {
  const hash = sha256Hex(token);
  const known = recalled<ResolvedBearer>(ctx, `token:${hash}`);
  if (known) return known;
  const row = await repo.findTokenByHash(ctx.db, hash);
  if (!row || row.active !== 1) return null;
  const now = ctx.clock.now();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > SESSION_TOUCH_MS) {
    await repo.touchToken(ctx.db, row.id, now.toISOString());
  }
  const resolved = { actor: { id: row.userId, name: row.name, role: row.role }, tokenId: row.id };
  remember(ctx, `token:${hash}`, resolved);
  return resolved;
}

/** API tokens are `dkt_` + 256 random bits; only their sha256 is stored, so the token is shown once. */
export async function createToken(ctx: AppContext, actor: Actor, name: string) {
  const token = `dkt_${randomToken()}`;
  const id = newId();
  const at = nowIso(ctx);
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.insertToken(trx, {
      id,
      userId: actor.id,
      name,
      tokenHash: sha256Hex(token),
      createdAt: at,
      lastUsedAt: null,
    });
    await audit({
      actorId: actor.id,
      entityType: "user",
      entityId: actor.id,
      action: "token.created",
      details: { name },
    });
  });
  return { id, name, token };
}

export const listTokens = (ctx: AppContext, actor: Actor) => repo.listTokens(ctx.db, actor.id);

export async function deleteToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const token = await repo.findToken(ctx.db, id);
  if (!token || (token.userId !== actor.id && !isAdmin(actor))) throw notFound("Token not found");
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.deleteToken(trx, id);
    await audit({
      actorId: actor.id,
      entityType: "user",
      entityId: token.userId,
      action: "token.deleted",
      details: { tokenId: id },
    });
  });
  await credentialsEnded(ctx, { userId: token.userId, tokenId: id });
}

export const setupNeeded = async (ctx: AppContext) => (await countUsers(ctx)) === 0;
