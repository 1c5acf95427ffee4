import { afterAll, describe, expect, it } from "vitest";
import { HOUR_MS } from "../src/lib/clock.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem, notificationsOf } from "./process-helpers.js";

/** The mission: a contract goes through approval, people are told and reminded, and the contract ends up signed. */

const t = await createTestApp();
afterAll(async () => t.close());
const initiator = await t.userClient("Ivan Initiator");
const lawyer = await t.userClient("Lena Lawyer");
const contractType = await createDocumentType(t.admin, {
  fields: [{ key: "amount", label: "Сумма", type: "money" }],
});
const company = (await t.admin.post("/api/companies", { name: "ООО «Ромашка»" })).body;
const process = await createProcess(t.admin, { name: "Согласование договора" });
await addRobot(t.admin, process.id, { stage: "review", kind: "setResponsible", params: { userId: lawyer.user.id } });
await addRobot(t.admin, process.id, {
  stage: "review",
  kind: "notify",
  name: "Сообщить юристу",
  params: {
    to: ["responsible"],
    message: "{{responsible.name}}, договор {{document.number}} «{{item.title}}» ({{company.name}}) ждёт согласования",
  },
});
await addRobot(t.admin, process.id, {
  stage: "review",
  kind: "requestApproval",
  params: { approvers: ["responsible"], mode: "any", onApprove: "signing", onReject: "rejected" },
});
await addRobot(t.admin, process.id, {
  stage: "review",
  kind: "notify",
  name: "Напоминание через сутки",
  delay: "PT24H",
  params: { to: ["initiator"], message: "Договор «{{item.title}}» на согласовании уже 24 часа" },
});
await addRobot(t.admin, process.id, { stage: "signed", kind: "setDocumentStatus", params: { status: "signed" } });

const reminders = async () =>
  (await notificationsOf(initiator)).filter((n: any) => n.text.includes("на согласовании уже 24 часа"));
const pendingApprovalFor = async (itemId: string) =>
  (await lawyer.get("/api/approvals?state=pending")).body.items.find((a: any) => a.itemId === itemId);

describe("the mission: contract approval", () => {
  let contract: any;
  let contractDoc: any;
  let other: any;

  it("creates an item in the first stage with its initiator, and attaches the contract", async () => {
    contract = await createItem(initiator, process.id, { title: "Поставка бумаги", companyId: company.id });
    expect(contract).toMatchObject({ stage: { code: "draft" }, initiatorId: initiator.user.id, companyId: company.id });
    const upload = await uploadDocument(initiator, {
      url: `/api/items/${contract.id}/documents`,
      typeId: contractType.id,
      title: "Договор поставки",
      fields: { amount: 500000 },
    });
    expect(upload.status).toBe(201);
    contractDoc = upload.body;
    expect(contractDoc.companyId).toBe(company.id); // defaults to the item's
    expect(contractDoc.itemIds).toEqual([contract.id]);
    expect((await initiator.get(`/api/items/${contract.id}`)).body.documentIds).toEqual([contractDoc.id]);
  });

  it("moving it to review makes the lawyer responsible, tells them, and asks their approval", async () => {
    await moveItem(initiator, contract.id, "review");
    await t.runJobs();
    const item = (await initiator.get(`/api/items/${contract.id}`)).body;
    expect(item.responsibleId).toBe(lawyer.user.id);
    const told = await notificationsOf(lawyer);
    expect(told.map((n: any) => n.text)).toContain(
      `Lena Lawyer, договор ${contractDoc.number} «Поставка бумаги» (ООО «Ромашка») ждёт согласования`,
    );
    expect(told.every((n: any) => n.link === `/items/${contract.id}`)).toBe(true);
    expect(await pendingApprovalFor(contract.id)).toMatchObject({
      state: "pending",
      item: { title: "Поставка бумаги" },
    });
  });

  it("reminds the initiator once after 24 hours, and not for an item that moved on before", async () => {
    other = await createItem(initiator, process.id, { title: "Аренда склада" });
    await moveItem(initiator, other.id, "review");
    await t.runJobs();
    t.clock.advance(23 * HOUR_MS);
    await t.runJobs();
    expect(await reminders()).toHaveLength(0);

    const approval = await pendingApprovalFor(other.id);
    expect((await lawyer.post(`/api/approvals/${approval.id}/decision`, { decision: "approve" })).status).toBe(200);
    expect((await initiator.get(`/api/items/${other.id}`)).body.stage.code).toBe("signing");

    t.clock.advance(HOUR_MS);
    await t.runJobs();
    t.clock.advance(48 * HOUR_MS);
    await t.runJobs();
    await t.runJobs();
    const got = await reminders();
    expect(got.map((n: any) => n.text)).toEqual(["Договор «Поставка бумаги» на согласовании уже 24 часа"]);
  });

  it("the lawyer's approval moves it on, and the final stage makes the contract «Подписан»", async () => {
    const approval = await pendingApprovalFor(contract.id);
    const decided = await lawyer.post(`/api/approvals/${approval.id}/decision`, { decision: "approve" });
    expect(decided.body).toMatchObject({ state: "approved" });
    expect(
      (await notificationsOf(initiator)).some((n: any) => n.text.startsWith("Согласовано: «Поставка бумаги»")),
    ).toBe(true);
    expect((await initiator.get(`/api/items/${contract.id}`)).body.stage.code).toBe("signing");
    await moveItem(initiator, contract.id, "signed");
    await t.runJobs();
    const doc = (await initiator.get(`/api/documents/${contractDoc.id}`)).body;
    expect(doc.status).toMatchObject({ code: "signed", name: "Подписан" });
    const docHistory = (await initiator.get(`/api/documents/${contractDoc.id}/history`)).body.items;
    expect(docHistory.find((h: any) => h.action === "document.status_changed")).toMatchObject({ actor: null });
  });

  it("the history names who did each step and which robot did the rest", async () => {
    const history = (await initiator.get(`/api/items/${contract.id}/history`)).body.items;
    const steps = history.map((h: any) => [
      h.action,
      h.actor?.name ?? null,
      h.details.robot?.kind ?? h.details.to?.code ?? null,
    ]);
    expect(steps).toEqual([
      ["item.created", "Ivan Initiator", null],
      ["item.document_added", "Ivan Initiator", null],
      ["item.stage_changed", "Ivan Initiator", "review"],
      ["robot.ran", null, "setResponsible"],
      ["robot.ran", null, "notify"],
      ["robot.ran", null, "requestApproval"],
      ["robot.ran", null, "notify"],
      ["approval.approved", "Lena Lawyer", null],
      ["item.stage_changed", null, "signing"],
      ["item.stage_changed", "Ivan Initiator", "signed"],
      ["robot.ran", null, "setDocumentStatus"],
      // The finished round's approval sheet, frozen by its job with its sha256 (issue 14).
      ["approval.sheet_frozen", null, null],
    ]);
    const reminder = history[6];
    expect(reminder.details.robot.name).toBe("Напоминание через сутки");
    expect(new Date(reminder.at).getTime() - new Date(history[2].at).getTime()).toBe(24 * HOUR_MS);
    expect(history[8].details.robotId).toEqual(expect.any(String)); // the approval robot moved it
  });

  it("a closed item moves out only when reopened", async () => {
    const refused = await initiator.post(`/api/items/${contract.id}/stage`, { stage: "signing" });
    expect(refused.status).toBe(409);
    const reopened = await moveItem(initiator, contract.id, "signing", true);
    expect(reopened.stage.code).toBe("signing");
  });
});
