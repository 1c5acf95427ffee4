import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { acrossTwoBuses, createTestApp, testDatabase } from "./harness.js";
import { addRobot, createItem, createProcess, notificationsOf } from "./process-helpers.js";
import { startSmtpSink } from "./smtp-sink.js";

const smtp = await startSmtpSink();
afterAll(async () => smtp.close());
const mails = smtp.mails;
const t = await createTestApp({ smtpUrl: smtp.url, publicUrl: "https://docket.example" });
afterAll(async () => t.close());
const initiator = await t.userClient("Nina Notified");
const process = await createProcess(t.admin);
await addRobot(t.admin, process.id, {
  stage: "draft",
  kind: "notify",
  params: { to: ["initiator"], message: "Заявка «{{item.title}}» создана: этап «{{item.stage}}»" },
});

describe("in-app notifications", () => {
  it("lists, counts unread and marks read only the caller's own", async () => {
    const item = await createItem(initiator, process.id, { title: "Первая" });
    await t.runJobs();
    const unread = await notificationsOf(initiator, true);
    expect(unread[0]).toMatchObject({
      text: "Заявка «Первая» создана: этап «Черновик»",
      link: `/items/${item.id}`,
      read: false,
    });
    expect((await initiator.get("/api/notifications/unread-count")).body.count).toBe(unread.length);

    const stranger = await t.userClient("Stranger");
    expect((await stranger.post("/api/notifications/read", { ids: [unread[0].id] })).body.updated).toBe(0);
    expect((await initiator.post("/api/notifications/read", { ids: [unread[0].id] })).body.updated).toBe(1);
    expect((await notificationsOf(initiator, true)).map((n: any) => n.id)).not.toContain(unread[0].id);
    expect((await initiator.post("/api/notifications/read", { all: true })).status).toBe(200);
    expect((await initiator.get("/api/notifications/unread-count")).body.count).toBe(0);
    expect((await initiator.post("/api/notifications/read", {})).status).toBe(400);
  });

  it("pushes a new notification to the user's open event stream", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const events: string[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    let gotEvent!: () => void;
    const received = new Promise<void>((resolve) => (gotEvent = resolve));
    const request = http.get(
      { host: "127.0.0.1", port, path: "/api/notifications/stream", headers: { cookie: initiator.cookie! } },
      (response) => {
        expect(response.statusCode).toBe(200);
        expect(response.headers["content-type"]).toContain("text/event-stream");
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          events.push(chunk);
          if (chunk.includes(": connected")) connected();
          if (chunk.includes("event: notification")) gotEvent();
        });
      },
    );
    await ready;
    await createItem(initiator, process.id, { title: "Живая" });
    await t.runJobs();
    await received;
    request.destroy();
    const event = events
      .join("")
      .split("\n\n")
      .find((e) => e.startsWith("event: notification"))!;
    const data = JSON.parse(
      event
        .split("\n")
        .find((line) => line.startsWith("data: "))!
        .slice(6),
    );
    expect(data).toMatchObject({ text: "Заявка «Живая» создана: этап «Черновик»", read: false });
  });
});

describe("email notifications", () => {
  it("sends the notification over SMTP with the Cyrillic subject and body intact, retrying a refusal", async () => {
    smtp.refuseNext(1);
    const item = await createItem(initiator, process.id, { title: "Договор №7 с ООО «Ёлка»" });
    await t.runJobs(); // the robot; its email job fails once (451)
    await t.runJobs();
    expect(mails.filter((m) => m.body.includes("Ёлка"))).toHaveLength(0);
    t.clock.advance(3_000); // past the backoff
    await t.runJobs();
    const mail = mails.find((m) => m.body.includes("Ёлка"))!;
    expect(mail.to).toEqual([initiator.user.email]);
    expect(mail.subject).toBe("Заявка «Договор №7 с ООО «Ёлка»» создана: этап «Черновик»");
    expect(mail.body).toContain("Заявка «Договор №7 с ООО «Ёлка»» создана: этап «Черновик»");
    expect(mail.body).toContain(`https://docket.example/items/${item.id}`);
    await t.runJobs();
    expect(mails.filter((m) => m.body.includes("Ёлка"))).toHaveLength(1);
  });

  it("sends no email to a user who switched email off, but keeps the in-app notification", async () => {
    const quiet = await t.userClient("Quiet User");
    expect((await quiet.patch(`/api/users/${quiet.user.id}`, { emailNotifications: false })).status).toBe(200);
    await createItem(quiet, process.id, { title: "Тихая" });
    await t.runJobs();
    expect((await notificationsOf(quiet)).map((n: any) => n.text)).toContain("Заявка «Тихая» создана: этап «Черновик»");
    expect(mails.some((m) => m.to.includes(quiet.user.email))).toBe(false);
  });
});

describe("webhook robot", () => {
  it("POSTs the item as JSON signed with HMAC-SHA256 and retries until it is accepted", async () => {
    const hits: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        hits.push({ headers: req.headers, body });
        res.statusCode = hits.length === 1 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const hooked = await createProcess(t.admin);
      await addRobot(t.admin, hooked.id, {
        stage: "draft",
        kind: "webhook",
        params: { url: `http://127.0.0.1:${port}/hook` },
      });
      const item = await createItem(initiator, hooked.id, { title: "Вебхук" });
      await t.runJobs(); // robot, then the first delivery (503)
      await t.runJobs();
      expect(hits).toHaveLength(1);
      t.clock.advance(3_000);
      await t.runJobs();
      expect(hits).toHaveLength(2);
      const [first, second] = hits;
      expect(second!.body).toBe(first!.body);
      expect(second!.headers["x-docket-delivery"]).toBe(first!.headers["x-docket-delivery"]);
      const secret = (await t.admin.get("/api/robots/webhook-secret")).body.secret;
      const expected = `sha256=${createHmac("sha256", secret).update(second!.body).digest("hex")}`;
      expect(second!.headers["x-docket-signature"]).toBe(expected);
      const payload = JSON.parse(second!.body);
      expect(payload.item).toMatchObject({ id: item.id, title: "Вебхук", stage: { code: "draft" } });
      await t.runJobs();
      expect(hits).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe.skipIf(testDatabase !== "postgres")("across processes (PostgreSQL LISTEN/NOTIFY)", () => {
  it("a notification written by one app process reaches the stream of another", async () => {
    const notification = { id: "n1", at: "now", text: "Привет", link: null, read: false, subject: null };
    const got = await acrossTwoBuses(
      t.ctx,
      (bus, deliver) => bus.subscribe("user-x", deliver),
      (bus) => bus.publish([{ userId: "user-x", notification }]),
    );
    expect(got).toMatchObject({ id: "n1", text: "Привет" });
  });
});
