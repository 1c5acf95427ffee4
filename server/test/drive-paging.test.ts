import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../src/lib/ids.js";
import { createTestApp } from "./harness.js";

// Issue 12: a folder of more than 1,000 files is listed page by page (`nextCursor`); the web follows it.
const t = await createTestApp();
afterAll(async () => t.close());

describe("a drive folder past 1,000 files", () => {
  it("lists the first 1,000 with a nextCursor, and the cursor brings the rest", async () => {
    const folder = (await t.admin.post("/api/drive/folders", { path: "/Архив" })).body;
    const at = t.clock.now().toISOString();
    const names = Array.from({ length: 1_005 }, (_, i) => `скан-${String(i).padStart(5, "0")}.pdf`);
    // Plain files (no document), written directly: 1,005 uploads would only slow the test down.
    for (let i = 0; i < names.length; i += 250) {
      await t.ctx.db
        .insertInto("driveFiles")
        .values(
          names.slice(i, i + 250).map((name) => ({
            id: newId(),
            folderId: folder.id,
            name,
            size: 10,
            documentId: null,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
    }
    const first = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Архив")}`);
    expect(first.status).toBe(200);
    expect(first.body.files).toHaveLength(1_000);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await t.admin.get(
      `/api/drive?path=${encodeURIComponent("/Архив")}&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(rest.body.files.map((f: any) => f.name)).toEqual(names.slice(1_000));
    expect(rest.body.nextCursor).toBeNull();
    expect([...first.body.files, ...rest.body.files].map((f: any) => f.name)).toEqual(names);
  });
});
