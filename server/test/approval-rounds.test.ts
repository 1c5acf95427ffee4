import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { createTestApp, type TestClient } from "./harness.js";
import { pdfText } from "./pdf-text.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

const t = await createTestApp();
afterAll(async () => t.close());

let alice: TestClient; // initiator
let bob: TestClient;
let carol: TestClient;
let docType: any;
let company: any;

beforeAll(async () => {
  alice = await t.userClient("Алиса Иванова");
  bob = await t.userClient("Борис Петров");
  carol = await t.userClient("Карина Смирнова");
  docType = await createDocumentType(t.admin, { fields: [{ key: "amount", label: "Сумма", type: "number" }] });
  company = (await t.admin.post("/api/companies", { name: "ООО Ромашка" })).body;
});

const pendingOf = async (client: TestClient, itemId: string) =>
  (await client.get("/api/approvals?state=pending")).body.items.filter((a: any) => a.itemId === itemId);
const stageOf = async (itemId: string) => (await alice.get(`/api/items/${itemId}`)).body.stage.code;
const roundsOf = async (itemId: string) => (await alice.get(`/api/items/${itemId}/approvals`)).body.rounds;
const historyOf = async (itemId: string) => (await alice.get(`/api/items/${itemId}/history`)).body.items;
const decide = (client: TestClient, taskId: string, decision: string, comment?: string) =>
  client.post(`/api/approvals/${taskId}/decision`, { decision, ...(comment !== undefined && { comment }) });

/** A process whose `review` stage asks for approval with these params (onApprove signing, onReject draft). */
async function approvalProcess(params: Record<string, unknown>) {
  const process = await createProcess(t.admin);
  await addRobot(t.admin, process.id, {
    stage: "review",
    kind: "requestApproval",
    params: { onApprove: "signing", onReject: "draft", ...params },
  });
  return process;
}

/** An item of Alice's with one contract document, sent to review. */
async function itemInReview(processId: string, title = "Договор поставки") {
  const item = await createItem(alice, processId, { title, companyId: company.id });
  const doc = await uploadDocument(alice, {
    url: `/api/items/${item.id}/documents`,
    typeId: docType.id,
    title: "Договор поставки бумаги",
    fields: { amount: 125000 },
  });
  expect(doc.status).toBe(201);
  await moveItem(alice, item.id, "review");
  await t.runJobs();
  return { item, document: doc.body };
}

describe("approval modes", () => {
  it("sequential asks the second approver only after the first, and a remark needs a comment", async () => {
    const process = await approvalProcess({
      approvers: [bob.user.id, carol.user.id],
      mode: "sequential",
      deadline: "PT8H",
    });
    const { item, document } = await itemInReview(process.id);
    const [bobs] = await pendingOf(bob, item.id);
    expect(bobs).toMatchObject({ mode: "sequential", round: 1, company: { name: "ООО Ромашка" } });
    expect(bobs.documents).toEqual([
      expect.objectContaining({ number: document.number, version: 1, amount: 125000, fileName: "document.txt" }),
    ]);
    // Monday 12:00 MSK + 8 working hours (09:00–18:00): six on Monday, two on Tuesday → Tuesday 11:00 MSK.
    expect(bobs.dueAt).toBe("2026-03-03T08:00:00.000Z");
    expect(await pendingOf(carol, item.id)).toEqual([]);
    expect((await roundsOf(item.id))[0].tasks.map((task: any) => task.state)).toEqual(["pending", "waiting"]);

    expect((await decide(bob, bobs.id, "approve")).status).toBe(200);
    expect(await stageOf(item.id)).toBe("review");
    const [carols] = await pendingOf(carol, item.id);
    expect(carols).toBeDefined();

    const noRemark = await decide(carol, carols.id, "approveWithRemarks");
    expect(noRemark.status).toBe(400);
    expect(noRemark.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(noRemark.body).toMatchObject({ code: "validation_failed", errors: [{ path: "comment" }] });
    expect(await stageOf(item.id)).toBe("review");

    const remarked = await decide(carol, carols.id, "approveWithRemarks", "Уточнить срок оплаты");
    expect(remarked.body).toMatchObject({ state: "approved", decision: "approveWithRemarks" });
    expect(await stageOf(item.id)).toBe("signing");
    const [round] = await roundsOf(item.id);
    expect(round).toMatchObject({ round: 1, outcome: "approved", mode: "sequential" });
    expect(round.tasks.map((task: any) => [task.approver.name, task.decision, task.comment])).toEqual([
      [bob.user.name, "approve", null],
      [carol.user.name, "approveWithRemarks", "Уточнить срок оплаты"],
    ]);
    const decided = (await carol.get("/api/approvals?state=decided")).body.items;
    expect(decided.map((a: any) => a.id)).toContain(carols.id);
  });

  it("all waits for every approver; any settles on the first", async () => {
    const all = await approvalProcess({ approvers: [bob.user.id, carol.user.id], mode: "all" });
    const first = await itemInReview(all.id);
    await decide(bob, (await pendingOf(bob, first.item.id))[0].id, "approve");
    expect(await stageOf(first.item.id)).toBe("review");
    await decide(carol, (await pendingOf(carol, first.item.id))[0].id, "approve");
    expect(await stageOf(first.item.id)).toBe("signing");

    const any = await approvalProcess({ approvers: [bob.user.id, carol.user.id], mode: "any" });
    const second = await itemInReview(any.id);
    const carols = (await pendingOf(carol, second.item.id))[0];
    await decide(bob, (await pendingOf(bob, second.item.id))[0].id, "approve");
    expect(await stageOf(second.item.id)).toBe("signing");
    expect((await decide(carol, carols.id, "approve")).status).toBe(409);
    const [round] = await roundsOf(second.item.id);
    expect(round.tasks.map((task: any) => task.state)).toEqual(["approved", "cancelled"]);
  });

  it("the default mode is all", async () => {
    const process = await createProcess(t.admin);
    const robot = await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "requestApproval",
      params: { approvers: [bob.user.id], onApprove: "signing", onReject: "draft" },
    });
    expect(robot.params).toMatchObject({ mode: "all", reapprove: "all" });
  });
});

