import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("configuration from the environment", () => {
  it("has defaults a newcomer can start with", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      locale: "ru",
      timeZone: "Europe/Moscow",
      workHours: { start: 540, end: 1080 },
      maxUploadBytes: 100 * 1024 * 1024,
    });
    expect(config.databaseUrl).toMatch(/^sqlite:.*data\/docket\.db$/);
  });

  it.each([
    ["PORT", "eighty"],
    ["DATABASE_URL", "mysql://x"],
    ["DOCKET_LOCALE", "de"],
    ["DOCKET_TZ", "Mars/Olympus"],
    ["DOCKET_SMTP_URL", "http://mail"],
    ["DOCKET_ADMIN_EMAIL", "not-an-email"],
    ["DOCKET_MAX_UPLOAD_MB", "-1"],
    ["DOCKET_WORK_HOURS", "18:00-09:00"],
    ["DOCKET_WORKER_LANES", "0"],
    // Tokens would cross the network in clear: http:// only for a provider on this machine.
    ["DOCKET_OIDC_ISSUER", "http://sso.example.com/realms/corp"],
    ["DOCKET_OIDC_REDIRECT", "not a url"],
  ])("a bad %s stops the start with a message naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it("switches to PostgreSQL by DATABASE_URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@localhost/db" }).databaseUrl).toBe("postgres://u:p@localhost/db");
  });

  it("turns on OpenID Connect with an issuer and a client id, and names the button after the issuer by default", () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(() => loadConfig({ DOCKET_OIDC_ISSUER: "https://sso.example.com/realms/corp" })).toThrow(
      /DOCKET_OIDC_CLIENT_ID/,
    );
    expect(
      loadConfig({ DOCKET_OIDC_ISSUER: "https://sso.example.com/realms/corp", DOCKET_OIDC_CLIENT_ID: "docket" }).oidc,
    ).toEqual({
      issuer: "https://sso.example.com/realms/corp",
      clientId: "docket",
      clientSecret: undefined,
      redirectUri: undefined,
      displayName: "sso.example.com",
      scope: "openid email profile",
    });
    expect(
      loadConfig({ DOCKET_OIDC_ISSUER: "http://127.0.0.1:8080/", DOCKET_OIDC_CLIENT_ID: "docket" }).oidc?.issuer,
    ).toBe("http://127.0.0.1:8080/");
  });
});
