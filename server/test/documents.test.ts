import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, makePdf, postMultipart, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { ADMIN, createTestApp } from "./harness.js";

const t = await createTestApp({}, { env: { DOCKET_MAX_UPLOAD_MB: "0.0625" } }); // 64 KiB
afterAll(async () => t.close());
const type = await createDocumentType(t.admin, {
  folder: "Договоры/{yyyy}/{company}",
  fields: [
    { key: "amount", label: "Сумма", type: "money", required: true },
    { key: "signer", label: "Подписант", type: "user" },
  ],
});

async function company(name: string) {
  const res = await t.admin.post("/api/companies", { name });
  expect(res.status).toBe(201);
  return res.body;
}

const blobFiles = () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "tmp") walk(path.join(dir, entry.name));
      else if (entry.isFile()) files.push(path.join(dir, entry.name));
    }
  };
  if (fs.existsSync(t.config.blobDir)) walk(t.config.blobDir);
  return files;
};

describe("registration", () => {
  it("numbers, files and records an uploaded document in one step", async () => {
    const romashka = await company("ООО «Ромашка»");
    const pdf = makePdf(["Договор поставки"]);
    const res = await uploadDocument(t.admin, {
      typeId: type.id,
      file: pdf,
      name: "Договор поставки.pdf",
      companyId: romashka.id,
      fields: { amount: "1500.50" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      typeId: type.id,
      number: "Д-2026-0001",
      title: "Договор поставки",
      companyId: romashka.id,
      itemIds: [],
      status: { code: "draft", name: "Черновик", color: "#868e96" },
      folder: { path: "/Договоры/2026/ООО «Ромашка»" },
      file: { name: "Договор поставки.pdf", size: pdf.length, mimeType: "application/pdf", version: 1 },
      fields: { amount: "1500.50" },
      createdBy: t.admin.user.id,
    });
    expect(res.body.file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Договоры/2026/ООО «Ромашка»")}`);
    expect(drive.status).toBe(200);
    expect(drive.body.files).toEqual([
      { id: expect.any(String), name: "Д-2026-0001 Договор поставки.pdf", size: pdf.length, documentId: res.body.id },
    ]);

    const history = await t.admin.get(`/api/documents/${res.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      action: "document.registered",
      actor: { id: t.admin.user.id, name: "Administrator" },
      details: { number: "Д-2026-0001" },
    });
  });

  it("counts per type and period, resetting in DOCKET_TZ (Moscow's new year starts at 21:00 UTC)", async () => {
    const monthly = await createDocumentType(t.admin, {
      numbering: { template: "{yy}{mm}/{n:3}", reset: "month" },
      fields: [],
    });
    t.clock.set("2026-12-31T20:59:00Z");
    // A session from March has expired by December: sign in again "then".
    const admin = await t.anonymous().login(ADMIN.email, ADMIN.password);
    const december = await uploadDocument(admin, { typeId: monthly.id });
    t.clock.set("2026-12-31T21:01:00Z");
    const january = await uploadDocument(admin, { typeId: monthly.id });
    const january2 = await uploadDocument(admin, { typeId: monthly.id });
    t.clock.set("2026-03-02T09:00:00.000Z");
    expect([december.body.number, january.body.number, january2.body.number]).toEqual([
      "2612/001",
      "2701/001",
      "2701/002",
    ]);
    expect(january.body.folder.path).toBe("/Договоры/2027");
  });

  it("names the file by '{number} {title}.{ext}' and strips path parts and control characters", async () => {
    const res = await uploadDocument(t.admin, {
      typeId: type.id,
      name: "..\\..\\evil/..\\сч\u0007ёт.TXT",
      title: "Акт / сверки",
      fields: { amount: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.body.file.name).toBe("счёт.TXT");
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent(res.body.folder.path)}`);
    expect(drive.body.files.map((f: any) => f.name)).toContain(`${res.body.number} Акт _ сверки.txt`);
  });

  it("checks custom fields and references (422 with the path)", async () => {
    const missing = await uploadDocument(t.admin, { typeId: type.id, fields: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: "fields.amount", message: "Required" }]);
    const wrong = await uploadDocument(t.admin, { typeId: type.id, fields: { amount: "много", signer: "nobody" } });
    expect(wrong.status).toBe(422);
    const unknownCompany = await uploadDocument(t.admin, { typeId: type.id, companyId: "nope", fields: { amount: 1 } });
    expect(unknownCompany.status).toBe(422);
    expect(unknownCompany.body.errors[0].path).toBe("companyId");
    const unknownType = await uploadDocument(t.admin, { typeId: "nope" });
    expect(unknownType.status).toBe(422);
  });

  it("refuses an empty file (400), a missing file (400), a non-multipart body (415) and a large file (413)", async () => {
    const empty = await uploadDocument(t.admin, { typeId: type.id, file: "", fields: { amount: 1 } });
    expect(empty.status).toBe(400);
    const noFile = await postMultipart(t.admin, "/api/documents", { typeId: type.id });
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors[0].path).toBe("file");
    const json = await t.admin.post("/api/documents", { typeId: type.id });
    expect(json.status).toBe(415);
    const before = (await t.admin.get(`/api/documents?typeId=${type.id}&limit=200`)).body.items.length;
    const big = await uploadDocument(t.admin, {
      typeId: type.id,
      file: Buffer.alloc(65 * 1024, 1),
      fields: { amount: 1 },
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("payload_too_large");
    expect((await t.admin.get(`/api/documents?typeId=${type.id}&limit=200`)).body.items.length).toBe(before);
    expect(fs.readdirSync(path.join(t.config.blobDir, "tmp"))).toEqual([]);
  });

  it("stores equal files once (content-addressed)", async () => {
    const content = "одно и то же содержимое";
    const a = await uploadDocument(t.admin, { typeId: type.id, file: content, fields: { amount: 1 } });
    const countBefore = blobFiles().length;
    const b = await uploadDocument(t.admin, { typeId: type.id, file: content, fields: { amount: 2 } });
    expect(b.body.file.sha256).toBe(a.body.file.sha256);
    expect(blobFiles().length).toBe(countBefore);
    expect(blobFiles().filter((f) => f.endsWith(a.body.file.sha256))).toHaveLength(1);
  });
});

describe("download", () => {
  it("answers the exact bytes with the type, nosniff and an RFC 5987 Cyrillic file name", async () => {
    const pdf = makePdf(["Счёт"]);
    const doc = (
      await uploadDocument(t.admin, { typeId: type.id, file: pdf, name: "Счёт №5.pdf", fields: { amount: 1 } })
    ).body;
    const res = await t.admin.get(`/api/documents/${doc.id}/file`);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.raw, pdf)).toBe(0);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("Счёт №5.pdf")}`);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
  });

  it("keeps the number across versions and serves every version", async () => {
    const doc = (
      await uploadDocument(t.admin, { typeId: type.id, file: "первая", name: "a.txt", fields: { amount: 1 } })
    ).body;
    const v2 = await uploadVersion(t.admin, doc.id, { name: "b.docx", content: "вторая" });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ number: doc.number, file: { name: "b.docx", version: 2 } });
    expect((await t.admin.get(`/api/documents/${doc.id}/file`)).raw.toString()).toBe("вторая");
    expect((await t.admin.get(`/api/documents/${doc.id}/file?version=1`)).raw.toString()).toBe("первая");
    expect((await t.admin.get(`/api/documents/${doc.id}/file?version=3`)).status).toBe(404);
    const history = (await t.admin.get(`/api/documents/${doc.id}/history`)).body.items;
    expect(history.map((h: any) => h.action)).toEqual(["document.registered", "document.version_added"]);
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent(doc.folder.path)}`);
    expect(drive.body.files.find((f: any) => f.documentId === doc.id).name).toBe(`${doc.number} a.docx`);
  });

  it("refuses to serve a blob whose bytes no longer match their hash", async () => {
    const doc = (await uploadDocument(t.admin, { typeId: type.id, file: "целый файл", fields: { amount: 1 } })).body;
    const file = blobFiles().find((f) => f.endsWith(doc.file.sha256))!;
    fs.writeFileSync(file, "испорченный файл");
    const res = await t.admin.get(`/api/documents/${doc.id}/file`);
    expect(res.status).toBe(500);
    expect(res.body.detail).toMatch(/damaged/);
  });
});

