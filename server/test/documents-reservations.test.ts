import { describe, expect, it } from "vitest";
import {
  createDocumentType,
  createScaledTestApp,
  listAllDocuments,
  uploadConcurrently,
  uploadDocument,
  uploadVersion,
} from "./documents-helpers.js";
import type { TestClient } from "./harness.js";

const { t, second } = await createScaledTestApp();

const reserve = (client: TestClient, typeId: string, body: Record<string, unknown>) =>
  client.post(`/api/document-types/${typeId}/reservations`, body);
const seqOf = (number: string) => Number(number.slice(2));
const historyOf = async (id: string) =>
  ((await t.admin.get(`/api/documents/${id}/history`)).body.items as { action: string; details: any }[]).map((h) => ({
    action: h.action,
    details: h.details,
  }));

describe("reserved numbers", () => {
  it("reservations interleaved with 30 concurrent uploaders keep the numbers gapless and unique", async () => {
    const type = await createDocumentType(t.admin, {
      numbering: { template: "R-{n}", reset: "never" },
      folder: "Резервы",
    });
    const uploads = uploadConcurrently(t.admin, second, type.id, { uploaders: 30, each: 4, label: "файл" });
    // Eight reservers take 1, 2 or 3 numbers at a time while the uploads run.
    const reservers = Array.from({ length: 8 }, async (_, r) => {
      const client = second && r % 2 === 0 ? second.client : t.admin;
      const reserved: string[] = [];
      for (let i = 0; i < 3; i++) {
        const count = 1 + ((r + i) % 3);
        const res = await reserve(client, type.id, { count, comment: `резерв ${r}-${i}` });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const numbers = res.body.items.map((d: any) => d.number);
        // One reservation's numbers come in order and together.
        expect(numbers.map(seqOf)).toEqual(numbers.map((_: string, k: number) => seqOf(numbers[0]) + k));
        reserved.push(...numbers);
      }
      return reserved;
    });
    const [uploaded, reservedBy] = await Promise.all([uploads, Promise.all(reservers)]);
    const reserved = reservedBy.flat();
    expect(uploaded).toHaveLength(120);
    const all = [...uploaded, ...reserved].map(seqOf).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));

    const listed = await listAllDocuments(t.admin, type.id);
    expect(new Set(listed.map((d) => d.number)).size).toBe(all.length);
    expect(
      listed
        .filter((d) => d.state === "reserved")
        .map((d) => d.number)
        .sort(),
    ).toEqual([...reserved].sort());
    // Reserved numbers have no file, so the drive shows only the uploads.
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Резервы")}&limit=5000`);
    expect(drive.body.files).toHaveLength(120);
  });

  it("a reservation has no file until its first upload, which files it under its number and makes it active", async () => {
    const company = (await t.admin.post("/api/companies", { name: "ООО Резерв" })).body;
    const type = await createDocumentType(t.admin, { folder: "Письма/{company}" });
    const res = await reserve(t.admin, type.id, { count: 2, title: "Письмо в налоговую", companyId: company.id });
    expect(res.status).toBe(201);
    const [first, secondDoc] = res.body.items;
    expect(first).toMatchObject({
      state: "reserved",
      file: null,
      title: "Письмо в налоговую",
      companyId: company.id,
      status: { code: "draft" },
      folder: { path: "/Письма/ООО Резерв" },
      cancellation: null,
    });
    expect(seqOf(secondDoc.number.replace(/^Д-\d{4}-/, "Д-"))).toBe(seqOf(first.number.replace(/^Д-\d{4}-/, "Д-")) + 1);
    expect((await t.admin.get(`/api/documents/${first.id}/file`)).status).toBe(404);
    expect((await historyOf(first.id))[0]).toMatchObject({
      action: "document.reserved",
      details: { number: first.number },
    });

    const uploaded = await uploadVersion(t.admin, first.id, { name: "письмо.txt", content: "Текст письма" });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      number: first.number,
      state: "active",
      file: { name: "письмо.txt", version: 1 },
    });
    expect((await t.admin.get(`/api/documents/${first.id}/file`)).body).toBe("Текст письма");
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Письма/ООО Резерв")}`);
    expect(drive.body.files.map((f: any) => f.name)).toEqual([`${first.number} Письмо в налоговую.txt`]);
    const again = await uploadVersion(t.admin, first.id, { name: "письмо-2.txt", content: "Вторая редакция" });
    expect(again.body.file.version).toBe(2);
    expect((await t.admin.get(`/api/drive?path=${encodeURIComponent("/Письма/ООО Резерв")}`)).body.files).toHaveLength(
      1,
    );
  });

  it("refuses a bad reservation and changes nothing", async () => {
    const type = await createDocumentType(t.admin, { numbering: { template: "B-{n}", reset: "never" } });
    expect((await reserve(t.admin, type.id, { count: 0 })).status).toBe(400);
    expect((await reserve(t.admin, type.id, { count: 51 })).status).toBe(400);
    expect((await reserve(t.admin, type.id, { count: 1.5 })).status).toBe(400);
    expect((await reserve(t.admin, "no-such-type", { count: 1 })).status).toBe(404);
    const badCompany = await reserve(t.admin, type.id, { count: 1, companyId: "no-such-company" });
    expect(badCompany.status).toBe(422);
    expect(badCompany.body.errors[0].path).toBe("companyId");
    // Nothing was taken: the first real document still gets number 1.
    expect((await uploadDocument(t.admin, { typeId: type.id })).body.number).toBe("B-1");
  });
});

