import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, createTestApp } from "./harness.js";

const t = await createTestApp({ loginAttempts: 3 });
afterAll(async () => t.close());

describe("health and docs", () => {
  it("answers health without a session and names the database", async () => {
    const res = await t.anonymous().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: expect.stringMatching(/^(sqlite|postgres)$/) });
  });

  it("serves an OpenAPI 3.1 document listing the routes", async () => {
    const res = await t.anonymous().get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/api/companies", "/api/users/{id}"]));
  });

  it("answers unknown API routes with a problem+json 404", async () => {
    const res = await t.admin.get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("sign-in", () => {
  it("signs in with an HttpOnly SameSite=Lax cookie and returns a CSRF token", async () => {
    const client = t.anonymous();
    const res = await client.post("/api/auth/login", { email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: "admin" });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(String(res.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Lax/);
    expect(res.body.csrfToken).toEqual(expect.any(String));
  });

  it("treats the email case-insensitively", async () => {
    const res = await t
      .anonymous()
      .post("/api/auth/login", { email: ADMIN.email.toUpperCase(), password: ADMIN.password });
    expect(res.status).toBe(200);
  });

  it("refuses a wrong password with 401", async () => {
    const res = await t.anonymous().post("/api/auth/login", { email: ADMIN.email, password: "wrong-password" });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("refuses a malformed body with 400 and the field path", async () => {
    const res = await t.anonymous().post("/api/auth/login", { email: 42 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("rate-limits repeated failures with 429 and Retry-After, then lets the person in after the window", async () => {
    const client = t.anonymous();
    const email = "limited@example.com";
    await t.admin.post("/api/users", { email, name: "Limited", password: "correct-password" });
    for (let i = 0; i < 3; i++)
      expect((await client.post("/api/auth/login", { email, password: "nope-nope" })).status).toBe(401);
    const blocked = await client.post("/api/auth/login", { email, password: "correct-password" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await client.post("/api/auth/login", { email, password: "correct-password" })).status).toBe(200);
  });

  it("me answers the user and a CSRF token; logout ends the session", async () => {
    const client = await t.anonymous().login(ADMIN.email, ADMIN.password);
    const me = await client.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(client.csrfToken);
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("needs the CSRF header on cookie-authenticated unsafe requests", async () => {
    const client = await t.anonymous().login(ADMIN.email, ADMIN.password);
    const res = await client.request(
      "POST",
      "/api/companies",
      { name: "ООО Ромашка" },
      { headers: { "x-csrf-token": "" } },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("csrf_failed");
    expect((await client.get("/api/companies?q=ромашка")).body.items).toHaveLength(0);
  });

  it("without a session answers 401", async () => {
    for (const url of ["/api/auth/me", "/api/users", "/api/companies", "/api/contacts", "/api/tokens"]) {
      expect((await t.anonymous().get(url)).status).toBe(401);
    }
  });
});

describe("setup", () => {
  it("is refused with 409 once a user exists", async () => {
    const state = await t.anonymous().get("/api/setup");
    expect(state.body).toEqual({ needed: false });
    const res = await t
      .anonymous()
      .post("/api/setup", { email: "second@example.com", password: "password-2", name: "Second" });
    expect(res.status).toBe(409);
  });

  it("creates the first admin on an empty installation, once, and signs them in", async () => {
    const empty = await createTestApp({}, { empty: true });
    try {
      expect((await empty.anonymous().get("/api/setup")).body).toEqual({ needed: true });
      const bad = await empty.anonymous().post("/api/setup", { email: "not-an-email", password: "short", name: "" });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "name", "password"]);
      const client = empty.anonymous();
      const res = await client.post("/api/setup", {
        email: "Boss@Example.com",
        password: "boss-password",
        name: "Boss",
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email: "boss@example.com", role: "admin" });
      expect((await client.get("/api/auth/me")).body.user.name).toBe("Boss");
      const again = await empty
        .anonymous()
        .post("/api/setup", { email: "x@example.com", password: "password-x", name: "X" });
      expect(again.status).toBe(409);
    } finally {
      await empty.close();
    }
  });
});

describe("API tokens", () => {
  it("are shown once, work as Bearer without CSRF, and stop working when deleted", async () => {
    const created = await t.admin.post("/api/tokens", { name: "1C integration" });
    expect(created.status).toBe(201);
    const integration = t.anonymous();
    integration.bearer = created.body.token;
    expect((await integration.get("/api/auth/me")).body.user.email).toBe(ADMIN.email);
    expect((await integration.post("/api/companies", { name: "ООО Интеграция" })).status).toBe(201);
    const list = await t.admin.get("/api/tokens");
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: "1C integration" });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await t.admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
  });

  it("refuses an empty name with 400", async () => {
    const res = await t.admin.post("/api/tokens", { name: "" });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("name");
  });

  it("cannot be created without a session, or without CSRF", async () => {
    expect((await t.anonymous().post("/api/tokens", { name: "x" })).status).toBe(401);
    const res = await t.admin.request("POST", "/api/tokens", { name: "x" }, { headers: { "x-csrf-token": "bad" } });
    expect(res.status).toBe(403);
  });
});
