import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());

const listIds = async (query = "") =>
  ((await t.admin.get(`/api/documents${query}`)).body.items as { id: string }[]).map((d) => d.id);
const driveNames = async (path: string) =>
  ((await t.admin.get(`/api/drive?path=${encodeURIComponent(path)}`)).body.files as { name: string }[]).map(
    (f) => f.name,
  );

describe("archiving documents (DELETE /api/documents/:id)", () => {
  it("archives: hidden from lists and the drive, shown with ?state=archived, file and history kept; restore brings it back", async () => {
    const type = await createDocumentType(t.admin, { folder: "Архивные/{yyyy}" });
    const kept = (await uploadDocument(t.admin, { typeId: type.id, title: "Остаётся" })).body;
    const doc = (await uploadDocument(t.admin, { typeId: type.id, title: "Уходит", file: "old bytes" })).body;
    expect(doc.state).toBe("active");

    const archived = await t.admin.delete(`/api/documents/${doc.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: doc.id, number: doc.number, state: "archived" });

    expect(await listIds()).not.toContain(doc.id);
    expect(await listIds()).toContain(kept.id);
    expect(await listIds(`?typeId=${type.id}`)).toEqual([kept.id]);
    expect(await listIds(`?state=archived`)).toEqual([doc.id]);
    expect(await driveNames(doc.folder.path)).toEqual([`${kept.number} Остаётся.txt`]);

    // Nothing is erased: the card, the file and the history are all still there.
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.state).toBe("archived");
    expect((await t.admin.get(`/api/documents/${doc.id}/file`)).body).toBe("old bytes");
    const history = (await t.admin.get(`/api/documents/${doc.id}/history`)).body.items;
    expect(history.map((h: any) => h.action)).toEqual(["document.registered", "document.archived"]);
    expect(history[1].actor.name).toBe("Administrator");

    expect((await t.admin.delete(`/api/documents/${doc.id}`)).status).toBe(409);

    const restored = await t.admin.post(`/api/documents/${doc.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body.state).toBe("active");
    expect(await listIds(`?typeId=${type.id}`)).toEqual([doc.id, kept.id]);
    expect(await driveNames(doc.folder.path)).toHaveLength(2);
    expect((await t.admin.post(`/api/documents/${doc.id}/restore`, {})).status).toBe(409);
  });

  it("only participants and admins archive; only admins restore", async () => {
    const type = await createDocumentType(t.admin, { folder: "Закрытые", access: "participants" });
    const author = await t.userClient("Archive Author");
    const outsider = await t.userClient("Archive Outsider");
    const doc = (await uploadDocument(author, { typeId: type.id })).body;
    expect((await outsider.delete(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await author.delete(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await author.post(`/api/documents/${doc.id}/restore`, {})).status).toBe(403);
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.state).toBe("archived");
    expect((await t.admin.post(`/api/documents/${doc.id}/restore`, {})).status).toBe(200);
  });

  it("refuses an unknown state filter with 400", async () => {
    const res = await t.admin.get("/api/documents?state=deleted");
    expect(res.status).toBe(400);
  });
});
