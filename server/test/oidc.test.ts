import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserJar } from "./browser-jar.js";
import { createTestApp, type TestApp } from "./harness.js";

/** People the provider knows; its development login form accepts any password for them. */
const PEOPLE: Record<string, { email: string; name: string; email_verified?: boolean }> = {
  olga: { email: "Olga.Smirnova@idp.test", name: "Ольга Смирнова" },
  existing: { email: "existing@idp.test", name: "Name At The Provider" },
  blocked: { email: "blocked@idp.test", name: "Blocked Person" },
  unverified: { email: "admin@example.com", name: "Not The Admin", email_verified: false },
  newcomer: { email: "newcomer@idp.test", name: "Newcomer" },
};

/**
 * OpenID Connect sign-in against a real, certified provider (the `oidc-provider` package) on a loopback port, driven
 * over HTTP the way a browser does it: redirects, cookies, the provider's login and consent forms.
 */
describe("sign-in through OpenID Connect (a real oidc-provider)", () => {
  let t: TestApp;
  let providerServer: http.Server;
  let issuer: string;
  let docket: string;

  beforeAll(async () => {
    providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    t = await createTestApp({
      oidc: {
        issuer,
        clientId: "docket",
        clientSecret: "docket-client-secret",
        displayName: "Test IdP",
        scope: "openid email profile",
      },
    });
    docket = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "docket",
          client_secret: "docket-client-secret",
          redirect_uris: [`${docket}/api/auth/oidc/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      claims: { email: ["email", "email_verified"], profile: ["name"] },
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      features: { devInteractions: { enabled: true } },
      findAccount: (_ctx, sub) => {
        const person = PEOPLE[sub];
        if (!person) return undefined;
        return {
          accountId: sub,
          claims: () => ({ sub, email_verified: true, ...person }),
        };
      },
    });
    const handle = provider.callback();
    providerServer.on("request", (req, res) => void handle(req, res));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  const isCallback = (url: URL) => url.href.startsWith(`${docket}/api/auth/oidc/callback`);

  /**
   * Clicks «Войти через …», signs in at the provider as `login` and agrees to share the profile; stops before the
   * browser opens Docket's callback, so a test may alter it. Returns the callback URL.
   */
  async function throughProvider(browser: BrowserJar, login: string, start = "/api/auth/oidc/start"): Promise<URL> {
    let step = await browser.follow(`${docket}${start}`, {}, isCallback);
    for (let forms = 0; step.response && forms < 4; forms++) {
      expect(step.response.status).toBe(200);
      const html = await step.response.text();
      step = await browser.submitForm({ html, url: step.url }, { login, password: "any-password" }, isCallback);
    }
    expect(isCallback(step.url)).toBe(true);
    return step.url;
  }

  /** Opens the callback; returns where Docket sends the browser next. */
  async function openCallback(browser: BrowserJar, callback: URL): Promise<string> {
    const response = await browser.fetch(callback);
    expect(response.status).toBe(302);
    return response.headers.get("location")!;
  }

  const me = async (browser: BrowserJar) => {
    const response = await browser.fetch(`${docket}/api/auth/me`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const userCount = async () => (await t.admin.get("/api/users?limit=200")).body.items.length;

  it("offers the provider on the sign-in page", async () => {
    const res = await t.anonymous().get("/api/auth/providers");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ oidc: { name: "Test IdP", startUrl: "/api/auth/oidc/start" } });
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce", async () => {
    const response = await new BrowserJar().fetch(`${docket}/api/auth/oidc/start`);
    expect(response.status).toBe(302);
    const url = new URL(response.headers.get("location")!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("redirect_uri")).toBe(`${docket}/api/auth/oidc/callback`);
  });

  it("creates the user on the first sign-in and signs the browser in", async () => {
    const before = await userCount();
    const browser = new BrowserJar();
    const callback = await throughProvider(browser, "olga", "/api/auth/oidc/start?returnTo=%2Fdocuments");
    expect(await openCallback(browser, callback)).toBe("/documents");
    const session = await me(browser);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      email: "olga.smirnova@idp.test",
      name: "Ольга Смирнова",
      role: "user",
      active: true,
    });
    expect(await userCount()).toBe(before + 1);
    const audit = await t.admin.get(`/api/audit?action=auth.login&actorId=${session.body.user.id}`);
    expect(audit.body.items[0].details).toEqual({ method: "oidc" });

    // A second sign-in is the same person, not a new one; the provider remembers the consent.
    const again = new BrowserJar();
    await openCallback(again, await throughProvider(again, "olga"));
    expect((await me(again)).body.user.id).toBe(session.body.user.id);
    expect(await userCount()).toBe(before + 1);
  });

  it("matches an existing Docket user by email, keeping their name and role", async () => {
    const existing = await t.createUser({ email: "existing@idp.test", name: "Сотрудник Уже Есть", role: "admin" });
    const before = await userCount();
    const browser = new BrowserJar();
    expect(await openCallback(browser, await throughProvider(browser, "existing"))).toBe("/");
    const session = await me(browser);
    expect(session.body.user).toMatchObject({ id: existing.id, name: "Сотрудник Уже Есть", role: "admin" });
    expect(await userCount()).toBe(before);
  });

  it("refuses a callback whose state was tampered with, and a replayed callback", async () => {
    const before = await userCount();
    const browser = new BrowserJar();
    const callback = await throughProvider(browser, "newcomer");
    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    expect(await openCallback(browser, tampered)).toBe("/login?error=oidc_state");
    expect((await me(browser)).status).toBe(401);
    expect(browser.cookie("docket_session")).toBeUndefined();
    // The started sign-in is over: the genuine callback, opened afterwards, is refused too.
    expect(await openCallback(browser, callback)).toBe("/login?error=oidc_state");
    expect((await me(browser)).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it("refuses a callback opened in a browser that did not start the sign-in", async () => {
    const callback = await throughProvider(new BrowserJar(), "newcomer");
    const other = new BrowserJar();
    expect(await openCallback(other, callback)).toBe("/login?error=oidc_state");
    expect((await me(other)).status).toBe(401);
  });

  it("refuses an ID token minted for another sign-in (nonce mismatch)", async () => {
    const before = await userCount();
    const browser = new BrowserJar();
    const callback = await throughProvider(browser, "newcomer");
    const transaction = JSON.parse(Buffer.from(browser.cookie("docket_oidc")!, "base64url").toString("utf8"));
    browser.setCookie(
      "docket_oidc",
      Buffer.from(JSON.stringify({ ...transaction, nonce: "a-nonce-of-another-sign-in" })).toString("base64url"),
    );
    expect(await openCallback(browser, callback)).toBe("/login?error=oidc_failed");
    expect((await me(browser)).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it("refuses a deactivated account and an email the provider has not verified", async () => {
    const blocked = await t.createUser({ email: "blocked@idp.test", name: "Blocked" });
    expect((await t.admin.patch(`/api/users/${blocked.id}`, { active: false })).status).toBe(200);
    const browser = new BrowserJar();
    expect(await openCallback(browser, await throughProvider(browser, "blocked"))).toBe("/login?error=oidc_disabled");
    expect((await me(browser)).status).toBe(401);

    // Claims the admin's address without the provider vouching for it: no session, least of all the admin's.
    const impostor = new BrowserJar();
    expect(await openCallback(impostor, await throughProvider(impostor, "unverified"))).toBe(
      "/login?error=oidc_no_email",
    );
    expect((await me(impostor)).status).toBe(401);
  });

  it("returns only to a path inside Docket", async () => {
    const browser = new BrowserJar();
    const callback = await throughProvider(browser, "olga", "/api/auth/oidc/start?returnTo=%2F%2Fevil.test%2Fx");
    expect(await openCallback(browser, callback)).toBe("/");
  });
});

describe("OpenID Connect not configured", () => {
  it("offers no provider and refuses to start", async () => {
    const t = await createTestApp();
    try {
      expect((await t.anonymous().get("/api/auth/providers")).body).toEqual({ oidc: null });
      expect((await t.anonymous().get("/api/auth/oidc/start")).status).toBe(404);
      expect((await t.anonymous().get("/api/auth/oidc/callback?code=x&state=y")).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
