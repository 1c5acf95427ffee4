import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createProcess } from "./process-helpers.js";
import { createTestApp } from "./harness.js";

// Issue 12: "is this an active user?" is one rule (users' activeUsers); the custom-field copy forgot `active`.
const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin, { fields: [{ key: "signer", label: "Подписант", type: "user" }] });
const signer = await t.createUser({ email: "signer@example.com", name: "Подписант" });

describe("one rule for an active user", () => {
  it("a `user` field takes an active user and refuses a deactivated one, on upload and on edit", async () => {
    const accepted = await uploadDocument(t.admin, { typeId: type.id, fields: { signer: signer.id } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.fields).toEqual({ signer: signer.id });

    expect((await t.admin.patch(`/api/users/${signer.id}`, { active: false })).status).toBe(200);
    const refused = await uploadDocument(t.admin, { typeId: type.id, fields: { signer: signer.id } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: "fields.signer", message: "No such active user" }]);
    const edit = await t.admin.patch(`/api/documents/${accepted.body.id}`, { fields: { signer: signer.id } });
    expect(edit.status).toBe(422);
    expect(edit.body.errors[0].path).toBe("fields.signer");
    // Nothing was registered by the refused upload.
    const listed = await t.admin.get(`/api/documents?typeId=${type.id}`);
    expect(listed.body.items).toHaveLength(1);
  });

  it("a deputy, a department head and an item's responsible or observer must be active users too", async () => {
    // `signer` was deactivated by the first test.
    const head = await t.admin.post("/api/departments", { name: "Отдел закупок", headId: signer.id });
    expect(head.status).toBe(422);
    expect(head.body.errors[0].path).toBe("headId");
    const absence = await t.admin.post(`/api/users/${t.admin.user.id}/absences`, {
      from: "2026-03-10",
      to: "2026-03-12",
      deputyId: signer.id,
    });
    expect(absence.status).toBe(422);
    expect(absence.body.errors[0].path).toBe("deputyId");
    const process = await createProcess(t.admin);
    for (const body of [{ responsibleId: signer.id }, { observerIds: [signer.id] }]) {
      const item = await t.admin.post(`/api/processes/${process.id}/items`, { title: "Закупка", ...body });
      expect(item.status).toBe(422);
      expect(item.body.errors[0].path).toBe(Object.keys(body)[0]);
    }
  });

  it("the responsible of a document must be an active user as well", async () => {
    const refused = await uploadDocument(t.admin, { typeId: type.id, responsibleId: signer.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe("responsibleId");
  });
});