describe("two approvers deciding the same any-round at the same moment", () => {
  it("give exactly one outcome over real concurrent requests", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const post = (client: TestClient, url: string, body: unknown) =>
      fetch(`${base}${url}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: client.cookie!, "x-csrf-token": client.csrfToken! },
        body: JSON.stringify(body),
      });
    const process = await approvalProcess({ approvers: [bob.user.id, carol.user.id], mode: "any" });
    for (let attempt = 0; attempt < 3; attempt++) {
      const { item } = await itemInReview(process.id, `Гонка ${attempt}`);
      const [bobs] = await pendingOf(bob, item.id);
      const [carols] = await pendingOf(carol, item.id);
      const answers = await Promise.all([
        post(bob, `/api/approvals/${bobs.id}/decision`, { decision: "approve" }),
        post(carol, `/api/approvals/${carols.id}/decision`, { decision: "reject", comment: "Против" }),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409]);
      const [round] = await roundsOf(item.id);
      const decided = round.tasks.filter((task: any) => task.decision !== null);
      expect(decided).toHaveLength(1);
      expect(round.outcome).toBe(decided[0].decision === "approve" ? "approved" : "rejected");
      expect(await stageOf(item.id)).toBe(round.outcome === "approved" ? "signing" : "draft");
      const history = await historyOf(item.id);
      expect(history.filter((h: any) => h.details.roundOutcome)).toHaveLength(1);
      expect(history.filter((h: any) => h.action === "item.stage_changed")).toHaveLength(2); // review, then one more
    }
  });
});

describe("rework: reject, a new version, round 2", () => {
  async function rejectedOnce(reapprove: "all" | "notApproved") {
    const process = await approvalProcess({ approvers: [bob.user.id, carol.user.id], mode: "all", reapprove });
    const { item, document } = await itemInReview(process.id, `Доработка ${reapprove}`);
    await decide(bob, (await pendingOf(bob, item.id))[0].id, "approve");
    await decide(carol, (await pendingOf(carol, item.id))[0].id, "reject", "Нет печати поставщика");
    expect(await stageOf(item.id)).toBe("draft");
    expect((await uploadVersion(alice, document.id, { name: "v2.txt", content: "Исправленный текст" })).status).toBe(
      201,
    );
    await moveItem(alice, item.id, "review");
    await t.runJobs();
    return { item, document };
  }

  it("notApproved carries the earlier approver over and asks only the one who rejected", async () => {
    const { item, document } = await rejectedOnce("notApproved");
    expect(await pendingOf(bob, item.id)).toEqual([]);
    const [carols] = await pendingOf(carol, item.id);
    expect(carols.round).toBe(2);
    await decide(carol, carols.id, "approveWithRemarks", "Печать есть, проверить реквизиты");
    expect(await stageOf(item.id)).toBe("signing");

    const rounds = await roundsOf(item.id);
    expect(rounds.map((r: any) => [r.round, r.outcome, r.documents[0].version])).toEqual([
      [1, "rejected", 1],
      [2, "approved", 2],
    ]);
    expect(rounds[0].documents[0].sha256).not.toBe(rounds[1].documents[0].sha256);
    expect(rounds[1].tasks.map((task: any) => [task.approver.id, task.decision])).toEqual([
      [bob.user.id, "carried"],
      [carol.user.id, "approveWithRemarks"],
    ]);

    // The sheet of round 2: frozen, the same bytes twice, its sha256 in the item's history, its text readable.
    await t.runJobs();
    const first = await alice.get(`/api/items/${item.id}/approval-sheet?round=2`);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("application/pdf");
    const second = await bob.get(`/api/items/${item.id}/approval-sheet`);
    expect(Buffer.compare(first.raw, second.raw)).toBe(0);
    const sha256 = createHash("sha256").update(first.raw).digest("hex");
    const frozen = (await historyOf(item.id)).filter((h: any) => h.action === "approval.sheet_frozen");
    expect(frozen.map((h: any) => [h.details.round, h.details.sha256])).toContainEqual([2, sha256]);
    expect((await roundsOf(item.id))[1].sheetSha256).toBe(sha256);

    const text = (await pdfText(first.raw)).replace(/\s+/g, " ");
    for (const expected of [
      "Лист согласования",
      document.number,
      "Договор поставки бумаги",
      "ООО Ромашка",
      bob.user.name,
      carol.user.name,
      "Нет печати поставщика",
      "Печать есть, проверить реквизиты",
      "Согласовано в прошлом раунде",
      "Согласовано с замечаниями",
      "Отклонено",
    ])
      expect(text).toContain(expected);
  });

  it("all asks everyone again", async () => {
    const { item } = await rejectedOnce("all");
    expect(await pendingOf(bob, item.id)).toHaveLength(1);
    expect(await pendingOf(carol, item.id)).toHaveLength(1);
    const rounds = await roundsOf(item.id);
    expect(rounds[1].tasks.map((task: any) => task.state)).toEqual(["pending", "pending"]);
    expect(rounds.map((r: any) => r.documents[0].version)).toEqual([1, 2]);
  });

  it("a round in progress has a live sheet; an item without rounds has none", async () => {
    const process = await approvalProcess({ approvers: [bob.user.id], mode: "all" });
    const { item } = await itemInReview(process.id, "Без решения");
    const live = await alice.get(`/api/items/${item.id}/approval-sheet`);
    expect(live.status).toBe(200);
    expect(await pdfText(live.raw)).toContain("Ожидает решения");
    expect((await alice.get(`/api/items/${item.id}/approval-sheet?round=7`)).status).toBe(404);
    const fresh = await createItem(alice, process.id, { title: "Пусто" });
    expect((await alice.get(`/api/items/${fresh.id}/approval-sheet`)).status).toBe(404);
  });
});

describe("attachApprovalSheet", () => {
  it("registers the finished round's frozen sheet as a numbered document of the item", async () => {
    const sheetType = await createDocumentType(t.admin, {
      name: "Лист согласования",
      folder: "Листы согласования/{yyyy}",
      numbering: { template: "ЛС-{n:3}", reset: "never" },
    });
    const process = await approvalProcess({ approvers: [bob.user.id], mode: "all" });
    await addRobot(t.admin, process.id, {
      stage: "signing",
      kind: "attachApprovalSheet",
      params: { typeId: sheetType.id },
    });
    const { item } = await itemInReview(process.id, "С листом");
    await decide(bob, (await pendingOf(bob, item.id))[0].id, "approve");
    await t.runJobs();
    const attached = (await alice.get(`/api/documents?itemId=${item.id}&typeId=${sheetType.id}`)).body.items;
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({ number: "ЛС-001", file: { mimeType: "application/pdf" } });
    const [round] = await roundsOf(item.id);
    expect(attached[0].file.sha256).toBe(round.sheetSha256);
    const file = await alice.get(`/api/documents/${attached[0].id}/file`);
    const sheet = await alice.get(`/api/items/${item.id}/approval-sheet?round=1`);
    expect(Buffer.compare(file.raw, sheet.raw)).toBe(0);
  });
});
