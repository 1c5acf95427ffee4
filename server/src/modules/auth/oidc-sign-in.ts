import type { Configuration } from "openid-client";
import type { OidcConfig } from "../../config.js";
import type { AppContext } from "../../context.js";
import { randomToken } from "../../lib/crypto.js";
import { createUser, findUserForLogin, type UserRow } from "../users/index.js";

/** Why an OpenID Connect sign-in was refused; the sign-in page shows it (`/login?error=<code>`). */
export type OidcFailure =
  "oidc_unavailable" | "oidc_state" | "oidc_denied" | "oidc_failed" | "oidc_no_email" | "oidc_disabled";

export class OidcRefused extends Error {
  constructor(
    readonly code: OidcFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What the browser keeps between /start and /callback, in an HttpOnly cookie only our origin can set: the callback
 * must come back to the browser that started it (state), with the ID token minted for this request (nonce), and only
 * the holder of the PKCE verifier can redeem the code.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** openid-client (~8 MB resident) is loaded by the first OpenID Connect sign-in, not at start. */
const openidClient = () => import("openid-client");

const discovered = new WeakMap<AppContext, Promise<Configuration>>();

/** The provider's metadata, discovered once per process; a failed discovery is tried again on the next sign-in. */
function providerConfiguration(ctx: AppContext, config: OidcConfig): Promise<Configuration> {
  let pending = discovered.get(ctx);
  if (!pending) {
    const insecure = new URL(config.issuer).protocol === "http:";
    pending = openidClient().then((oidc) =>
      oidc.discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        config.clientSecret ? oidc.ClientSecretPost(config.clientSecret) : oidc.None(),
        // config.ts accepts http:// only on a loopback address.
        { timeout: 10, ...(insecure && { execute: [oidc.allowInsecureRequests] }) },
      ),
    );
    pending.catch(() => discovered.delete(ctx));
    discovered.set(ctx, pending);
  }
  return pending;
}

async function configurationOrRefuse(ctx: AppContext, config: OidcConfig): Promise<Configuration> {
  try {
    return await providerConfiguration(ctx, config);
  } catch (error) {
    ctx.log.error({ err: error, issuer: config.issuer }, "OpenID Connect provider unavailable");
    throw new OidcRefused("oidc_unavailable", "The sign-in provider cannot be reached");
  }
}

/** A path inside Docket to return to after signing in; anything else (another site, `//host`) becomes "/". */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

/** Starts a sign-in: the provider's authorization URL (code flow + PKCE S256) and the transaction to keep. */
export async function beginOidcSignIn(
  ctx: AppContext,
  config: OidcConfig,
  redirectUri: string,
  returnTo: string,
): Promise<{ url: string; transaction: OidcTransaction }> {
  const configuration = await configurationOrRefuse(ctx, config);
  const oidc = await openidClient();
  const transaction: OidcTransaction = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    returnTo: safeReturnPath(returnTo),
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: config.scope,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(transaction.verifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url: url.href, transaction };
}

/**
 * Finishes a sign-in: checks state, redeems the code with the PKCE verifier, checks the ID token (signature, issuer,
 * audience, nonce), then matches the Docket user by email or creates one. Throws OidcRefused.
 */
export async function completeOidcSignIn(
  ctx: AppContext,
  config: OidcConfig,
  callbackUrl: URL,
  transaction: OidcTransaction | null,
): Promise<UserRow> {
  if (!transaction || callbackUrl.searchParams.get("state") !== transaction.state)
    throw new OidcRefused("oidc_state", "The sign-in response does not belong to this browser's sign-in (state)");
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) throw new OidcRefused("oidc_denied", `The provider refused the sign-in: ${providerError}`);
  const configuration = await configurationOrRefuse(ctx, config);
  const oidc = await openidClient();

  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      pkceCodeVerifier: transaction.verifier,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    // In the code flow, providers commonly put email and name in UserInfo only.
    if (typeof claims.email !== "string") {
      claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)), ...idClaims };
    }
  } catch (error) {
    ctx.log.warn({ err: error, issuer: config.issuer }, "OpenID Connect sign-in refused");
    throw new OidcRefused("oidc_failed", "The sign-in response failed its checks");
  }
  return userForClaims(ctx, claims);
}

async function userForClaims(ctx: AppContext, claims: Record<string, unknown>): Promise<UserRow> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  // An address the provider itself says is unverified could be anyone's: matching it would hand over that account.
  if (!email || claims.email_verified === false)
    throw new OidcRefused("oidc_no_email", "The provider did not give a verified email address");
  let user = await findUserForLogin(ctx, email);
  if (!user) {
    try {
      await createUser(ctx, null, { email, name: displayName(claims, email), password: randomToken(), role: "user" });
      ctx.log.info({ email, sub: claims.sub }, "user created from OpenID Connect");
    } catch (error) {
      // A parallel first sign-in created it a moment ago.
      if (!(await findUserForLogin(ctx, email))) throw error;
    }
    user = await findUserForLogin(ctx, email);
  }
  if (!user || user.active !== 1) throw new OidcRefused("oidc_disabled", "This Docket account is deactivated");
  return user;
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const name =
    text(claims.name) ||
    [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") ||
    text(claims.preferred_username) ||
    email.split("@")[0]!;
  return name.slice(0, 200);
}
