import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRuntime } from "../src/bootstrap.js";
import { webhookSecret } from "../src/modules/automation/webhook-secret.js";
import { createTestApp, type TestApp } from "./harness.js";
import { addRobot, createItem, createProcess } from "./process-helpers.js";

/** Issue 11: the webhook signing secret is the installation's own, and webhooks can be kept off the LAN. */
const OLD_PUBLIC_CONSTANT = "docket-webhook-secret";
const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

let lan: TestApp; // the default: DOCKET_WEBHOOK_ALLOW_PRIVATE=true
let publicOnly: TestApp; // DOCKET_WEBHOOK_ALLOW_PRIVATE=false
let receiver: http.Server;
let receiverPort: number;
const hits: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  lan = await createTestApp();
  publicOnly = await createTestApp({ webhookAllowPrivate: false });
  receiver = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await lan?.close();
  await publicOnly?.close();
});

async function readSecret(t: TestApp): Promise<string> {
  const res = await t.admin.get("/api/robots/webhook-secret");
  expect(res.status).toBe(200);
  expect(res.body.source).toBe("generated");
  return res.body.secret as string;
}

describe("the webhook secret", () => {
  it("is generated per installation (never the old public constant) and only admins may read it", async () => {
    const secret = await readSecret(lan);
    expect(secret).not.toBe(OLD_PUBLIC_CONSTANT);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(await readSecret(publicOnly)).not.toBe(secret);
    const user = await lan.userClient("Not An Admin");
    expect((await user.get("/api/robots/webhook-secret")).status).toBe(403);
    expect((await lan.anonymous().get("/api/robots/webhook-secret")).status).toBe(401);
  });

  it("is created once and survives a restart", async () => {
    const before = await readSecret(lan);
    const restarted = await openRuntime(lan.config, pino({ level: "silent" }), lan.clock);
    try {
      expect(await webhookSecret(restarted.ctx)).toBe(before);
      const rows = await restarted.ctx.db.selectFrom("installationSecrets").selectAll().execute();
      expect(rows).toHaveLength(1);
    } finally {
      await restarted.close();
    }
    expect(await readSecret(lan)).toBe(before);
  });

  it("signs every delivery", async () => {
    const secret = await readSecret(lan);
    const process = await createProcess(lan.admin);
    await addRobot(lan.admin, process.id, {
      stage: "draft",
      kind: "webhook",
      params: { url: `http://127.0.0.1:${receiverPort}/signed` },
    });
    await createItem(lan.admin, process.id, { title: "Подписанный вебхук" });
    await lan.runJobs();
    await lan.runJobs();
    const hit = hits.find((h) => h.path === "/signed")!;
    expect(hit).toBeDefined();
    expect(hit.headers["x-docket-signature"]).toBe(sign(secret, hit.body));
    expect(hit.headers["x-docket-signature"]).not.toBe(sign(OLD_PUBLIC_CONSTANT, hit.body));
  });

  it("is the operator's when DOCKET_WEBHOOK_SECRET is set, and then not shown", async () => {
    const ctx = { ...lan.ctx, config: { ...lan.config, webhookSecret: "chosen-by-the-operator" } };
    expect(await webhookSecret(ctx)).toBe("chosen-by-the-operator");
    const { presentWebhookSecret } = await import("../src/modules/automation/webhook-secret.js");
    expect(await presentWebhookSecret(ctx)).toEqual({ source: "environment", secret: null });
  });
});

describe("DOCKET_WEBHOOK_ALLOW_PRIVATE", () => {
  const PRIVATE_TARGETS = [
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook", // a name: refused for what it resolves to
    "http://10.20.30.40/hook",
    "http://172.16.0.1/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://0.0.0.0/hook",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd12:3456::1]/hook",
    "http://[::]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:a9fe:a9fe]/hook", // 169.254.169.254, IPv4-mapped
  ];

  it("false: refuses a loopback, private, link-local or unspecified target when the robot is saved", async () => {
    const t = publicOnly;
    const process = await createProcess(t.admin);
    const before = (await t.admin.get(`/api/processes/${process.id}/robots`)).body.items.length;
    for (const url of PRIVATE_TARGETS) {
      const res = await t.admin.post(`/api/processes/${process.id}/robots`, {
        stage: "draft",
        kind: "webhook",
        params: { url },
      });
      expect(res.status, url).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.body.code, url).toBe("webhook_target_private");
      expect(res.body.errors[0].path).toBe("params.url");
    }
    // A public address is fine, and a saved robot cannot be turned towards the LAN either.
    const robot = await addRobot(t.admin, process.id, {
      stage: "signed",
      kind: "webhook",
      params: { url: "http://93.184.216.34/hook" },
    });
    const patched = await t.admin.patch(`/api/robots/${robot.id}`, { params: { url: "http://192.168.0.1/hook" } });
    expect(patched.status).toBe(422);
    expect(patched.body.code).toBe("webhook_target_private");
    const robots = (await t.admin.get(`/api/processes/${process.id}/robots`)).body.items;
    expect(robots).toHaveLength(before + 1);
    expect(robots[0].params.url).toBe("http://93.184.216.34/hook");
  });

  it("false: refuses at send time, after resolving the name, a target saved while it was allowed", async () => {
    const t = publicOnly;
    const process = await createProcess(t.admin);
    // Saved before the operator turned private targets off (the setting is read on every save and send).
    t.config.webhookAllowPrivate = true;
    try {
      for (const [path, host] of [
        ["/by-name", "localhost"],
        ["/by-address", "127.0.0.1"],
      ])
        await addRobot(t.admin, process.id, {
          stage: "draft",
          kind: "webhook",
          params: { url: `http://${host}:${receiverPort}${path}` },
        });
    } finally {
      t.config.webhookAllowPrivate = false;
    }
    await createItem(t.admin, process.id, { title: "Не в локальную сеть" });
    await t.runJobs();
    await t.runJobs();
    expect(hits.filter((h) => h.path === "/by-name" || h.path === "/by-address")).toEqual([]);
    const failed = (await t.admin.get("/api/jobs?state=failed&limit=50")).body.items.filter(
      (job: any) => job.kind === "robot.webhook",
    );
    expect(failed.map((job: any) => job.lastError).sort()).toEqual([
      expect.stringMatching(/127\.0\.0\.1 is a loopback address/),
      expect.stringMatching(/localhost \(127\.0\.0\.1\) is a loopback address/),
    ]);
    expect(failed.every((job: any) => job.attempts === 1)).toBe(true);
  });

  it("true (the default for a LAN install): delivers to a name on the LAN", async () => {
    expect(lan.config.webhookAllowPrivate).toBe(true);
    const process = await createProcess(lan.admin);
    await addRobot(lan.admin, process.id, {
      stage: "draft",
      kind: "webhook",
      params: { url: `http://localhost:${receiverPort}/lan` },
    });
    await createItem(lan.admin, process.id, { title: "В локальную сеть" });
    await lan.runJobs();
    await lan.runJobs();
    expect(hits.filter((h) => h.path === "/lan")).toHaveLength(1);
  });
});
