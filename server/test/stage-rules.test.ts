import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

/** Stage `next` and status `automatic` (issue 11): what a person may do by hand, and what only automation may. */
const t = await createTestApp();
afterAll(async () => t.close());
const initiator = await t.userClient("Инициатор");

const STAGES = [
  { code: "new", name: "Новый", color: "#868e96", semantics: "process", next: ["check"] },
  { code: "check", name: "Проверка", color: "#7048e8", semantics: "process", next: ["new"] },
  { code: "auto", name: "Автомат", color: "#228be6", semantics: "process" },
  { code: "done", name: "Готово", color: "#2f9e44", semantics: "success", next: [] },
  { code: "no", name: "Отказ", color: "#e03131", semantics: "failure" },
];

describe("stage next", () => {
  it("a person's move elsewhere is 409 naming the allowed stages; an allowed move works", async () => {
    const process = await createProcess(t.admin, { stages: STAGES });
    expect(process.stages[0].next).toEqual(["check"]);
    const item = await createItem(initiator, process.id, { title: "Договор" });
    for (const client of [initiator, t.admin]) {
      const skipped = await client.post(`/api/items/${item.id}/stage`, { stage: "done" });
      expect(skipped.status).toBe(409);
      expect(skipped.body.detail).toContain('"Проверка"');
    }
    expect((await initiator.get(`/api/items/${item.id}`)).body.stage.code).toBe("new");
    expect((await moveItem(initiator, item.id, "check")).stage.code).toBe("check");
  });

  it("robots and approval outcomes are not limited by next", async () => {
    const process = await createProcess(t.admin, { stages: STAGES });
    await addRobot(t.admin, process.id, { stage: "check", kind: "moveToStage", params: { stage: "auto" } });
    await addRobot(t.admin, process.id, {
      stage: "auto",
      kind: "requestApproval",
      params: { approvers: [t.admin.user.id], mode: "any", onApprove: "done", onReject: "no" },
    });
    const item = await createItem(initiator, process.id, { title: "Сделка" });
    await moveItem(initiator, item.id, "check");
    await t.runJobs();
    expect((await initiator.get(`/api/items/${item.id}`)).body.stage.code).toBe("auto");
    await t.runJobs();
    const pending = (await t.admin.get("/api/approvals?state=pending")).body.items;
    const task = pending.find((a: any) => a.itemId === item.id);
    expect((await t.admin.post(`/api/approvals/${task.id}/decision`, { decision: "approve" })).status).toBe(200);
    expect((await initiator.get(`/api/items/${item.id}`)).body.stage.code).toBe("done");
    // An empty `next` leaves a closed stage to automation alone, reopen or not.
    expect((await t.admin.post(`/api/items/${item.id}/stage`, { stage: "new", reopen: true })).status).toBe(409);
  });

  it("refuses a next that names no stage of the process (400), creating nothing", async () => {
    const before = (await t.admin.get("/api/processes")).body.items.length;
    const bad = await t.admin.post("/api/processes", {
      code: "bad_next",
      name: "Bad",
      stages: [
        { code: "a", name: "A", color: "#868e96", semantics: "process", next: ["nowhere"] },
        { code: "b", name: "B", color: "#2f9e44", semantics: "success" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("stages.0.next.0");
    expect((await t.admin.get("/api/processes")).body.items.length).toBe(before);
  });
});

describe("status automatic", () => {
  it("a person setting an automatic status gets 409; a robot sets it", async () => {
    const type = await createDocumentType(t.admin, {
      statuses: [
        { code: "draft", name: "Черновик", color: "#868e96", initial: true },
        { code: "signed", name: "Подписан", color: "#2f9e44", final: true, automatic: true },
      ],
    });
    expect(type.statuses[1].automatic).toBe(true);
    const process = await createProcess(t.admin, { stages: STAGES });
    await addRobot(t.admin, process.id, { stage: "check", kind: "setDocumentStatus", params: { status: "signed" } });
    const item = await createItem(initiator, process.id, { title: "С документом" });
    const doc = (
      await uploadDocument(initiator, { typeId: type.id, url: `/api/items/${item.id}/documents`, title: "Договор" })
    ).body;
    for (const client of [initiator, t.admin]) {
      const byHand = await client.post(`/api/documents/${doc.id}/status`, { status: "signed" });
      expect(byHand.status).toBe(409);
    }
    expect((await initiator.get(`/api/documents/${doc.id}`)).body.status.code).toBe("draft");
    await moveItem(initiator, item.id, "check");
    await t.runJobs();
    expect((await initiator.get(`/api/documents/${doc.id}`)).body.status.code).toBe("signed");
  });
});

describe("the provisioned «Согласование договора»", () => {
  let p: TestApp;
  let manager: TestClient;
  beforeAll(async () => {
    p = await createTestApp({ provision: true, locale: "ru" });
    manager = await p.userClient("Менеджер");
  });
  afterAll(async () => p.close());

  it("cannot skip the lawyer's check or the director's approval, and «Подписан» is set only by the process", async () => {
    const process = (await manager.get("/api/processes")).body.items[0];
    const contractType = (await manager.get("/api/document-types")).body.items.find((x: any) => x.code === "contract");
    const item = await createItem(manager, process.id, { title: "Договор поставки" });
    const doc = (
      await uploadDocument(manager, { url: `/api/items/${item.id}/documents`, typeId: contractType.id, title: "Д" })
    ).body;
    for (const stage of ["manager", "signing", "done"])
      expect((await manager.post(`/api/items/${item.id}/stage`, { stage })).status, stage).toBe(409);
    expect((await manager.post(`/api/documents/${doc.id}/status`, { status: "signed" })).status).toBe(409);
    expect((await manager.post(`/api/documents/${doc.id}/status`, { status: "approved" })).status).toBe(409);

    await moveItem(manager, item.id, "legal");
    await p.runJobs();
    for (const stage of ["signing", "done"])
      expect((await p.admin.post(`/api/items/${item.id}/stage`, { stage })).status, stage).toBe(409);
    await moveItem(p.admin, item.id, "manager");
    await p.runJobs();
    // From the director's stage only the approval leads on.
    expect((await p.admin.post(`/api/items/${item.id}/stage`, { stage: "signing" })).status).toBe(409);
    const pending = (await p.admin.get("/api/approvals?state=pending")).body.items;
    expect((await p.admin.post(`/api/approvals/${pending[0].id}/decision`, { decision: "approve" })).status).toBe(200);
    await p.runJobs();
    expect((await manager.get(`/api/items/${item.id}`)).body.stage.code).toBe("signing");
    await moveItem(p.admin, item.id, "done");
    await p.runJobs();
    expect((await manager.get(`/api/documents/${doc.id}`)).body.status.name).toBe("Подписан");
  });
});
