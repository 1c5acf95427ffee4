import { randomBytes } from "node:crypto";
import pino from "pino";
import { buildApp } from "../src/app.js";
import { openRuntime } from "../src/bootstrap.js";
import { afterAll } from "vitest";
import { ADMIN, createTestApp, testDatabase, TestClient, type TestApp, type TestResponse } from "./harness.js";

/** Helpers for tests that upload documents (issue 3); other modules' tests reuse them. */

export type PartValue = string | { filename: string; content: Buffer | string; contentType?: string };

/** A multipart/form-data body built by hand, so tests send exactly what a browser would. */
export function multipart(parts: Record<string, PartValue | undefined>): { payload: Buffer; contentType: string } {
  const boundary = `----docket${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(parts)) {
    if (value === undefined) continue;
    if (typeof value === "string") {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      continue;
    }
    const filename = value.filename.replace(/"/g, "%22");
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
      `Content-Type: ${value.contentType ?? "application/octet-stream"}\r\n\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(value.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function postMultipart(
  client: TestClient,
  url: string,
  parts: Record<string, PartValue | undefined>,
): Promise<TestResponse> {
  const { payload, contentType } = multipart(parts);
  return client.request("POST", url, payload, { headers: { "content-type": contentType } });
}

export interface UploadOptions {
  typeId: string;
  file?: Buffer | string;
  name?: string;
  contentType?: string;
  title?: string;
  companyId?: string;
  responsibleId?: string;
  itemId?: string;
  fields?: Record<string, unknown>;
  /** Where to post (default `/api/documents`; e.g. `/api/items/:id/documents`). */
  url?: string;
}

/** `POST /api/documents` with a file (default: a small text file) and the given parts. */
export function uploadDocument(client: TestClient, options: UploadOptions): Promise<TestResponse> {
  return postMultipart(client, options.url ?? "/api/documents", {
    typeId: options.typeId,
    title: options.title,
    companyId: options.companyId,
    responsibleId: options.responsibleId,
    itemId: options.itemId,
    fields: options.fields === undefined ? undefined : JSON.stringify(options.fields),
    file: {
      filename: options.name ?? "document.txt",
      content: options.file ?? "Текст документа",
      contentType: options.contentType,
    },
  });
}

export function uploadVersion(
  client: TestClient,
  documentId: string,
  file: { name: string; content: Buffer | string },
): Promise<TestResponse> {
  return postMultipart(client, `/api/documents/${documentId}/versions`, {
    file: { filename: file.name, content: file.content },
  });
}

/**
 * The body of a document type with one status, «Черновик», filed under its name; numbers restart every year when the
 * template shows the year, else never. `overrides` for the rest.
 */
export function oneStatusType(code: string, name: string, template: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    name,
    folder: name,
    numbering: { template, reset: template.includes("{yyyy}") ? "year" : "never" },
    statuses: [{ code: "draft", name: "Черновик", color: "#868e96", initial: true }],
    ...overrides,
  };
}

/** A document type with sensible defaults; pass fields to override. Returns the created type. */
export async function createDocumentType(admin: TestClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const code = `t${randomBytes(4).toString("hex")}`;
  const res = await admin.post("/api/document-types", {
    code,
    name: `Договор ${code}`,
    folder: "Договоры/{yyyy}",
    numbering: { template: "Д-{yyyy}-{n:4}", reset: "year" },
    statuses: [
      { code: "draft", name: "Черновик", color: "#868e96", initial: true },
      { code: "approval", name: "На согласовании", color: "#fab005" },
      { code: "signed", name: "Подписан", color: "#40c057", final: true },
    ],
    fields: [],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`cannot create document type: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The test app and, on PostgreSQL, a second app process on its database through which some callers go, as when
 * scaled out; both closed after the file.
 */
export async function createScaledTestApp(): Promise<{ t: TestApp; second: SecondApp | null }> {
  const t = await createTestApp();
  afterAll(async () => t.close());
  const second = await openSecondAppOnPostgres(t);
  afterAll(async () => second?.close());
  return { t, second };
}

/**
 * On PostgreSQL, a second app process on the same database, as in a scaled installation; null on SQLite (two SQLite
 * writers in one Node process would block each other's event loop, so that case is the single embedded process).
 */
async function openSecondAppOnPostgres(t: TestApp): Promise<SecondApp | null> {
  if (testDatabase !== "postgres") return null;
  const runtime = await openRuntime(t.config, pino({ level: "silent" }), t.clock);
  const app = await buildApp(runtime.ctx, { serveWeb: false });
  await app.ready();
  const client = await new TestClient(app).login(ADMIN.email, ADMIN.password);
  return {
    client,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

export interface SecondApp {
  client: TestClient;
  close(): Promise<void>;
}

/**
 * `uploaders` clients at once, each registering `each` small files one after another (every other uploader through
 * the second app process where there is one). The numbers they were given, asserting every upload answered 201.
 */
export async function uploadConcurrently(
  admin: TestClient,
  second: SecondApp | null,
  typeId: string,
  { uploaders, each, label }: { uploaders: number; each: number; label: string },
): Promise<string[]> {
  const numbersOf = Array.from({ length: uploaders }, async (_, u) => {
    const client = second && u % 2 === 1 ? second.client : admin;
    const numbers: string[] = [];
    for (let i = 0; i < each; i++) {
      const res = await uploadDocument(client, { typeId, file: `${label} ${u}-${i}`, name: `${label}-${u}-${i}.txt` });
      if (res.status !== 201) throw new Error(`upload ${u}-${i}: ${res.status} ${JSON.stringify(res.body)}`);
      numbers.push(res.body.number);
    }
    return numbers;
  });
  return (await Promise.all(numbersOf)).flat();
}

/** Every document of the type, walking the list's pages of 200 as a client does. */
export async function listAllDocuments(client: TestClient, typeId: string): Promise<any[]> {
  const listed: any[] = [];
  let cursor: string | null = null;
  do {
    const page: TestResponse = await client.get(
      `/api/documents?typeId=${typeId}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    listed.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return listed;
}

export { makeDocx, makePdf } from "../src/demo/sample-files.js";
