import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./harness.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { addRobot, createItem, createProcess } from "./process-helpers.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is a HELP, a TYPE or a sample with
 * well-formed labels and a number; anything else throws. Samples must belong to a declared family.
 */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const families = new Set<string>();
  const name = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  // Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan").
  const sampleLine = new RegExp(`^(${name})(?:\\{(.*)\\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|nan|[+-]inf)(?: -?\\d+)?$`, "i");
  const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"(?:,|$)/;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(meta[3]);
        families.add(meta[2]!);
      }
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a valid exposition line: ${line}`);
    const labels: Record<string, string> = {};
    let rest = match[2] ?? "";
    while (rest.length > 0) {
      const l = label.exec(rest);
      if (!l) throw new Error(`bad labels in: ${line}`);
      labels[l[1]!] = l[2]!;
      rest = rest.slice(l[0].length);
    }
    const family = match[1]!.replace(/_(bucket|sum|count|total|created)$/, "");
    if (!families.has(match[1]!) && !families.has(family)) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe("GET /metrics", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.anonymous().get("/metrics");
    expect(res.status).toBe(200);
    expect(String(res.headers["content-type"])).toContain("text/plain");
    return parseExposition(res.body as string);
  };

  it("parses, and counts a request under its route pattern (not its URL) and status", async () => {
    const type = await createDocumentType(t.admin);
    const before = await scrape();
    const route = { route: "/api/document-types/:id", method: "GET", status_code: "200" };
    expect((await t.admin.get(`/api/document-types/${type.id}`)).status).toBe(200);
    expect((await t.admin.get(`/api/document-types/no-such-id`)).status).toBe(404);
    const after = await scrape();
    expect(valueOf(after, "docket_http_request_duration_seconds_count", route)).toBe(
      valueOf(before, "docket_http_request_duration_seconds_count", route) + 1,
    );
    const notFound = { ...route, status_code: "404" };
    expect(valueOf(after, "docket_http_request_duration_seconds_count", notFound)).toBe(
      valueOf(before, "docket_http_request_duration_seconds_count", notFound) + 1,
    );
    expect(after.some((s) => s.labels.route?.includes("no-such-id"))).toBe(false);
    // Process metrics come along.
    expect(valueOf(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(after.some((s) => s.name === "nodejs_eventloop_lag_seconds")).toBe(true);
  });

  it("reflects a registered document, a due robot job, and the robot's run", async () => {
    const type = await createDocumentType(t.admin);
    const before = await scrape();
    expect((await uploadDocument(t.admin, { typeId: type.id })).status).toBe(201);

    const lawyer = await t.userClient("Юрист");
    const process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, { stage: "draft", kind: "setResponsible", params: { userId: lawyer.user.id } });
    await createItem(t.admin, process.id, { title: "Договор поставки" });
    const waiting = await scrape();
    expect(valueOf(waiting, "docket_documents_registered_total")).toBe(
      valueOf(before, "docket_documents_registered_total") + 1,
    );
    expect(valueOf(waiting, "docket_jobs_due", { kind: "robot.run" })).toBe(1);
    expect(waiting.find((s) => s.name === "docket_job_lag_seconds" && s.labels.kind === "robot.run")).toBeDefined();

    await t.runJobs();
    const after = await scrape();
    expect(valueOf(after, "docket_robot_runs_total", { outcome: "done" })).toBe(
      valueOf(before, "docket_robot_runs_total", { outcome: "done" }) + 1,
    );
    expect(valueOf(after, "docket_jobs_due", { kind: "robot.run" })).toBe(0);
    expect(valueOf(after, "docket_jobs_total", { kind: "robot.run", outcome: "success" })).toBeGreaterThanOrEqual(1);
    if (t.ctx.dialect.name === "postgres") {
      expect(valueOf(after, "docket_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    }
  });

  it("counts open notification streams", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const base = typeof address === "string" ? address : "";
    const open = async () => valueOf(await scrape(), "docket_sse_connections");
    const before = await open();
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/notifications/stream`, {
      headers: { cookie: t.admin.cookie! },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(await open()).toBe(before + 1);
    controller.abort();
    const deadline = Date.now() + 5_000;
    while ((await open()) !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await open()).toBe(before);
  });
});

describe("GET /metrics with DOCKET_METRICS_TOKEN", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: "scrape-secret" });
  });
  afterAll(() => t.close());

  it("needs the bearer token", async () => {
    const anonymous = await t.anonymous().get("/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthenticated");
    const wrong = await t.anonymous().request("GET", "/metrics", undefined, {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    const right = await t.anonymous().request("GET", "/metrics", undefined, {
      headers: { authorization: "Bearer scrape-secret" },
    });
    expect(right.status).toBe(200);
    expect(parseExposition(right.body as string).length).toBeGreaterThan(0);
  });
});

describe("GET /api/health/ready", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
    await t.runtime.close().catch(() => {}); // the test closed the database itself
  });

  it("is 200 while the database answers with a current schema, 503 when a migration is missing or the database is gone", async () => {
    const ready = await t.anonymous().get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ready", database: t.ctx.dialect.name });

    // A database behind this code (another process has not migrated it yet).
    const raw = t.ctx.db.withoutPlugins();
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc`.execute(raw);
    const last = rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(raw);
    const behind = await t.anonymous().get("/api/health/ready");
    expect(behind.status).toBe(503);
    expect(behind.body).toMatchObject({ status: 503, code: "not_ready" });
    expect(behind.body.detail).toContain(last);
    await sql`insert into kysely_migration (name, timestamp) values (${last}, ${new Date().toISOString()})`.execute(
      raw,
    );
    expect((await t.anonymous().get("/api/health/ready")).status).toBe(200);

    // The database goes away.
    await t.runtime.close();
    const gone = await t.anonymous().get("/api/health/ready");
    expect(gone.status).toBe(503);
    expect(gone.body.code).toBe("not_ready");
    expect(String(gone.headers["content-type"])).toContain("application/problem+json");
  });
});

describe("ops/grafana-dashboard.json", () => {
  it("charts only metrics the server exports", async () => {
    const { registry } = await import("../src/metrics/metrics.js");
    const exported = new Set(registry.getMetricsAsArray().map((m) => m.name));
    const dashboard = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, "../../ops/grafana-dashboard.json"), "utf8"),
    );
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        for (const [name] of String(target.expr).matchAll(/\b(docket|process|nodejs)_[a-z0-9_]+/g)) {
          used.add(name.replace(/_(bucket|count|sum)$/, ""));
        }
      }
    }
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name);
  });
});
