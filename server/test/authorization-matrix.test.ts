import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATRIX, type Caller, type Fixtures, type MatrixRequest } from "./authorization-matrix.table.js";
import { changedTables, snapshotDatabase } from "./db-snapshot.js";
import { createDocumentType, multipart, uploadDocument } from "./documents-helpers.js";
import { ADMIN, createTestApp, TestClient, type TestResponse } from "./harness.js";
import { addRobot, CONTRACT_STAGES, createItem, createProcess, moveItem } from "./process-helpers.js";

// Built at collection time, so there is one test per route of the app's own route table.
const t = await createTestApp();
afterAll(async () => t.close());

const SECRET_TITLE = "Секретные премии";
const UNSAFE = new Set(["POST", "PATCH", "PUT", "DELETE"]);
let fx: Fixtures;
let sequence = 0;

beforeAll(async () => {
  const [author, responsible, observer, approver, outsider] = [
    await t.userClient("Author"),
    await t.userClient("Responsible"),
    await t.userClient("Observer"),
    await t.userClient("Approver"),
    await t.userClient("Outsider"),
  ];
  const secretType = await createDocumentType(t.admin, { access: "participants", folder: "Секретно/{yyyy}" });
  const spareType = await createDocumentType(t.admin);
  const secretProcess = await createProcess(t.admin, { access: "participants" });
  await addRobot(t.admin, secretProcess.id, {
    stage: "review",
    kind: "requestApproval",
    params: { approvers: [approver.user.id], mode: "any", onApprove: "signing", onReject: "rejected" },
  });
  const spareProcess = await createProcess(t.admin, {
    stages: [
      { code: "draft", name: "Draft", color: "#868e96", semantics: "process" },
      { code: "done", name: "Done", color: "#40c057", semantics: "success" },
    ],
  });
  const robotBody = { stage: "done", kind: "notify", params: { to: ["initiator"], message: "Готово" } };
  const company = (await t.admin.post("/api/companies", { name: "ООО Матрица" })).body;

  /** An item of the secret process in `review`, with a pending approval task for the approver. */
  const freshItem = async () => {
    const item = await createItem(author, secretProcess.id, {
      title: "Секретная сделка",
      companyId: company.id,
      responsibleId: responsible.user.id,
      observerIds: [observer.user.id],
    });
    await moveItem(author, item.id, "review");
    await t.runJobs();
    return item;
  };
  const secretItem = await freshItem();
  const freshDocument = async () => {
    const res = await uploadDocument(author, {
      typeId: secretType.id,
      title: SECRET_TITLE,
      companyId: company.id,
      responsibleId: responsible.user.id,
      itemId: secretItem.id,
    });
    if (res.status !== 201) throw new Error(`cannot upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const clients = { author, responsible, observer, approver, outsider, admin: t.admin };
  fx = {
    clients,
    secretType,
    secretProcess,
    secretItem,
    secretDocument: await freshDocument(),
    company,
    contact: (await t.admin.post("/api/contacts", { name: "Иван", companyId: company.id })).body,
    robot: await addRobot(t.admin, spareProcess.id, robotBody),
    spareType,
    spareProcess,
    fresh: {
      document: freshDocument,
      item: freshItem,
      company: async () => (await t.admin.post("/api/companies", { name: fx.fresh.name("ООО") })).body,
      contact: async () => (await t.admin.post("/api/contacts", { name: fx.fresh.name("Контакт") })).body,
      robot: () => addRobot(t.admin, spareProcess.id, robotBody),
      token: async () => (await author.post("/api/tokens", { name: fx.fresh.name("token") })).body,
      approvalTask: async () => {
        const item = await freshItem();
        const tasks = (await approver.get("/api/approvals?state=pending")).body.items;
        const task = tasks.find((a: any) => a.itemId === item.id);
        if (!task) throw new Error("no approval task was created");
        return task.id;
      },
      session: (caller) => new TestClient(t.app).login(fx.credentials(caller).email, fx.credentials(caller).password),
      name: (prefix) => `${prefix}${++sequence}x${Math.random().toString(36).slice(2, 8)}`,
    },
    credentials: (caller) =>
      caller === "admin"
        ? { email: ADMIN.email, password: ADMIN.password }
        : { email: clients[caller].user.email, password: "user-password-1" },
  };
  for (const check of [CONTRACT_STAGES.length > 0, fx.contact.id, fx.company.id]) expect(check).toBeTruthy();
});

let baseUrl: string | undefined;
async function listening(): Promise<string> {
  if (!baseUrl) {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }
  return baseUrl;
}

/** SSE never ends, so it is requested over a real socket and only the status line is awaited. */
async function streamStatus(client: TestClient | null, url: string): Promise<TestResponse> {
  await listening();
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${url}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      if (status === 200) {
        resolve({ status, headers: response.headers, body: null, raw: Buffer.alloc(0) });
        response.destroy();
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        resolve({ status, headers: response.headers, body: JSON.parse(raw.toString("utf8")), raw });
      });
    });
    request.on("error", reject);
  });
}

/** The request line, headers and body of a matrix request, as the caller would send them. */
function requestParts(caller: Caller, req: MatrixRequest, options: { csrf?: boolean } = {}) {
  const client = req.as ?? (caller === "anonymous" ? null : fx.clients[caller]);
  const headers: Record<string, string> = {};
  if (client?.cookie) headers.cookie = client.cookie;
  if (client?.csrfToken && UNSAFE.has(req.method) && options.csrf !== false) headers["x-csrf-token"] = client.csrfToken;
  let payload: string | Buffer | undefined;
  if (req.multipart) {
    const body = multipart(req.multipart);
    payload = body.payload;
    headers["content-type"] = body.contentType;
  } else if (req.json !== undefined) {
    payload = JSON.stringify(req.json);
    headers["content-type"] = "application/json";
  }
  return { client, headers, payload };
}

/** Sends a matrix request as the caller, with their cookie and (unless told otherwise) their CSRF token. */
async function send(caller: Caller, req: MatrixRequest, options: { csrf?: boolean } = {}): Promise<TestResponse> {
  const { client, headers, payload } = requestParts(caller, req, options);
  if (req.stream) return streamStatus(client, req.url);
  const response = await t.app.inject({ method: req.method, url: req.url, headers, payload });
  const type = String(response.headers["content-type"] ?? "");
  return {
    status: response.statusCode,
    headers: response.headers,
    body: type.includes("json") && response.body ? JSON.parse(response.body) : response.body,
    raw: response.rawPayload,
  };
}

/**
 * Sends a matrix request over a raw socket with its target in absolute form (`GET http://host/api/users HTTP/1.1`),
 * which HTTP/1.1 servers must accept and which `inject` would normalise away. Only the status, the headers and the
 * raw body text are needed; an event stream is cut off once its headers arrived.
 */
async function sendAbsoluteForm(caller: Caller, req: MatrixRequest): Promise<TestResponse & { text: string }> {
  const base = await listening();
  const { headers, payload } = requestParts(caller, req);
  const host = new URL(base).host;
  const body = payload === undefined ? Buffer.alloc(0) : Buffer.from(payload);
  const head = [
    `${req.method} ${base}${req.url} HTTP/1.1`,
    `Host: ${host}`,
    "Connection: close",
    `Content-Length: ${body.length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join("\r\n");
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const soFar = Buffer.concat(chunks).toString("latin1");
      if (/\r\ncontent-type: text\/event-stream/i.test(soFar) && soFar.includes("\r\n\r\n")) socket.destroy();
    });
    socket.on("close", () => resolve(Buffer.concat(chunks)));
    socket.on("error", reject);
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]));
  });
  const text = raw.toString("utf8");
  const headerEnd = text.indexOf("\r\n\r\n");
  const [statusLine, ...headerLines] = text.slice(0, headerEnd).split("\r\n");
  const responseHeaders: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    responseHeaders[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine?.split(" ")[1]);
  const bodyText = text.slice(headerEnd + 4);
  let parsed: unknown = bodyText;
  if (String(responseHeaders["content-type"]).includes("json") && !responseHeaders["transfer-encoding"]) {
    try {
      parsed = JSON.parse(bodyText);
    } catch {
      parsed = bodyText;
    }
  }
  return { status, headers: responseHeaders, body: parsed, raw, text: bodyText };
}

/** Every response, of every route to every caller, carries these (limits-headers.test.ts checks the details). */
function expectSecurityHeaders(res: TestResponse, context: string): void {
  expect(res.headers["x-content-type-options"], context).toBe("nosniff");
  expect(res.headers["referrer-policy"], context).toBeTruthy();
  expect(String(res.headers["content-security-policy"]), context).toContain("frame-ancestors 'none'");
}

function expectProblem(res: TestResponse, context: string): void {
  expect(String(res.headers["content-type"]), context).toMatch(/^application\/problem\+json/);
  expect(res.body.status, context).toBe(res.status);
}

describe("the matrix covers the route table", () => {
  it("has an entry, with the same access level, for every route the app registers; and no stale entries", () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(50);
    expect(
      registered.filter((key) => !MATRIX[key]),
      "routes without an entry in authorization-matrix.table.ts",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((key) => !registered.includes(key)),
      "entries for routes that no longer exist",
    ).toEqual([]);
    const mismatched = t.app.routeTable
      .filter((r) => MATRIX[`${r.method} ${r.url}`] && MATRIX[`${r.method} ${r.url}`]!.access !== r.access)
      .map((r) => `${r.method} ${r.url}: registered ${r.access}, table ${MATRIX[`${r.method} ${r.url}`]!.access}`);
    expect(mismatched).toEqual([]);
  });
});

describe("every route, as every kind of caller", () => {
  for (const route of t.app.routeTable) {
    const key = `${route.method} ${route.url}`;
    it(key, async () => {
      const entry = MATRIX[key];
      if (!entry) throw new Error(`${key} has no entry in authorization-matrix.table.ts: decide who may call it`);
      const callers: Caller[] = ["anonymous", "outsider", ...(Object.keys(entry.participants) as Caller[]), "admin"];
      const expected: Record<string, number> = {};
      const actual: Record<string, number> = {};
      for (const caller of callers) {
        expected[caller] =
          caller === "anonymous" || caller === "outsider" || caller === "admin"
            ? entry[caller]
            : entry.participants[caller]!;
        const res = await send(caller, await entry.request(fx, caller));
        actual[caller] = res.status;
        const context = `${key} as ${caller}: ${res.status} ${typeof res.body === "object" ? JSON.stringify(res.body)?.slice(0, 300) : ""}`;
        if (res.status >= 400) expectProblem(res, context);
        expectSecurityHeaders(res, context);
        if (caller === "outsider" && res.status < 300 && res.body && typeof res.body === "object") {
          // Lists answer 200 to the outsider: they must not carry the objects hidden from them.
          const text = JSON.stringify(res.body);
          for (const secret of [fx.secretDocument.id, fx.secretItem.id, SECRET_TITLE])
            expect(text.includes(secret), `${context} leaks ${secret}`).toBe(false);
        }
      }
      expect(actual, key).toEqual(expected);
    });
  }
});

describe("every route, with the request target in absolute form (http://host/api/...)", () => {
  // The router matches `GET http://host/api/users` like `GET /api/users`; access must follow the matched route.
  for (const route of t.app.routeTable) {
    const key = `${route.method} ${route.url}`;
    it(key, async () => {
      const entry = MATRIX[key];
      if (!entry) throw new Error(`${key} has no entry in authorization-matrix.table.ts`);
      const expected: Record<string, number> = { anonymous: entry.anonymous, outsider: entry.outsider };
      const actual: Record<string, number> = {};
      for (const caller of ["anonymous", "outsider"] as const) {
        const res = await sendAbsoluteForm(caller, await entry.request(fx, caller));
        actual[caller] = res.status;
        const context = `absolute-form ${key} as ${caller}: ${res.status} ${res.text.slice(0, 300)}`;
        if (res.status >= 400) expectProblem(res, context);
        expectSecurityHeaders(res, context);
        expect(res.headers["cache-control"], context).toBeTruthy();
        if (res.status < 300)
          for (const secret of [fx.secretDocument.id, fx.secretItem.id, SECRET_TITLE])
            expect(res.text.includes(secret), `${context} leaks ${secret}`).toBe(false);
      }
      expect(actual, key).toEqual(expected);
    });
  }
});

describe("cookie-authenticated unsafe requests without the CSRF header", () => {
  const unsafe = t.app.routeTable.filter((r) => UNSAFE.has(r.method) && r.access !== "public");
  it("are refused with 403 and change nothing, for a participant and for an admin", async () => {
    expect(unsafe.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of unsafe) {
      const entry = MATRIX[`${route.method} ${route.url}`];
      if (!entry) continue; // reported by the coverage test
      for (const caller of ["author", "admin"] as const) {
        const req = await entry.request(fx, caller);
        const before = await snapshotDatabase(t);
        const res = await send(caller, req, { csrf: false });
        const changed = changedTables(before, await snapshotDatabase(t));
        if (res.status !== 403 || res.body?.code !== "csrf_failed" || changed.length > 0)
          failures.push(
            `${route.method} ${route.url} as ${caller}: ${res.status} ${res.body?.code} changed ${changed.join(",")}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
