import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const user = await t.userClient("Ирина Юрист");

describe("users", () => {
  it("an admin adds a user who can then sign in", async () => {
    const res = await t.admin.post("/api/users", {
      email: "Lawyer@Example.com",
      name: "Анна Юрист",
      password: "lawyer-password",
      role: "user",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "lawyer@example.com", name: "Анна Юрист", role: "user", active: true });
    expect(res.body.password).toBeUndefined();
    await expect(t.anonymous().login("lawyer@example.com", "lawyer-password")).resolves.toBeTruthy();
  });

  it("refuses a duplicate email with 409", async () => {
    const body = { email: "dup@example.com", name: "Dup", password: "dup-password" };
    expect((await t.admin.post("/api/users", body)).status).toBe(201);
    const again = await t.admin.post("/api/users", { ...body, email: "DUP@example.com" });
    expect(again.status).toBe(409);
  });

  it("refuses bad input with 400 naming each field", async () => {
    const res = await t.admin.post("/api/users", { email: "nope", name: "", password: "123", role: "root" });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "name", "password", "role"]);
  });

  it("lets any signed-in user list users (for pickers), newest data paged by cursor", async () => {
    const first = await user.get("/api/users?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await user.get(`/api/users?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect((await user.get("/api/users?limit=0")).status).toBe(400);
    expect((await user.get("/api/users?cursor=garbage")).status).toBe(400);
  });

  it("a non-admin cannot add users or change someone else (403)", async () => {
    expect((await user.post("/api/users", { email: "x@example.com", name: "X", password: "password-x" })).status).toBe(
      403,
    );
    expect((await user.patch(`/api/users/${t.admin.user.id}`, { name: "Hacked" })).status).toBe(403);
    expect((await user.patch(`/api/users/${user.user.id}`, { role: "admin" })).status).toBe(403);
    expect((await t.admin.get(`/api/users/${t.admin.user.id}`)).body.name).toBe("Administrator");
  });

  it("a user changes their own name, locale and email notifications", async () => {
    const res = await user.patch(`/api/users/${user.user.id}`, {
      name: "Ирина Петрова",
      locale: "en",
      emailNotifications: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Ирина Петрова", locale: "en", emailNotifications: false });
  });

  it("needs a session (401) and the CSRF header (403)", async () => {
    expect((await t.anonymous().get("/api/users")).status).toBe(401);
    expect(
      (await t.anonymous().post("/api/users", { email: "a@b.cd", name: "A", password: "password-a" })).status,
    ).toBe(401);
    const noCsrf = await t.admin.request(
      "PATCH",
      `/api/users/${user.user.id}`,
      { name: "X" },
      { headers: { "x-csrf-token": "" } },
    );
    expect(noCsrf.status).toBe(403);
  });

  it("deactivating a user ends their sessions and API tokens at once", async () => {
    const victim = await t.userClient("Уволенный");
    const token = (await victim.post("/api/tokens", { name: "script" })).body.token;
    const viaToken = t.anonymous();
    viaToken.bearer = token;
    expect((await viaToken.get("/api/auth/me")).status).toBe(200);
    const res = await t.admin.patch(`/api/users/${victim.user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await victim.get("/api/auth/me")).status).toBe(401);
    expect((await viaToken.get("/api/auth/me")).status).toBe(401);
    const relogin = await t
      .anonymous()
      .post("/api/auth/login", { email: victim.user.email, password: "user-password-1" });
    expect(relogin.status).toBe(401);
  });

  it("an admin cannot deactivate themselves (422)", async () => {
    expect((await t.admin.patch(`/api/users/${t.admin.user.id}`, { active: false })).status).toBe(422);
  });

  it("answers 404 for an unknown user and 400 for unknown fields", async () => {
    expect((await t.admin.get("/api/users/01900000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await t.admin.patch(`/api/users/${user.user.id}`, { isRoot: true })).status).toBe(400);
  });
});
