import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { blobStoreFor } from "../src/blobs/blob-store.js";
import { inTransaction } from "../src/db/work.js";
import {
  documentsLinkedToItem,
  linkDocumentToItem,
  registerDocument,
  setDocumentStatus,
} from "../src/modules/documents/documents.service.js";
import { createDocumentType } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin);

async function receive(content: string, name = "auto.txt") {
  const blob = await blobStoreFor(t.config).receive(Readable.from([Buffer.from(content)]));
  return { ...blob, name, mimeType: "text/plain" };
}

describe("documents service (what the process module calls)", () => {
  it("registerDocument with actor null registers as automation", async () => {
    const doc = await registerDocument(t.ctx, null, {
      typeId: type.id,
      title: "Автоматический",
      file: await receive("авто"),
    });
    expect(doc).toMatchObject({ number: "Д-2026-0001", createdBy: null, status: { code: "draft" } });
    const history = await t.admin.get(`/api/documents/${doc.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: "document.registered", actor: null });
  });

  it("setDocumentStatus runs inside the caller's transaction, refuses foreign codes and skips a no-op", async () => {
    const doc = await registerDocument(t.ctx, null, { typeId: type.id, file: await receive("статус") });
    const change = await inTransaction(t.ctx, (work) => setDocumentStatus(work, null, doc.id, "signed", "robot"));
    expect(change).toEqual({ changed: true, from: "draft", to: "signed" });
    const again = await inTransaction(t.ctx, (work) => setDocumentStatus(work, null, doc.id, "signed"));
    expect(again.changed).toBe(false);
    await expect(inTransaction(t.ctx, (work) => setDocumentStatus(work, null, doc.id, "nope"))).rejects.toMatchObject({
      status: 422,
    });
    // A rolled-back caller transaction leaves the status as it was.
    await expect(
      inTransaction(t.ctx, async (work) => {
        await setDocumentStatus(work, null, doc.id, "approval");
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    const history = (await t.admin.get(`/api/documents/${doc.id}/history`)).body.items;
    expect(history.map((h: any) => [h.action, h.actor])).toEqual([
      ["document.registered", null],
      ["document.status_changed", null],
    ]);
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.status.code).toBe("signed");
  });

  it("linkDocumentToItem fills itemIds and the ?itemId= filter", async () => {
    const doc = await registerDocument(t.ctx, null, { typeId: type.id, file: await receive("связь") });
    await inTransaction(t.ctx, async (work) => {
      await linkDocumentToItem(work, doc.id, "item-1", { actorId: null });
      await linkDocumentToItem(work, doc.id, "item-1"); // idempotent
    });
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.itemIds).toEqual(["item-1"]);
    const listed = await t.admin.get("/api/documents?itemId=item-1");
    expect(listed.body.items.map((d: any) => d.id)).toEqual([doc.id]);
    expect((await documentsLinkedToItem(t.ctx.db, "item-1")).map((d) => d.number)).toEqual([doc.number]);
  });

  it("a document's card shows every item it is linked to, in id order, as the registry shows it", async () => {
    const doc = await registerDocument(t.ctx, null, { typeId: type.id, file: await receive("две связи") });
    await inTransaction(t.ctx, async (work) => {
      await linkDocumentToItem(work, doc.id, "item-z", { actorId: null });
      await linkDocumentToItem(work, doc.id, "item-a,b", { actorId: null });
    });
    const card = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(card.itemIds).toEqual(["item-a,b", "item-z"]);
    const listed = (await t.admin.get("/api/documents?itemId=item-z")).body.items;
    expect(listed).toEqual([card]);
  });
});
