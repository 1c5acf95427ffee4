import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());

const browse = (path: string) => t.admin.get(`/api/drive?path=${encodeURIComponent(path)}`);

describe("shared drive", () => {
  it("filing creates the folders from the type's template; files link to their documents", async () => {
    const type = await createDocumentType(t.admin, { folder: "Бухгалтерия/Счета/{yyyy}/{mm}" });
    const doc = (await uploadDocument(t.admin, { typeId: type.id, name: "счёт.pdf", title: "Счёт 1" })).body;
    expect(doc.folder.path).toBe("/Бухгалтерия/Счета/2026/03");
    const root = await browse("/");
    expect(root.body.folders.map((f: any) => f.path)).toContain("/Бухгалтерия");
    expect((await browse("/Бухгалтерия/Счета")).body.folders).toEqual([
      { id: expect.any(String), name: "2026", path: "/Бухгалтерия/Счета/2026" },
    ]);
    const month = await browse("/Бухгалтерия/Счета/2026/03/");
    expect(month.body).toMatchObject({ path: "/Бухгалтерия/Счета/2026/03", folders: [] });
    expect(month.body.files).toEqual([
      { id: expect.any(String), name: `${doc.number} Счёт 1.pdf`, size: doc.file.size, documentId: doc.id },
    ]);
    expect(month.body.folders).toEqual([]);
    expect(doc.folder.id).toEqual(expect.any(String));
  });

  it("creates manual folders with their parents; repeating is harmless", async () => {
    const created = await t.admin.post("/api/drive/folders", { path: "/Проекты/Стройка/Сметы" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Сметы", path: "/Проекты/Стройка/Сметы" });
    expect((await browse("/Проекты")).body.folders.map((f: any) => f.name)).toEqual(["Стройка"]);
    const again = await t.admin.post("/api/drive/folders", { path: "Проекты/Стройка/Сметы" });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    const user = await t.userClient("Drive User");
    expect((await user.post("/api/drive/folders", { path: "/Мои" })).status).toBe(201);
  });

  it("refuses paths that climb out or carry control characters (400), and answers 404 for a missing folder", async () => {
    for (const path of ["/a/../b", "/..", "/a/./b", "/a\u0001b"]) {
      const res = await t.admin.post("/api/drive/folders", { path });
      expect(res.status, path).toBe(400);
    }
    expect((await browse("/../etc")).status).toBe(400);
    expect((await browse("/Нет такой")).status).toBe(404);
  });

  it("pages a large folder's files by name", async () => {
    const type = await createDocumentType(t.admin, { folder: "Пачка" });
    for (let i = 0; i < 5; i++) await uploadDocument(t.admin, { typeId: type.id, file: `f${i}` });
    const first = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Пачка")}&limit=3`);
    expect(first.body.files).toHaveLength(3);
    const second = await t.admin.get(
      `/api/drive?path=${encodeURIComponent("/Пачка")}&limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.files).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
  });
});
