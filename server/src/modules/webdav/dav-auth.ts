import type { FastifyRequest } from "fastify";
import type { Actor, AppContext } from "../../context.js";
import { AppError } from "../../lib/errors.js";
import type { LoginLimiter } from "../../lib/login-limiter.js";
import { resolveBearer } from "../auth/index.js";
import { getUser } from "../users/index.js";

const CHALLENGE = { "www-authenticate": 'Basic realm="Docket", charset="UTF-8"' };

const refused = (message: string) => new AppError("unauthenticated", message, undefined, CHALLENGE);

/**
 * WebDAV clients sign in with HTTP Basic: the email and an app password (an API token), never the account
 * password, which stays with the browser's sign-in; `Authorization: Bearer <token>` works too. Failures count
 * against the sign-in limiter, so guessing tokens here is as slow as guessing passwords.
 */
export async function authenticateDav(ctx: AppContext, limiter: LoginLimiter, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization ?? "";
  const [scheme = "", credentials = ""] = header.split(/\s+/, 2);
  let email: string;
  let token: string;
  if (/^bearer$/i.test(scheme)) {
    email = "";
    token = credentials;
  } else if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw refused("Sign in with your email and an app password");
    email = decoded.slice(0, colon).trim().toLowerCase();
    token = decoded.slice(colon + 1);
  } else {
    throw refused("Sign in with your email and an app password (create one in your profile)");
  }
  const limitKey = `${request.ip}|${email}`;
  limiter.assertAllowed(limitKey);
  const actor = token ? ((await resolveBearer(ctx, token))?.actor ?? null) : null;
  const matches = actor !== null && (email === "" || (await getUser(ctx, actor.id)).email.toLowerCase() === email);
  if (!actor || !matches) {
    limiter.recordFailure(limitKey);
    throw refused("Wrong email or app password");
  }
  limiter.reset(limitKey);
  return actor;
}
