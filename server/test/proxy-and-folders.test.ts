import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneStatusType } from "./documents-helpers.js";
import { createTestApp, ADMIN, type TestApp } from "./harness.js";

/** Issue 11, finding 6: behind a TLS proxy (DOCKET_TRUST_PROXY) and folder templates that could make "..". */
let proxied: TestApp;
let direct: TestApp;
beforeAll(async () => {
  proxied = await createTestApp({}, { env: { DOCKET_TRUST_PROXY: "true", DOCKET_LOGIN_ATTEMPTS: "3" } });
  direct = await createTestApp({}, { env: { DOCKET_LOGIN_ATTEMPTS: "3" } });
});
afterAll(async () => {
  await proxied.close();
  await direct.close();
});

const login = (t: TestApp, forwardedFor: string, password = ADMIN.password) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: ADMIN.email, password },
    headers: { "x-forwarded-proto": "https", "x-forwarded-for": forwardedFor },
  });

describe("DOCKET_TRUST_PROXY", () => {
  it("gives the session cookie Secure when the original request was https, only behind a trusted proxy", async () => {
    expect(String((await login(proxied, "203.0.113.7")).headers["set-cookie"])).toMatch(/; Secure/);
    expect(String((await login(direct, "203.0.113.7")).headers["set-cookie"])).not.toMatch(/Secure/);
  });

  it("keys the login limiter on the client's address, not the proxy's", async () => {
    for (let i = 0; i < 3; i++) expect((await login(proxied, "198.51.100.1", "wrong-password")).statusCode).toBe(401);
    expect((await login(proxied, "198.51.100.1", "wrong-password")).statusCode).toBe(429);
    expect((await login(proxied, "198.51.100.2", "wrong-password")).statusCode).toBe(401);
  });
});

describe("folder templates", () => {
  it("refuse invisible characters that would leave a '..' segment (400), and create nothing", async () => {
    const before = (await direct.admin.get("/api/document-types")).body.items.length;
    const folder = "Архив/.\u200b./{company}";
    const res = await direct.admin.post("/api/document-types", oneStatusType("dots", "Dots", "D-{n}", { folder }));
    expect(res.status).toBe(400);
    expect((await direct.admin.get("/api/document-types")).body.items.length).toBe(before);
  });
});
