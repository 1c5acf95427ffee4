import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const author = await t.userClient("Author");
const responsible = await t.userClient("Responsible");
const outsider = await t.userClient("Outsider");
const secretType = await createDocumentType(t.admin, { access: "participants", folder: "Кадры/{yyyy}" });
const openType = await createDocumentType(t.admin);
const secret = (
  await uploadDocument(author, {
    typeId: secretType.id,
    file: "Приказ о премировании",
    title: "Премии",
    responsibleId: responsible.user.id,
  })
).body;
const open = (await uploadDocument(author, { typeId: openType.id, file: "Общий регламент", title: "Регламент" })).body;
await t.runJobs();

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((d) => d.id);

describe("visibility (access: participants)", () => {
  it("creator, responsible and administrators see the document", async () => {
    for (const client of [author, responsible, t.admin]) {
      expect((await client.get(`/api/documents/${secret.id}`)).status).toBe(200);
      expect(ids(await client.get("/api/documents"))).toContain(secret.id);
    }
  });

  it("anyone else gets 404 from every route and never sees it in a list", async () => {
    const routes = [
      outsider.get(`/api/documents/${secret.id}`),
      outsider.get(`/api/documents/${secret.id}/file`),
      outsider.get(`/api/documents/${secret.id}/file?version=1`),
      outsider.get(`/api/documents/${secret.id}/history`),
      outsider.patch(`/api/documents/${secret.id}`, { title: "x" }),
      outsider.post(`/api/documents/${secret.id}/status`, { status: "signed" }),
      uploadVersion(outsider, secret.id, { name: "x.txt", content: "x" }),
    ];
    for (const res of await Promise.all(routes)) expect(res.status).toBe(404);
    const lists = [
      "/api/documents",
      `/api/documents?typeId=${secretType.id}`,
      `/api/documents?q=${encodeURIComponent("премировании")}`,
      `/api/documents?q=${encodeURIComponent(secret.number)}`,
      "/api/documents?status=draft",
    ];
    for (const url of lists) expect(ids(await outsider.get(url))).not.toContain(secret.id);
    // The folder holds only documents the outsider may not open: it is hidden like one that does not exist.
    const drive = await outsider.get(`/api/drive?path=${encodeURIComponent(secret.folder.path)}`);
    expect(drive.status).toBe(404);
  });

  it("documents of types open to all are seen by everyone", async () => {
    expect((await outsider.get(`/api/documents/${open.id}`)).status).toBe(200);
    expect(ids(await outsider.get("/api/documents"))).toEqual([open.id]);
  });

  it("only participants and administrators change a document; others who can see it get 403", async () => {
    expect((await outsider.post(`/api/documents/${open.id}/status`, { status: "signed" })).status).toBe(403);
    expect((await outsider.patch(`/api/documents/${open.id}`, { title: "Чужое" })).status).toBe(403);
    expect((await responsible.post(`/api/documents/${secret.id}/status`, { status: "approval" })).status).toBe(200);
    expect((await t.admin.patch(`/api/documents/${open.id}`, { title: "Регламент 2" })).status).toBe(200);
  });

  it("turning a type to participants hides its documents at once", async () => {
    const res = await t.admin.patch(`/api/document-types/${openType.id}`, { access: "participants" });
    expect(res.status).toBe(200);
    expect((await outsider.get(`/api/documents/${open.id}`)).status).toBe(404);
    await t.admin.patch(`/api/document-types/${openType.id}`, { access: "all" });
    expect((await outsider.get(`/api/documents/${open.id}`)).status).toBe(200);
  });

  it("signed-out callers get 401", async () => {
    expect((await t.anonymous().get("/api/documents")).status).toBe(401);
    expect((await t.anonymous().get(`/api/documents/${open.id}/file`)).status).toBe(401);
  });
});

describe("registry listing", () => {
  it("lists newest first with cursor pagination and filters", async () => {
    const type = await createDocumentType(t.admin);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await uploadDocument(t.admin, { typeId: type.id, file: `d${i}` })).body.id);
    await t.admin.post(`/api/documents/${made[2]}/status`, { status: "signed" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/documents?typeId=${type.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page: any = await t.admin.get(url);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect(ids(await t.admin.get(`/api/documents?typeId=${type.id}&status=signed`))).toEqual([made[2]]);
    expect((await t.admin.get("/api/documents?limit=0")).status).toBe(400);
    expect((await t.admin.get("/api/documents?cursor=garbage")).status).toBe(400);
  });

  it("filters by item through document_items (an unknown item lists nothing)", async () => {
    expect(ids(await t.admin.get("/api/documents?itemId=nothing"))).toEqual([]);
  });
});
