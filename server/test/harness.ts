import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import pg from "pg";
import pino from "pino";
import { buildApp } from "../src/app.js";
import { attachWorker, openRuntime, type Runtime } from "../src/bootstrap.js";
import type { SomeJobDefinition } from "../src/jobs/definition.js";
import type { JobWorker } from "../src/jobs/worker.js";
import { loadConfig, type Config } from "../src/config.js";
import type { AppContext } from "../src/context.js";
import { ManualClock } from "../src/lib/clock.js";
import { randomToken } from "../src/lib/crypto.js";

export const ADMIN = { email: "admin@example.com", password: "admin-password-1", name: "Administrator" };

/** "sqlite" unless the test run was started for PostgreSQL (scripts/test.mjs sets DOCKET_TEST_DB). */
export const testDatabase = process.env.DOCKET_TEST_DB === "postgres" ? "postgres" : "sqlite";

/** A fresh, empty database URL: a temp SQLite file, or a new schema in TEST_DATABASE_URL's database. */
export async function freshDatabaseUrl(dataDir: string): Promise<string> {
  if (testDatabase === "sqlite") return `sqlite:${path.join(dataDir, "docket.db")}`;
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("DOCKET_TEST_DB=postgres needs TEST_DATABASE_URL");
  const schema = `t_${randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return url.toString();
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

/** A signed-in (or anonymous) caller that keeps its cookie and sends the CSRF header like the web UI does. */
export class TestClient {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
  user?: any;

  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(
    method: InjectOptions["method"],
    url: string,
    payload?: unknown,
    extra: Partial<InjectOptions> = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== "GET" && !("x-csrf-token" in headers)) headers["x-csrf-token"] = this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await this.app.inject({
      method,
      url,
      ...(payload !== undefined && { payload: payload as InjectOptions["payload"] }),
      ...extra,
      headers,
    });
    const setCookie = response.headers["set-cookie"];
    const cookieLine = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (cookieLine) this.cookie = cookieLine.split(";")[0];
    const type = String(response.headers["content-type"] ?? "");
    const body = type.includes("json") && response.body ? JSON.parse(response.body) : response.body;
    return { status: response.statusCode, body: body as T, headers: response.headers, raw: response.rawPayload };
  }

  get<T = any>(url: string) {
    return this.request<T>("GET", url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>("POST", url, body ?? {});
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>("PATCH", url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>("DELETE", url);
  }

  async login(email: string, password: string): Promise<this> {
    const response = await this.post("/api/auth/login", { email, password });
    if (response.status !== 200)
      throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    this.csrfToken = response.body.csrfToken;
    this.user = response.body.user;
    return this;
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  config: Config;
  runtime: Runtime;
  dataDir: string;
  /** The job worker, not polling: tests call `runJobs()` after moving the clock. */
  worker: JobWorker;
  /** Runs every job due at the clock's current time (robots, reminders, emails, text extraction). */
  runJobs(): Promise<number>;
  /** Signed in as the first administrator (anonymous when created `empty`). */
  admin: TestClient;
  anonymous(): TestClient;
  /** Creates a user (role "user" and a password of the test's own unless said) and returns the created user. */
  createUser(user: { email: string; name: string; role?: "user" | "admin"; password?: string }): Promise<any>;
  /** Creates a user (role "user" unless said) and returns a client signed in as them. */
  userClient(name: string, role?: "user" | "admin"): Promise<TestClient>;
  close(): Promise<void>;
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  options: { env?: Record<string, string>; empty?: boolean; jobs?: readonly SomeJobDefinition[] } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-test-"));
  const base = loadConfig({ DOCKET_DATA_DIR: dataDir, DOCKET_LOG_LEVEL: "silent", ...options.env });
  const config: Config = {
    ...base,
    databaseUrl: await freshDatabaseUrl(dataDir),
    adminEmail: options.empty ? undefined : ADMIN.email,
    adminPassword: options.empty ? undefined : ADMIN.password,
    // Tests build their own types and processes; the provisioning test turns this on.
    provision: false,
    // LibreOffice and OCR take seconds of a shared core per file: only the renditions suite, which checks their
    // output, turns them on (`realConverters`); elsewhere an office file or scan gets "unsupported" at once.
    renditions: { ...base.renditions, soffice: "none", ocrmypdf: "none" },
    ...overrides,
  };
  const clock = new ManualClock();
  const runtime = await openRuntime(config, pino({ level: "silent" }), clock);
  const app = await buildApp(runtime.ctx, { serveWeb: false });
  const worker = attachWorker(runtime.ctx, { extraJobs: options.jobs });
  await app.ready();
  // An empty installation has nobody to sign in as; its `admin` client stays anonymous.
  const admin = options.empty
    ? new TestClient(app)
    : await new TestClient(app).login(config.adminEmail!, config.adminPassword!);
  let userCount = 0;
  const createUser: TestApp["createUser"] = async ({ role = "user", password = "user-password-1", ...user }) => {
    const created = await admin.post("/api/users", { ...user, password, role });
    if (created.status !== 201) throw new Error(`cannot create user: ${JSON.stringify(created.body)}`);
    return created.body;
  };
  return {
    app,
    ctx: runtime.ctx,
    clock,
    config,
    runtime,
    dataDir,
    worker,
    runJobs: () => worker.runDue(),
    admin,
    anonymous: () => new TestClient(app),
    createUser,
    async userClient(name, role = "user") {
      userCount++;
      const email = `user${userCount}.${name.toLowerCase().replace(/[^a-z0-9]+/g, "") || "x"}@example.com`;
      const password = "user-password-1";
      await createUser({ email, name, role, password });
      return new TestClient(app).login(email, password);
    },
    async close() {
      await app.close();
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type NotificationBus = import("../src/modules/notifications/notification-bus.js").NotificationBus;

/**
 * What one app process's bus hears of what another's sends (PostgreSQL LISTEN/NOTIFY): `listen` sets up the first bus
 * with a callback, `send` sends through the second; resolves to the first value the callback is given.
 */
export async function acrossTwoBuses<T>(
  ctx: AppContext,
  listen: (bus: NotificationBus, deliver: (value: T) => void) => Promise<unknown>,
  send: (bus: NotificationBus) => Promise<unknown>,
): Promise<T> {
  const { NotificationBus } = await import("../src/modules/notifications/notification-bus.js");
  const listener = new NotificationBus(ctx);
  const sender = new NotificationBus(ctx);
  try {
    let deliver!: (value: T) => void;
    const got = new Promise<T>((resolve) => (deliver = resolve));
    await listen(listener, deliver); // resolves once LISTEN is in place
    await send(sender);
    return await got;
  } finally {
    await listener.close();
    await sender.close();
  }
}
