import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestClient } from "./harness.js";
import { addRobot, CONTRACT_STAGES, createItem, createProcess, moveItem, notificationsOf } from "./process-helpers.js";

const t = await createTestApp();
afterAll(async () => t.close());
const alice = await t.userClient("Alice");
const bob = await t.userClient("Bob");
const carol = await t.userClient("Carol");

const historyOf = async (itemId: string) => (await t.admin.get(`/api/items/${itemId}/history`)).body.items as any[];
const pendingOf = async (client: TestClient, itemId: string) =>
  (await client.get("/api/approvals?state=pending")).body.items.filter((a: any) => a.itemId === itemId);

describe("process definitions", () => {
  it("needs a success stage and unique stage codes; process codes are unique; only admins change them", async () => {
    const stages = CONTRACT_STAGES.filter((s) => s.semantics !== "success");
    expect((await t.admin.post("/api/processes", { code: "x1", name: "X", stages })).status).toBe(400);
    const dup = [...CONTRACT_STAGES, CONTRACT_STAGES[0]];
    expect((await t.admin.post("/api/processes", { code: "x2", name: "X", stages: dup })).status).toBe(400);
    const created = await createProcess(t.admin, { code: "contracts" });
    expect(created.stages.map((s: any) => s.code)).toEqual(CONTRACT_STAGES.map((s) => s.code));
    expect(
      (await t.admin.post("/api/processes", { code: "contracts", name: "Y", stages: CONTRACT_STAGES })).status,
    ).toBe(409);
    expect((await alice.post("/api/processes", { code: "mine", name: "Y", stages: CONTRACT_STAGES })).status).toBe(403);
    expect((await alice.patch(`/api/processes/${created.id}`, { name: "Z" })).status).toBe(403);
    expect((await alice.get(`/api/processes/${created.id}`)).status).toBe(200);
  });

  it("refuses to remove a stage that holds items or that a robot moves items into; robots on a removed stage go", async () => {
    const process = await createProcess(t.admin);
    await createItem(alice, process.id, { title: "Holds draft" });
    const withoutDraft = CONTRACT_STAGES.filter((s) => s.code !== "draft");
    expect((await t.admin.patch(`/api/processes/${process.id}`, { stages: withoutDraft })).status).toBe(409);

    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "moveToStage",
      delay: "P1D",
      params: { stage: "rejected" },
    });
    const withoutRejected = CONTRACT_STAGES.filter((s) => s.code !== "rejected");
    expect((await t.admin.patch(`/api/processes/${process.id}`, { stages: withoutRejected })).status).toBe(409);

    const withoutReview = CONTRACT_STAGES.filter((s) => s.code !== "review");
    const patched = await t.admin.patch(`/api/processes/${process.id}`, { stages: withoutReview, name: "Renamed" });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe("Renamed");
    expect((await t.admin.get(`/api/processes/${process.id}/robots`)).body.items).toEqual([]);
  });
});

