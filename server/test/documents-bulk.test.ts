import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin, { access: "participants" });

const get = async (id: string) => (await t.admin.get(`/api/documents/${id}`)).body;
const actions = async (id: string) =>
  ((await t.admin.get(`/api/documents/${id}/history`)).body.items as any[]).map((h) => h.action);

describe("bulk changes (POST /api/documents/bulk)", () => {
  it("changes the allowed documents and refuses the others, each with its own code", async () => {
    const author = await t.userClient("Bulk Author");
    const other = await t.userClient("Bulk Other");
    const mine = [];
    for (const title of ["Первый", "Второй", "Третий"])
      mine.push((await uploadDocument(author, { typeId: type.id, title })).body);
    const cancelled = (await uploadDocument(author, { typeId: type.id, title: "Отменённый" })).body;
    expect((await author.post(`/api/documents/${cancelled.id}/cancel`, { reason: "ошибка" })).status).toBe(200);
    const notMine = (await uploadDocument(other, { typeId: type.id, title: "Чужой" })).body;

    const ids = [mine[0].id, cancelled.id, mine[1].id, notMine.id, mine[2].id];
    const res = await author.post("/api/documents/bulk", { ids, set: { status: "approval" } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: mine[0].id, ok: true },
      { id: cancelled.id, ok: false, error: { code: "document_cancelled", params: {} } },
      { id: mine[1].id, ok: true },
      { id: notMine.id, ok: false, error: { code: "not_found", params: {} } },
      { id: mine[2].id, ok: true },
    ]);
    for (const doc of mine) {
      expect((await get(doc.id)).status.code).toBe("approval");
      expect(await actions(doc.id)).toContain("document.status_changed");
    }
    expect((await get(cancelled.id)).status.code).toBe("draft");
    expect(await actions(cancelled.id)).not.toContain("document.status_changed");
    expect((await get(notMine.id)).status.code).toBe("draft");
  });

  it("refuses a document the caller sees but may not change (403), and an unknown status by its code", async () => {
    const openType = await createDocumentType(t.admin);
    const reader = await t.userClient("Bulk Reader");
    const foreign = (await uploadDocument(t.admin, { typeId: openType.id, title: "Общий" })).body;
    const own = (await uploadDocument(reader, { typeId: openType.id, title: "Свой" })).body;
    const res = await reader.post("/api/documents/bulk", { ids: [foreign.id, own.id], set: { status: "signed" } });
    expect(res.body.results).toEqual([
      { id: foreign.id, ok: false, error: { code: "forbidden", params: {} } },
      { id: own.id, ok: true },
    ]);
    const unknown = await t.admin.post("/api/documents/bulk", { ids: [own.id], set: { status: "lost" } });
    expect(unknown.body.results[0]).toMatchObject({
      ok: false,
      error: { code: "status_unknown", params: { status: "lost" } },
    });
  });

  it("sets responsible and company with the status in one change per document; a refusal rolls back only its own", async () => {
    const openType = await createDocumentType(t.admin);
    const company = (await t.admin.post("/api/companies", { name: "ООО «Массовая»" })).body;
    const lawyer = await t.userClient("Bulk Lawyer");
    const lawyerId = (await lawyer.get("/api/auth/me")).body.user.id;
    const a = (await uploadDocument(t.admin, { typeId: openType.id, title: "А" })).body;
    const b = (await uploadDocument(t.admin, { typeId: openType.id, title: "Б" })).body;
    await t.admin.post(`/api/documents/${b.id}/cancel`, { reason: "дубль" });

    const res = await t.admin.post("/api/documents/bulk", {
      ids: [a.id, b.id],
      set: { status: "signed", responsibleId: lawyerId, companyId: company.id },
    });
    expect(res.body.results.map((r: any) => r.ok)).toEqual([true, false]);
    expect(await get(a.id)).toMatchObject({
      status: { code: "signed" },
      responsibleId: lawyerId,
      companyId: company.id,
    });
    // The refused status took the responsible and company of the same document back with it.
    expect(await get(b.id)).toMatchObject({ status: { code: "draft" }, responsibleId: null, companyId: null });
    expect(await actions(a.id)).toEqual(["document.registered", "document.status_changed", "document.updated"]);

    const onlyCompany = await t.admin.post("/api/documents/bulk", { ids: [b.id], set: { companyId: company.id } });
    expect(onlyCompany.body.results).toEqual([{ id: b.id, ok: true }]);
  });

  it("refuses a malformed request as a whole and changes nothing", async () => {
    const doc = (await uploadDocument(t.admin, { typeId: type.id })).body;
    for (const body of [
      { ids: [], set: { status: "signed" } },
      { ids: [doc.id], set: {} },
      { ids: Array.from({ length: 501 }, () => doc.id), set: { status: "signed" } },
      { ids: [doc.id], set: { title: "x" } },
    ]) {
      const res = await t.admin.post("/api/documents/bulk", body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("validation_failed");
    }
    expect((await get(doc.id)).status.code).toBe("draft");
  });
});
