import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { acrossTwoBuses, createTestApp, testDatabase, type TestClient } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
await t.app.listen({ port: 0, host: "127.0.0.1" });
const port = (t.app.server.address() as AddressInfo).port;

const PASSWORD = "user-password-1";

/** An open notification stream of the client; `ended` resolves when the server closes it. */
async function openStream(client: TestClient): Promise<{ ended: Promise<void>; isOpen(): boolean; close(): void }> {
  let open = true;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = client.bearer
      ? { authorization: `Bearer ${client.bearer}` }
      : { cookie: client.cookie! };
    const request = http.get({ host: "127.0.0.1", port, path: "/api/notifications/stream", headers }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      const ended = new Promise<void>((done) => response.on("end", done).on("close", done));
      void ended.then(() => (open = false));
      response.resume();
      resolve({ ended, isOpen: () => open, close: () => request.destroy() });
    });
    request.on("error", () => (open = false));
  });
}

async function secondSession(client: TestClient, password = PASSWORD): Promise<TestClient> {
  return t.anonymous().login(client.user.email, password);
}

async function tokenClient(client: TestClient): Promise<TestClient> {
  const created = await client.post("/api/tokens", { name: "script" });
  expect(created.status).toBe(201);
  const viaToken = t.anonymous();
  viaToken.bearer = created.body.token;
  return viaToken;
}

/** A second session and an API token of `user`'s, each used once as `user` is (the credential cache remembers them). */
async function inUseElsewhere(user: TestClient): Promise<{ session: TestClient; script: TestClient }> {
  const session = await secondSession(user);
  const script = await tokenClient(user);
  for (const client of [user, session, script]) expect((await client.get("/api/auth/me")).status).toBe(200);
  return { session, script };
}

const signsIn = async (email: string, password: string) =>
  (await t.anonymous().post("/api/auth/login", { email, password })).status === 200;

describe("changing your own password", () => {
  it("needs the current password (403), and a refusal changes nothing", async () => {
    const user = await t.userClient("Забывчивый");
    const without = await user.patch(`/api/users/${user.user.id}`, { password: "new-password-1" });
    expect(without.status).toBe(403);
    expect(without.body.code).toBe("current_password_wrong");
    const wrong = await user.patch(`/api/users/${user.user.id}`, {
      password: "new-password-1",
      currentPassword: "not-my-password",
    });
    expect(wrong.status).toBe(403);
    expect(await signsIn(user.user.email, PASSWORD)).toBe(true);
    expect(await signsIn(user.user.email, "new-password-1")).toBe(false);
    expect((await user.get("/api/auth/me")).status).toBe(200);
  });

  it("keeps this session, ends every other session, every API token and their open streams", async () => {
    const user = await t.userClient("Осторожный");
    const { session: laptop, script } = await inUseElsewhere(user);
    const laptopStream = await openStream(laptop);
    const scriptStream = await openStream(script);
    const ownStream = await openStream(user);

    const res = await user.patch(`/api/users/${user.user.id}`, {
      password: "new-password-2",
      currentPassword: PASSWORD,
    });
    expect(res.status).toBe(200);
    await laptopStream.ended;
    await scriptStream.ended;
    expect(ownStream.isOpen()).toBe(true);
    ownStream.close();

    expect((await user.get("/api/auth/me")).status).toBe(200);
    expect((await laptop.get("/api/auth/me")).status).toBe(401);
    expect((await script.get("/api/auth/me")).status).toBe(401);
    expect(await signsIn(user.user.email, PASSWORD)).toBe(false);
    expect(await signsIn(user.user.email, "new-password-2")).toBe(true);
  });
});

describe("an administrator resetting a password", () => {
  it("ends every session, token and stream of that user; the admin needs no current password of theirs", async () => {
    const user = await t.userClient("Потерявший");
    const { session: other, script } = await inUseElsewhere(user);
    const stream = await openStream(user);

    const res = await t.admin.patch(`/api/users/${user.user.id}`, { password: "reset-password-1" });
    expect(res.status).toBe(200);
    await stream.ended;
    for (const client of [user, other, script]) expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await t.admin.get("/api/auth/me")).status).toBe(200);
    expect(await signsIn(user.user.email, "reset-password-1")).toBe(true);
  });

  it("an administrator changing their own password gives the current one too", async () => {
    const admin = await t.userClient("Второй админ", "admin");
    const res = await admin.patch(`/api/users/${admin.user.id}`, { password: "admin-password-9" });
    expect(res.status).toBe(403);
    const ok = await admin.patch(`/api/users/${admin.user.id}`, {
      password: "admin-password-9",
      currentPassword: PASSWORD,
    });
    expect(ok.status).toBe(200);
  });
});

describe("logout", () => {
  it("closes the notification streams of that session and no other", async () => {
    const user = await t.userClient("Уходящий");
    const phone = await secondSession(user);
    const leaving = await openStream(user);
    const staying = await openStream(phone);
    expect((await user.post("/api/auth/logout")).status).toBe(204);
    await leaving.ended;
    expect(staying.isOpen()).toBe(true);
    expect((await phone.get("/api/auth/me")).status).toBe(200);
    staying.close();
  });
});

describe("API tokens", () => {
  it("a bearer token cannot mint tokens (403); a signed-in session can", async () => {
    const user = await t.userClient("Скрипт");
    const script = await tokenClient(user);
    const minted = await script.post("/api/tokens", { name: "another" });
    expect(minted.status).toBe(403);
    expect((await user.get("/api/tokens")).body.items).toHaveLength(1);
  });

  it("deleting a token closes the streams opened with it", async () => {
    const user = await t.userClient("Отзывающий");
    const script = await tokenClient(user);
    const stream = await openStream(script);
    const id = (await user.get("/api/tokens")).body.items[0].id;
    expect((await user.delete(`/api/tokens/${id}`)).status).toBe(204);
    await stream.ended;
  });
});

describe.skipIf(testDatabase !== "postgres")("across processes (PostgreSQL LISTEN/NOTIFY)", () => {
  it("a revocation made by one app process reaches the others", async () => {
    const got = await acrossTwoBuses(
      t.ctx,
      (bus, deliver) => bus.onRevocation(deliver),
      (bus) => bus.revoke({ userId: "user-x", exceptSessionId: "s1" }),
    );
    expect(got).toEqual({ userId: "user-x", exceptSessionId: "s1" });
  });
});
