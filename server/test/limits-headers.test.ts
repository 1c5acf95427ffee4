import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blobFiles, changedTables, snapshotDatabase } from "./db-snapshot.js";
import { createDocumentType, makePdf, postMultipart, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { createTestApp, type TestResponse } from "./harness.js";
import { createItem, createProcess } from "./process-helpers.js";

// A tiny upload limit (DOCKET_MAX_UPLOAD_MB in production) so that "too large" costs nothing to send.
const LIMIT = 4096;

const t = await createTestApp({ maxUploadBytes: LIMIT });
afterAll(async () => t.close());
const type = await createDocumentType(t.admin);
const document = (await uploadDocument(t.admin, { typeId: type.id, file: "version one", name: "Договор №1.txt" })).body;
const pdf = (await uploadDocument(t.admin, { typeId: type.id, file: makePdf(["Preview"]), name: "Счёт.pdf" })).body;
const html = (
  await uploadDocument(t.admin, {
    typeId: type.id,
    file: "<script>alert(1)</script>",
    name: "page.html",
    contentType: "text/html",
  })
).body;
expect([document.id, pdf.id, html.id].every(Boolean)).toBe(true);

const tmpFiles = () => {
  const dir = path.join(t.config.blobDir, "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("body and upload limits", () => {
  it("refuses a JSON body over 1 MB with 413 problem+json, changing nothing", async () => {
    const before = await snapshotDatabase(t);
    const res = await t.admin.request("POST", "/api/companies", JSON.stringify({ name: "x".repeat(1024 * 1024) }), {
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
    expect(changedTables(before, await snapshotDatabase(t))).toEqual([]);
  });

  it("refuses uploads over the limit with 413 on every upload route, leaving no document, blob or temp file", async () => {
    const process = await createProcess(t.admin);
    const item = await createItem(t.admin, process.id, { title: "Limits" });
    const blobsBefore = blobFiles(t);
    const before = await snapshotDatabase(t);
    const big = Buffer.alloc(LIMIT + 1, "a");
    const responses: TestResponse[] = [
      await uploadDocument(t.admin, { typeId: type.id, file: big, name: "big.txt" }),
      await uploadVersion(t.admin, document.id, { name: "big.txt", content: big }),
      await postMultipart(t.admin, `/api/items/${item.id}/documents`, {
        typeId: type.id,
        file: { filename: "big.txt", content: big },
      }),
      await uploadDocument(t.admin, { typeId: type.id, file: Buffer.alloc(LIMIT * 50, "b"), name: "huge.txt" }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ status: 413, code: "payload_too_large" });
      expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
    }
    expect(changedTables(before, await snapshotDatabase(t))).toEqual([]);
    expect(blobFiles(t)).toEqual(blobsBefore);
    expect(tmpFiles()).toEqual([]);
    expect((await t.admin.get(`/api/documents/${document.id}`)).body.file.version).toBe(1);
  });

  it("accepts a file of exactly the limit", async () => {
    const res = await uploadDocument(t.admin, { typeId: type.id, file: Buffer.alloc(LIMIT, "c"), name: "edge.txt" });
    expect(res.status).toBe(201);
    expect(res.body.file.size).toBe(LIMIT);
    expect(tmpFiles()).toEqual([]);
  });
});

describe("security headers", () => {
  const expectBaseHeaders = (res: TestResponse, what: string) => {
    expect(res.headers["x-content-type-options"], what).toBe("nosniff");
    expect(res.headers["referrer-policy"], what).toBe("same-origin");
    expect(String(res.headers["content-security-policy"]), what).toContain("frame-ancestors 'none'");
  };

  it("are on every kind of response: JSON, problem, 401, 404, undecodable URL, openapi, health", async () => {
    const responses: [string, TestResponse][] = [
      ["json", await t.admin.get("/api/companies")],
      ["problem 400", await t.admin.post("/api/companies", { name: "" })],
      ["401", await t.anonymous().get("/api/companies")],
      ["404 route", await t.admin.get("/api/nowhere")],
      ["404 object", await t.admin.get("/api/companies/nope")],
      ["bad url", await t.admin.get("/api/companies/%FF")],
      ["openapi", await t.anonymous().get("/api/openapi.json")],
      ["health", await t.anonymous().get("/api/health")],
    ];
    for (const [what, res] of responses) {
      expectBaseHeaders(res, what);
      if (res.status >= 400) expect(String(res.headers["content-type"]), what).toMatch(/^application\/problem\+json/);
    }
    const app = responses[0]![1].headers["content-security-policy"];
    expect(app).toMatch(/default-src 'self'/);
    expect(app).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(app).toMatch(/object-src 'none'/);
    // The rest of @fastify/helmet's set, except HSTS, which the TLS-terminating proxy decides.
    expect(responses[0]![1].headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(responses[0]![1].headers["x-permitted-cross-domain-policies"]).toBe("none");
    expect(responses[0]![1].headers["strict-transport-security"]).toBeUndefined();
  });

  it("leave the Swagger UI page without the app's CSP (it runs inline scripts of its own)", async () => {
    const docs = await t.anonymous().get("/api/docs/");
    expect(docs.status).toBe(200);
    expect(docs.headers["content-security-policy"]).toBeUndefined();
    expect(docs.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serve downloads as sandboxed attachments with the original name; never as HTML", async () => {
    const res = await t.admin.get(`/api/documents/${document.id}/file`);
    expect(res.status).toBe(200);
    expectBaseHeaders(res, "download");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="Dogovor|^attachment; filename="/);
    expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("Договор")}`);
    expect(String(res.headers["content-security-policy"])).toMatch(/^sandbox; default-src 'none'/);

    const page = await t.admin.get(`/api/documents/${html.id}/file`);
    expect(String(page.headers["content-type"])).not.toMatch(/html/);
    expect(page.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(String(page.headers["content-security-policy"])).toMatch(/^sandbox;/);
  });

  it("preview a PDF inline with ?inline=1 under a sandboxing CSP; other types stay attachments", async () => {
    const preview = await t.admin.get(`/api/documents/${pdf.id}/file?inline=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    expect(preview.headers["content-disposition"]).toMatch(/^inline; filename=/);
    const csp = String(preview.headers["content-security-policy"]);
    expect(csp).toMatch(/^sandbox; default-src 'none'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|allow-scripts/);
    expectBaseHeaders(preview, "preview");

    expect((await t.admin.get(`/api/documents/${pdf.id}/file`)).headers["content-disposition"]).toMatch(/^attachment;/);
    for (const id of [html.id, document.id]) {
      const res = await t.admin.get(`/api/documents/${id}/file?inline=1`);
      expect(res.headers["content-disposition"]).toMatch(/^attachment;/);
    }
    expect((await t.admin.get(`/api/documents/${pdf.id}/file?inline=yes`)).status).toBe(400);
  });
});
