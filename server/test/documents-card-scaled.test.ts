import { describe, expect, it } from "vitest";
import { createDocumentType, createScaledTestApp, uploadDocument } from "./documents-helpers.js";
import { davClient, davUrl } from "./webdav-helpers.js";

const { t, second } = await createScaledTestApp();

describe.skipIf(!second)("a document's card read through a second app process on the same PostgreSQL", () => {
  it("shows a status renamed and a folder moved through the first process as soon as that change has answered", async () => {
    const type = await createDocumentType(t.admin, { folder: "Карточка/{yyyy}" });
    const doc = (await uploadDocument(t.admin, { typeId: type.id, title: "Счёт" })).body;
    const before = (await second!.client.get(`/api/documents/${doc.id}`)).body;
    expect(before.status.name).toBe("Черновик");
    expect(before.folder.path).toBe("/Карточка/2026");

    const statuses = type.statuses.map((s: any) => (s.code === "draft" ? { ...s, name: "Проект" } : s));
    expect((await t.admin.patch(`/api/document-types/${type.id}`, { statuses })).status).toBe(200);
    expect((await second!.client.get(`/api/documents/${doc.id}`)).body.status.name).toBe("Проект");

    const dav = await davClient(t, t.admin);
    const moved = await dav.request("MOVE", "/dav/Карточка/2026/", {
      headers: { destination: davUrl("/dav/Архив 2026/") },
    });
    expect(moved.status).toBe(201);
    const after = (await second!.client.get(`/api/documents/${doc.id}`)).body;
    expect(after.folder).toEqual({ id: before.folder.id, path: "/Архив 2026" });
  });
});