describe("items", () => {
  let process: any;
  beforeAll(async () => {
    process = await createProcess(t.admin);
  });

  it("start in the first stage with the creator as initiator, and check their references", async () => {
    const item = await createItem(alice, process.id, {
      title: "Item",
      responsibleId: bob.user.id,
      fields: { amount: 5 },
    });
    expect(item).toMatchObject({
      stage: { code: "draft", semantics: "process" },
      initiatorId: alice.user.id,
      fields: { amount: 5 },
    });
    const bad = await alice.post(`/api/processes/${process.id}/items`, { title: "X", responsibleId: "nobody" });
    expect(bad.status).toBe(422);
    expect((await alice.post(`/api/processes/${process.id}/items`, { title: "X", companyId: "none" })).status).toBe(
      422,
    );
  });

  it("are listed across processes by company, newest first", async () => {
    const company = (await t.admin.post("/api/companies", { name: "ООО Список" })).body;
    const other = await createProcess(t.admin);
    const first = await createItem(alice, process.id, { title: "First", companyId: company.id });
    const second = await createItem(bob, other.id, { title: "Second", companyId: company.id });
    const listed = (await carol.get(`/api/items?companyId=${company.id}`)).body.items;
    expect(listed.map((i: any) => [i.title, i.stage.code])).toEqual([
      ["Second", "draft"],
      ["First", "draft"],
    ]);
    const one = (await carol.get(`/api/processes/${other.id}/items?companyId=${company.id}`)).body.items;
    expect(one.map((i: any) => i.id)).toEqual([second.id]);
    expect(first.companyId).toBe(company.id);
  });

  it("are moved by the initiator, the responsible or an admin; others get 403; unknown stages 422", async () => {
    const item = await createItem(alice, process.id, { title: "Mover", responsibleId: bob.user.id });
    expect((await carol.post(`/api/items/${item.id}/stage`, { stage: "review" })).status).toBe(403);
    expect((await carol.patch(`/api/items/${item.id}`, { title: "Mine" })).status).toBe(403);
    expect((await alice.post(`/api/items/${item.id}/stage`, { stage: "nowhere" })).status).toBe(422);
    await moveItem(alice, item.id, "review");
    await moveItem(bob, item.id, "signing");
    const done = await moveItem(t.admin, item.id, "signed");
    expect(done.stage).toMatchObject({ code: "signed", semantics: "success" });
    expect((await bob.post(`/api/items/${item.id}/stage`, { stage: "review" })).status).toBe(409);
    expect((await bob.post(`/api/items/${item.id}/stage`, { stage: "review", reopen: true })).status).toBe(200);
    const moves = (await historyOf(item.id)).filter((h) => h.action === "item.stage_changed");
    expect(moves.map((h) => [h.actor.name, h.details.to.code, h.details.reopen ?? false])).toEqual([
      ["Alice", "review", false],
      ["Bob", "signing", false],
      ["Administrator", "signed", false],
      ["Bob", "review", true],
    ]);
  });

  it("of a participants-only process are seen by their participants only, and so are their documents", async () => {
    const secret = await createProcess(t.admin, { access: "participants" });
    const docType = await createDocumentType(t.admin, { access: "participants" });
    const item = await createItem(alice, secret.id, { title: "Secret", observerIds: [bob.user.id] });
    const doc = (await uploadDocument(alice, { url: `/api/items/${item.id}/documents`, typeId: docType.id })).body;
    expect((await bob.get(`/api/items/${item.id}`)).status).toBe(200);
    expect((await bob.get(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await carol.get(`/api/items/${item.id}`)).status).toBe(404);
    expect((await carol.get(`/api/items/${item.id}/history`)).status).toBe(404);
    expect((await carol.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await carol.get(`/api/processes/${secret.id}/items`)).body.items).toEqual([]);
    expect((await bob.get(`/api/processes/${secret.id}/items`)).body.items.map((i: any) => i.id)).toEqual([item.id]);
    // An outsider may not link a document to it.
    expect((await uploadDocument(carol, { typeId: docType.id, itemId: item.id })).status).toBe(422);
  });
});

describe("robots", () => {
  let process: any;
  beforeAll(async () => {
    process = await createProcess(t.admin);
  });

  it("are checked against the process and the contract", async () => {
    const post = (robot: object) => t.admin.post(`/api/processes/${process.id}/robots`, robot);
    expect((await post({ stage: "nope", kind: "moveToStage", params: { stage: "review" } })).status).toBe(422);
    expect((await post({ stage: "draft", kind: "moveToStage", params: { stage: "draft" } })).status).toBe(422);
    expect((await post({ stage: "draft", kind: "teleport", params: {} })).status).toBe(400);
    expect(
      (await post({ stage: "draft", kind: "notify", delay: "24 hours", params: { to: ["initiator"], message: "x" } }))
        .status,
    ).toBe(400);
    expect((await post({ stage: "draft", kind: "setResponsible", params: { userId: "ghost" } })).status).toBe(422);
    expect(
      (
        await alice.post(`/api/processes/${process.id}/robots`, {
          stage: "draft",
          kind: "moveToStage",
          params: { stage: "review" },
        })
      ).status,
    ).toBe(403);
    const robot = await addRobot(t.admin, process.id, {
      stage: "draft",
      kind: "moveToStage",
      delay: "PT5S",
      params: { stage: "review" },
    });
    expect(robot).toMatchObject({
      stage: "draft",
      delay: "PT5S",
      kind: "moveToStage",
      params: { stage: "review" },
      condition: null,
    });
    expect((await t.admin.patch(`/api/robots/${robot.id}`, { params: { stage: "ghost" } })).status).toBe(422);
    const patched = await t.admin.patch(`/api/robots/${robot.id}`, { delay: "PT10S" });
    expect(patched.body.delay).toBe("PT10S");
  });

  it("moveToStage after a delay moves the item, unless the robot was deleted first", async () => {
    const [robot] = (await t.admin.get(`/api/processes/${process.id}/robots`)).body.items;
    const moved = await createItem(alice, process.id, { title: "Auto" });
    t.clock.advance(10_000);
    await t.runJobs();
    expect((await alice.get(`/api/items/${moved.id}`)).body.stage.code).toBe("review");
    const history = await historyOf(moved.id);
    expect(history.find((h) => h.action === "item.stage_changed")).toMatchObject({
      actor: null,
      details: { robotId: robot.id },
    });

    const kept = await createItem(alice, process.id, { title: "Kept" });
    expect((await t.admin.delete(`/api/robots/${robot.id}`)).status).toBe(204);
    t.clock.advance(10_000);
    await t.runJobs();
    expect((await alice.get(`/api/items/${kept.id}`)).body.stage.code).toBe("draft");
  });

  it("a condition on `company` compares the item's company by its name", async () => {
    const byCompany = await createProcess(t.admin);
    await addRobot(t.admin, byCompany.id, {
      stage: "review",
      kind: "setResponsible",
      condition: { field: "company", op: "eq", value: "ООО Ромашка" },
      params: { userId: bob.user.id },
    });
    const romashka = (await t.admin.post("/api/companies", { name: "ООО Ромашка" })).body;
    const other = (await t.admin.post("/api/companies", { name: "ООО Лютик" })).body;
    const matching = await createItem(alice, byCompany.id, { title: "Ромашка", companyId: romashka.id });
    const skipped = await createItem(alice, byCompany.id, { title: "Лютик", companyId: other.id });
    for (const item of [matching, skipped]) await moveItem(alice, item.id, "review");
    await t.runJobs();
    expect((await alice.get(`/api/items/${matching.id}`)).body.responsibleId).toBe(bob.user.id);
    expect((await alice.get(`/api/items/${skipped.id}`)).body.responsibleId).toBeNull();
    const why = (await historyOf(skipped.id)).find((h) => h.action === "robot.skipped");
    expect(why.details).toMatchObject({ condition: { field: "company" }, actual: ["ООО Лютик"] });
  });

  it("record a failure with its reason in the item history", async () => {
    const failing = await createProcess(t.admin);
    await addRobot(t.admin, failing.id, {
      stage: "draft",
      kind: "requestApproval",
      params: { approvers: ["responsible"], mode: "any", onApprove: "signing", onReject: "rejected" },
    });
    const item = await createItem(alice, failing.id, { title: "Nobody responsible" });
    await t.runJobs();
    const failed = (await historyOf(item.id)).find((h) => h.action === "robot.failed");
    expect(failed).toMatchObject({ actor: null, details: { robot: { kind: "requestApproval" } } });
    expect(failed.details.error).toMatch(/No approvers/);
  });
});

describe("approvals", () => {
  let process: any;
  let docType: any;
  beforeAll(async () => {
    process = await createProcess(t.admin);
    docType = await createDocumentType(t.admin, { fields: [{ key: "amount", label: "Сумма", type: "number" }] });
    const approve = { mode: "any", onApprove: "signing", onReject: "rejected" };
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "requestApproval",
      params: { ...approve, approvers: [bob.user.id] },
    });
    // Over a million, the director (Carol) must approve too.
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "requestApproval",
      condition: { field: "amount", op: "gt", value: 1000000 },
      params: { ...approve, approvers: [carol.user.id] },
    });
  });

  async function itemWithAmount(amount: number): Promise<any> {
    const item = await createItem(alice, process.id, { title: `Contract ${amount}` });
    await uploadDocument(alice, { url: `/api/items/${item.id}/documents`, typeId: docType.id, fields: { amount } });
    await moveItem(alice, item.id, "review");
    await t.runJobs();
    return item;
  }

  it("a condition on a linked document's field adds the director's approval, and the item waits for both", async () => {
    const item = await itemWithAmount(2_000_000);
    const [bobs] = await pendingOf(bob, item.id);
    const [carols] = await pendingOf(carol, item.id);
    expect(carols).toBeDefined();
    expect((await notificationsOf(carol)).some((n: any) => n.link === `/items/${item.id}`)).toBe(true);
    expect((await carol.get(`/api/items/${item.id}`)).status).toBe(200); // an approver is a participant
    await bob.post(`/api/approvals/${bobs.id}/decision`, { decision: "approve" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("review");
    await carol.post(`/api/approvals/${carols.id}/decision`, { decision: "approve" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("signing");
  });

  it("below the threshold the director's robot is skipped", async () => {
    const item = await itemWithAmount(500_000);
    expect(await pendingOf(carol, item.id)).toEqual([]);
    const skipped = (await historyOf(item.id)).filter((h) => h.action === "robot.skipped");
    expect(skipped).toHaveLength(1);
    // The history can say why: the condition and the value it saw.
    expect(skipped[0].details).toMatchObject({ condition: { field: "amount", op: "gt" }, actual: [500000] });
    const [bobs] = await pendingOf(bob, item.id);
    await bob.post(`/api/approvals/${bobs.id}/decision`, { decision: "approve" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("signing");
  });

  it("a rejection needs a comment, moves the item to onReject and tells the initiator why", async () => {
    const item = await itemWithAmount(10);
    const [task] = await pendingOf(bob, item.id);
    expect((await bob.post(`/api/approvals/${task.id}/decision`, { decision: "reject" })).status).toBe(400);
    expect((await carol.post(`/api/approvals/${task.id}/decision`, { decision: "approve" })).status).toBe(404);
    const rejected = await bob.post(`/api/approvals/${task.id}/decision`, {
      decision: "reject",
      comment: "Нет печати",
    });
    expect(rejected.body).toMatchObject({ state: "rejected", comment: "Нет печати" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("rejected");
    expect((await notificationsOf(alice)).map((n: any) => n.text)).toContain(
      `Отклонено: «Contract 10» (Bob): Нет печати`,
    );
    expect((await bob.post(`/api/approvals/${task.id}/decision`, { decision: "approve" })).status).toBe(409);
  });

  it("moving the item away cancels what was asked in that stage", async () => {
    const item = await itemWithAmount(20);
    await moveItem(alice, item.id, "draft");
    expect(await pendingOf(bob, item.id)).toEqual([]);
    const cancelled = (await bob.get("/api/approvals?state=cancelled")).body.items.filter(
      (a: any) => a.itemId === item.id,
    );
    expect(cancelled).toHaveLength(1);
  });

  it("mode all waits for every approver", async () => {
    const all = await createProcess(t.admin);
    await addRobot(t.admin, all.id, {
      stage: "review",
      kind: "requestApproval",
      params: { approvers: [bob.user.id, carol.user.id], mode: "all", onApprove: "signed", onReject: "rejected" },
    });
    const item = await createItem(alice, all.id, { title: "Both" });
    await moveItem(alice, item.id, "review");
    await t.runJobs();
    await bob.post(`/api/approvals/${(await pendingOf(bob, item.id))[0].id}/decision`, { decision: "approve" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("review");
    await carol.post(`/api/approvals/${(await pendingOf(carol, item.id))[0].id}/decision`, { decision: "approve" });
    expect((await alice.get(`/api/items/${item.id}`)).body.stage.code).toBe("signed");
  });
});