describe("cancelled documents", () => {
  it("keeps the number, freezes the status, takes no new versions; the number is never reused", async () => {
    const type = await createDocumentType(t.admin, { numbering: { template: "C-{n}", reset: "never" } });
    const doc = (await uploadDocument(t.admin, { typeId: type.id, title: "Договор поставки" })).body;
    expect((await t.admin.post(`/api/documents/${doc.id}/cancel`, { reason: "  " })).status).toBe(400);
    const cancelled = await t.admin.post(`/api/documents/${doc.id}/cancel`, { reason: "Сделка не состоялась" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      number: "C-1",
      state: "cancelled",
      status: { code: "draft" },
      cancellation: { reason: "Сделка не состоялась" },
    });

    const statusChange = await t.admin.post(`/api/documents/${doc.id}/status`, { status: "signed" });
    expect(statusChange.status).toBe(409);
    expect(statusChange.body.code).toBe("document_cancelled");
    expect((await uploadVersion(t.admin, doc.id, { name: "new.txt", content: "x" })).status).toBe(409);
    expect((await t.admin.post(`/api/documents/${doc.id}/cancel`, { reason: "ещё раз" })).status).toBe(409);
    const card = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(card).toMatchObject({ state: "cancelled", status: { code: "draft" }, file: { version: 1 } });

    // Still in the registry, and its number is not handed out again.
    const listed = (await t.admin.get(`/api/documents?typeId=${type.id}`)).body.items;
    expect(listed.map((d: any) => [d.number, d.state])).toEqual([["C-1", "cancelled"]]);
    expect((await uploadDocument(t.admin, { typeId: type.id })).body.number).toBe("C-2");
    expect(await historyOf(doc.id)).toEqual([
      expect.objectContaining({ action: "document.registered" }),
      { action: "document.cancelled", details: { from: "active", to: "cancelled", reason: "Сделка не состоялась" } },
    ]);
  });

  it("a reserved number can be cancelled: it stays in the registry with no file", async () => {
    const type = await createDocumentType(t.admin, { numbering: { template: "CR-{n}", reset: "never" } });
    const [doc] = (await reserve(t.admin, type.id, { count: 1 })).body.items;
    const cancelled = await t.admin.post(`/api/documents/${doc.id}/cancel`, { reason: "Номер не понадобился" });
    expect(cancelled.body).toMatchObject({ state: "cancelled", file: null });
    expect((await uploadVersion(t.admin, doc.id, { name: "late.txt", content: "x" })).status).toBe(409);
  });

  it("only participants and admins cancel", async () => {
    const type = await createDocumentType(t.admin, { access: "participants" });
    const author = await t.userClient("Cancel Author");
    const outsider = await t.userClient("Cancel Outsider");
    const doc = (await uploadDocument(author, { typeId: type.id })).body;
    expect((await outsider.post(`/api/documents/${doc.id}/cancel`, { reason: "чужой" })).status).toBe(404);
    expect((await author.post(`/api/documents/${doc.id}/cancel`, { reason: "свой" })).status).toBe(200);
  });
});

describe("archive and restore across states", () => {
  it("keeps the reason, and a restore brings back the state the document had", async () => {
    const type = await createDocumentType(t.admin, { numbering: { template: "A-{n}", reset: "never" } });
    const active = (await uploadDocument(t.admin, { typeId: type.id })).body;
    const [reserved] = (await reserve(t.admin, type.id, { count: 1 })).body.items;
    const cancelled = (await uploadDocument(t.admin, { typeId: type.id })).body;
    await t.admin.post(`/api/documents/${cancelled.id}/cancel`, { reason: "Ошибка" });

    for (const doc of [active, reserved, cancelled]) {
      const archived = await t.admin.request("DELETE", `/api/documents/${doc.id}`, { reason: "Дубль" });
      expect(archived.status, JSON.stringify(archived.body)).toBe(200);
      expect(archived.body.state).toBe("archived");
    }
    expect((await t.admin.get(`/api/documents?typeId=${type.id}`)).body.items).toEqual([]);
    const archivedList = (await t.admin.get(`/api/documents?typeId=${type.id}&state=archived`)).body.items;
    expect(archivedList.map((d: any) => d.number)).toEqual(["A-3", "A-2", "A-1"]);
    expect((await historyOf(active.id))[1]).toEqual({
      action: "document.archived",
      details: { from: "active", to: "archived", reason: "Дубль" },
    });
    // An archived document cannot be cancelled until restored.
    expect((await t.admin.post(`/api/documents/${active.id}/cancel`, { reason: "x" })).status).toBe(409);

    const states = [];
    for (const doc of [active, reserved, cancelled]) {
      const restored = await t.admin.post(`/api/documents/${doc.id}/restore`, {});
      expect(restored.status).toBe(200);
      states.push(restored.body.state);
    }
    expect(states).toEqual(["active", "reserved", "cancelled"]);
    // The restored cancelled document is still frozen.
    expect((await t.admin.post(`/api/documents/${cancelled.id}/status`, { status: "signed" })).status).toBe(409);
  });

  it("a plain DELETE without a body still archives", async () => {
    const type = await createDocumentType(t.admin);
    const doc = (await uploadDocument(t.admin, { typeId: type.id })).body;
    const plain = await t.admin.delete(`/api/documents/${doc.id}`);
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
  });
});