describe("status, edits, company card", () => {
  it("changes status only to codes of the type (422 otherwise) and records old → new with the comment", async () => {
    const doc = (await uploadDocument(t.admin, { typeId: type.id, fields: { amount: 1 } })).body;
    const bad = await t.admin.post(`/api/documents/${doc.id}/status`, { status: "archived" });
    expect(bad.status).toBe(422);
    const ok = await t.admin.post(`/api/documents/${doc.id}/status`, { status: "signed", comment: "Подписали" });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toEqual({ code: "signed", name: "Подписан", color: "#40c057" });
    const history = (await t.admin.get(`/api/documents/${doc.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      action: "document.status_changed",
      actor: { id: t.admin.user.id },
      details: { from: { code: "draft" }, to: { code: "signed" }, comment: "Подписали" },
    });
  });

  it("PATCH changes title, company, responsible and fields; the drive entry follows the title", async () => {
    const doc = (await uploadDocument(t.admin, { typeId: type.id, name: "x.txt", fields: { amount: 1 } })).body;
    const someone = await t.userClient("Responsible One");
    const res = await t.admin.patch(`/api/documents/${doc.id}`, {
      title: "Новое название",
      responsibleId: someone.user.id,
      fields: { amount: 2, signer: someone.user.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Новое название", responsibleId: someone.user.id, fields: { amount: 2 } });
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent(doc.folder.path)}`);
    expect(drive.body.files.find((f: any) => f.documentId === doc.id).name).toBe(`${doc.number} Новое название.txt`);
    expect((await t.admin.patch(`/api/documents/${doc.id}`, { responsibleId: "nobody" })).status).toBe(422);
  });

  it("lists a company's documents with their status, and a company with documents cannot be deleted", async () => {
    const acme = await company("АО «Вектор»");
    const doc = (await uploadDocument(t.admin, { typeId: type.id, companyId: acme.id, fields: { amount: 1 } })).body;
    const res = await t.admin.get(`/api/companies/${acme.id}/documents`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: any) => [d.id, d.status.color])).toEqual([[doc.id, "#868e96"]]);
    expect((await t.admin.get("/api/companies/nope/documents")).status).toBe(404);
    const del = await t.admin.delete(`/api/companies/${acme.id}`);
    expect(del.status).toBe(409);
  });
});
