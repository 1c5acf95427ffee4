import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, createTestApp, type TestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem, notificationsOf } from "./process-helpers.js";
import { startSmtpSink, type SmtpSink } from "./smtp-sink.js";

/** Moscow wall time → ISO instant (Moscow is UTC+3 all year). */
const msk = (local: string) => new Date(`${local}:00+03:00`).toISOString();
const HOUR = 3_600_000;

/** Moves the clock weeks ahead; the administrator signs in again, since sessions expire after 30 idle days. */
async function jumpTo(at: string): Promise<void> {
  t.clock.set(at);
  await t.admin.login(ADMIN.email, ADMIN.password);
}
const historyOf = async (itemId: string) => (await t.admin.get(`/api/items/${itemId}/history`)).body.items as any[];
const texts = async (client: TestClient) => (await notificationsOf(client)).map((n: any) => n.text as string);

async function department(body: Record<string, unknown>): Promise<any> {
  const res = await t.admin.post("/api/departments", body);
  expect(res.status).toBe(201);
  return res.body;
}

/** A department named `name` headed by `head`, with `member` in it: `head` becomes the member's manager. */
async function headedDepartment(name: string, head: TestClient, member: TestClient): Promise<void> {
  const dept = await department({ name, headId: head.user.id });
  await t.admin.patch(`/api/users/${member.user.id}`, { departmentId: dept.id });
}

async function absence(userId: string, body: Record<string, unknown>): Promise<any> {
  const res = await t.admin.post(`/api/users/${userId}/absences`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const t = await createTestApp();
afterAll(async () => t.close());

describe("departments and managers", () => {
  it("keeps a tree with heads; a user's manager is their head, the head's is the parent's head", async () => {
    const ceo = await t.userClient("Chief Executive");
    const head = await t.userClient("Sales Head");
    const seller = await t.userClient("Seller");
    const loner = await t.userClient("Loner");
    const company = await department({ name: "Компания", headId: ceo.user.id });
    const sales = await department({ name: "Продажи", parentId: company.id, headId: head.user.id });
    for (const [user, dept] of [
      [seller, sales],
      [head, sales],
      [ceo, company],
    ] as const) {
      const res = await t.admin.patch(`/api/users/${user.user.id}`, { departmentId: dept.id, position: "Менеджер" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ departmentId: dept.id, position: "Менеджер" });
    }
    expect((await t.admin.get("/api/departments")).body.items.map((d: any) => d.name)).toEqual(["Компания", "Продажи"]);
    // A loop and a missing parent are refused; a department with people cannot be deleted.
    expect((await t.admin.patch(`/api/departments/${company.id}`, { parentId: sales.id })).status).toBe(422);
    expect((await t.admin.post("/api/departments", { name: "X", parentId: "nope" })).status).toBe(422);
    expect((await t.admin.delete(`/api/departments/${sales.id}`)).status).toBe(409);
    expect((await seller.post("/api/departments", { name: "Мой отдел" })).status).toBe(403);

    const process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      params: { to: ["initiatorManager"], message: "Ваш сотрудник отправил «{{item.title}}»" },
    });
    const fromSeller = await createItem(seller, process.id, { title: "От продавца" });
    const fromHead = await createItem(head, process.id, { title: "От руководителя" });
    const fromLoner = await createItem(loner, process.id, { title: "От одиночки" });
    for (const [client, item] of [
      [seller, fromSeller],
      [head, fromHead],
      [loner, fromLoner],
    ] as const)
      await moveItem(client, item.id, "review");
    await t.runJobs();
    expect(await texts(head)).toContain("Ваш сотрудник отправил «От продавца»");
    expect(await texts(ceo)).toContain("Ваш сотрудник отправил «От руководителя»");
    // Nobody to tell about the loner: the robot ran and its history says whom it skipped and why.
    const ran = (await historyOf(fromLoner.id)).find((h) => h.action === "robot.ran");
    expect(ran.details.recipients).toEqual([]);
    expect(ran.details.skipped).toEqual([{ ref: "initiatorManager", reason: expect.stringContaining("Loner") }]);
  });
});

describe("working time", () => {
  it("serves the 2026 production calendar and lets an administrator replace a year", async () => {
    const year = (await t.admin.get("/api/calendar/2026")).body;
    expect(year).toMatchObject({ year: 2026, edited: false, workingWeekends: [] });
    expect(year.holidays).toEqual(expect.arrayContaining(["2026-01-09", "2026-12-31", "2026-03-09", "2026-05-11"]));
    expect(year.shortDays).toEqual(["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03"]);
    const user = await t.userClient("Calendar Reader");
    expect((await user.get("/api/calendar/2025")).body.workingWeekends).toEqual(["2025-11-01"]);
    expect(
      (await user.request("PUT", "/api/calendar/2028", { holidays: [], workingWeekends: [], shortDays: [] })).status,
    ).toBe(403);
    const wrong = await t.admin.request("PUT", "/api/calendar/2028", {
      holidays: ["2027-01-01"],
      workingWeekends: ["2028-01-04"],
      shortDays: [],
    });
    expect(wrong.status).toBe(422);
    expect((await t.admin.get("/api/calendar/2028")).body.edited).toBe(false);
    const put = await t.admin.request("PUT", "/api/calendar/2028", {
      holidays: ["2028-01-03"],
      workingWeekends: ["2028-01-08"],
      shortDays: ["2028-12-29"],
    });
    expect(put.status).toBe(200);
    expect((await t.admin.get("/api/calendar/2028")).body).toMatchObject({
      edited: true,
      holidays: ["2028-01-03"],
      workingWeekends: ["2028-01-08"],
    });
  });

  it("a working-time reminder entered on Friday 17:00 fires on Monday at the right hour, never on the weekend", async () => {
    const manager = await t.userClient("Escalation Manager");
    const worker = await t.userClient("Escalation Worker");
    await headedDepartment("Эскалация", manager, worker);
    const process = await createProcess(t.admin);
    // The escalation ladder: four working hours → remind the responsible; one working day → tell the manager.
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      delay: "PT4H",
      delayIn: "working",
      params: { to: ["responsible"], message: "Напоминание: «{{item.title}}» ждёт" },
    });
    const escalation = await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      delay: "P1D",
      delayIn: "working",
      params: { to: ["initiatorManager"], message: "Эскалация: «{{item.title}}» ждёт рабочий день" },
    });
    expect(escalation).toMatchObject({ delay: "P1D", delayIn: "working" });

    t.clock.set(msk("2026-03-13T17:00")); // a Friday
    const item = await createItem(worker, process.id, { title: "Пятничный", responsibleId: worker.user.id });
    await moveItem(worker, item.id, "review");
    const reminder = "Напоминание: «Пятничный» ждёт";
    const escalated = "Эскалация: «Пятничный» ждёт рабочий день";
    for (const at of [
      "2026-03-13T18:30",
      "2026-03-14T09:00",
      "2026-03-14T17:00",
      "2026-03-15T12:00",
      "2026-03-16T11:59",
    ]) {
      t.clock.set(msk(at));
      await t.runJobs();
      expect(await texts(worker), at).not.toContain(reminder);
    }
    t.clock.set(msk("2026-03-16T12:00")); // Monday: one working hour on Friday + three on Monday
    await t.runJobs();
    expect(await texts(worker)).toContain(reminder);
    expect(await texts(manager)).not.toContain(escalated);
    t.clock.set(msk("2026-03-16T16:59"));
    await t.runJobs();
    expect(await texts(manager)).not.toContain(escalated);
    t.clock.set(msk("2026-03-16T17:00")); // one working day later
    await t.runJobs();
    expect(await texts(manager)).toContain(escalated);
    const at = (await notificationsOf(manager)).find((n: any) => n.text === escalated).at;
    expect(at).toBe(msk("2026-03-16T17:00"));
  });

  it("gives an item in a stage with an SLA its due time in working time, and marks it overdue", async () => {
    const stages = [
      { code: "draft", name: "Черновик", color: "#868e96", semantics: "process", sla: "PT8H" },
      { code: "done", name: "Готово", color: "#40c057", semantics: "success" },
    ];
    await jumpTo(msk("2026-04-30T12:00")); // a short day before the May holidays
    const process = await createProcess(t.admin, { stages });
    expect((await t.admin.get(`/api/processes/${process.id}`)).body.stages[0].sla).toBe("PT8H");
    const owner = await t.userClient("SLA Owner");
    const item = await createItem(owner, process.id, { title: "С SLA", responsibleId: owner.user.id });
    expect(item).toMatchObject({ dueAt: msk("2026-05-04T12:00"), overdue: false }); // 5 h on 30 Apr, 3 h on 4 May
    t.clock.set(msk("2026-05-04T12:01"));
    expect((await owner.get(`/api/items/${item.id}`)).body.overdue).toBe(true);
    const calm = await createItem(owner, process.id, { title: "Без спешки", responsibleId: owner.user.id });
    const myWork = (await owner.get("/api/my-work")).body;
    expect(myWork.items.map((i: any) => i.title)).toEqual(["С SLA", "Без спешки"]);
    expect(myWork.items[0].overdue).toBe(true);
    await moveItem(owner, item.id, "done");
    expect((await owner.get(`/api/items/${item.id}`)).body).toMatchObject({ dueAt: null, overdue: false });
    expect((await owner.get("/api/my-work")).body.items.map((i: any) => i.id)).toEqual([calm.id]);
  });
});

describe("absences and deputies", () => {
  let process: any;
  beforeAll(async () => {
    await jumpTo(msk("2026-06-01T10:00"));
    process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "requestApproval",
      params: { approvers: ["initiatorManager"], mode: "any", onApprove: "signing", onReject: "rejected" },
    });
  });

  it("lets the deputy decide an absent manager's approval, recorded on their behalf", async () => {
    const director = await t.userClient("Director Away");
    const deputy = await t.userClient("Deputy Present");
    const author = await t.userClient("Contract Author");
    const stranger = await t.userClient("Stranger");
    await headedDepartment("Дирекция", director, author);

    const item = await createItem(author, process.id, { title: "Договор в отпуске" });
    await moveItem(author, item.id, "review");
    await t.runJobs(); // asked while the director is still here: a pending task
    const pending = (await director.get("/api/approvals?state=pending")).body.items[0];
    expect(pending).toMatchObject({ item: { title: "Договор в отпуске" }, actingFor: null });
    expect((await deputy.get("/api/my-work")).body.approvals).toEqual([]);

    // The director sets their own absence; a stranger may not see or set it.
    expect((await stranger.get(`/api/users/${director.user.id}/absences`)).status).toBe(403);
    expect(
      (
        await stranger.post(`/api/users/${director.user.id}/absences`, {
          from: "2026-06-01",
          to: "2026-06-14",
          deputyId: stranger.user.id,
        })
      ).status,
    ).toBe(403);
    const away = await director.post(`/api/users/${director.user.id}/absences`, {
      from: "2026-06-01",
      to: "2026-06-14",
      deputyId: deputy.user.id,
      reason: "Отпуск",
    });
    expect(away.status).toBe(201);
    expect(away.body).toMatchObject({ from: msk("2026-06-01T00:00"), to: msk("2026-06-15T00:00"), reason: "Отпуск" });
    expect((await director.get(`/api/users/${director.user.id}/absences`)).body.items).toHaveLength(1);
    expect(await texts(deputy)).toEqual([expect.stringContaining("Director Away")]);

    // The pending task (asked before the absence) is now the deputy's to decide, in my-work and in their approvals.
    const work = (await deputy.get("/api/my-work")).body;
    expect(work.approvals).toHaveLength(1);
    expect(work.approvals[0]).toMatchObject({
      id: pending.id,
      actingFor: { id: director.user.id, name: "Director Away" },
    });
    expect((await deputy.get("/api/approvals?state=pending")).body.items.map((a: any) => a.id)).toEqual([pending.id]);
    expect((await stranger.post(`/api/approvals/${pending.id}/decision`, { decision: "approve" })).status).toBe(404);

    const decided = await deputy.post(`/api/approvals/${pending.id}/decision`, { decision: "approve" });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      state: "approved",
      approver: { id: director.user.id },
      decidedBy: { id: deputy.user.id, name: "Deputy Present" },
      onBehalfOf: { id: director.user.id, name: "Director Away" },
    });
    expect((await author.get(`/api/items/${item.id}`)).body.stage.code).toBe("signing");
    // The absent director sees what was done for them.
    expect(await texts(director)).toContain("Deputy Present согласовал(а) за вас: «Договор в отпуске»");
    const entry = (await historyOf(item.id)).find((h) => h.action === "approval.approved");
    expect(entry).toMatchObject({ actor: { id: deputy.user.id }, details: { onBehalfOf: { id: director.user.id } } });

    // New requests while away: the deputy is told (marked as standing in) and may decide them too.
    const second = await createItem(author, process.id, { title: "Второй договор" });
    await moveItem(author, second.id, "review");
    await t.runJobs();
    expect(await texts(deputy)).toContain(
      "Требуется ваше согласование: «Второй договор» (вы замещаете: Director Away)",
    );
    const task = (await deputy.get("/api/my-work")).body.approvals[0];
    expect(task).toMatchObject({ item: { title: "Второй договор" }, actingFor: { id: director.user.id } });

    // Back from the absence: the task is the director's alone again.
    const deleted = await director.delete(`/api/absences/${away.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await deputy.get("/api/my-work")).body.approvals).toEqual([]);
    expect((await deputy.post(`/api/approvals/${task.id}/decision`, { decision: "approve" })).status).toBe(404);
  });

  it("passes work down a chain of absent deputies, and a loop ends at the last person reached", async () => {
    const a = await t.userClient("Anna Absent");
    const b = await t.userClient("Boris Absent");
    const c = await t.userClient("Clara Last");
    const author = await t.userClient("Chain Author");
    await headedDepartment("Цепочка", a, author);
    await absence(a.user.id, { from: "2026-06-01", to: "2026-06-30", deputyId: b.user.id });
    await absence(b.user.id, { from: "2026-06-01", to: "2026-06-30", deputyId: c.user.id });
    await absence(c.user.id, { from: "2026-06-01", to: "2026-06-30", deputyId: b.user.id }); // C → B: a loop
    // An overlapping absence of the same person is refused.
    expect(
      (
        await t.admin.post(`/api/users/${a.user.id}/absences`, {
          from: "2026-06-10",
          to: "2026-06-12",
          deputyId: c.user.id,
        })
      ).status,
    ).toBe(409);

    const chained = await createProcess(t.admin);
    await addRobot(t.admin, chained.id, { stage: "review", kind: "setResponsible", params: { userId: a.user.id } });
    await addRobot(t.admin, chained.id, {
      stage: "review",
      kind: "requestApproval",
      params: { approvers: ["initiatorManager"], mode: "any", onApprove: "signing", onReject: "rejected" },
    });
    const item = await createItem(author, chained.id, { title: "По цепочке" });
    await moveItem(author, item.id, "review");
    await t.runJobs();

    // A → B (away) → C (away) → B again: C is the last one reached and acts.
    const current = (await t.admin.get(`/api/items/${item.id}`)).body;
    expect(current.responsibleId).toBe(c.user.id);
    const assigned = (await historyOf(item.id)).find(
      (h) => h.action === "robot.ran" && h.details.robot.kind === "setResponsible",
    );
    expect(assigned.details).toMatchObject({ responsible: { id: c.user.id }, insteadOf: { id: a.user.id } });
    expect((await b.get("/api/my-work")).body.approvals).toEqual([]);
    const task = (await c.get("/api/my-work")).body.approvals[0];
    expect(task).toMatchObject({ item: { title: "По цепочке" }, actingFor: { id: a.user.id } });
    expect((await b.post(`/api/approvals/${task.id}/decision`, { decision: "approve" })).status).toBe(404);
    const decided = await c.post(`/api/approvals/${task.id}/decision`, { decision: "reject", comment: "Нет" });
    expect(decided.body).toMatchObject({
      state: "rejected",
      onBehalfOf: { id: a.user.id },
      decidedBy: { id: c.user.id },
    });
    expect(await texts(a)).toContain("Clara Last отклонил(а) за вас: «По цепочке»");
  });
});

describe("email digest", () => {
  let d: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    d = await createTestApp({ smtpUrl: smtp.url, publicUrl: "https://docket.example" });
  });
  afterAll(async () => {
    await d?.close();
    await smtp.close();
  });

  it("sends one email at the start of the next working day with all unread notifications", async () => {
    // The clock starts on Monday 2 Mar 2026, 12:00 in Moscow.
    const reader = await d.userClient("Digest Reader");
    expect((await reader.patch(`/api/users/${reader.user.id}`, { emailMode: "digest" })).body).toMatchObject({
      emailMode: "digest",
      emailNotifications: true,
    });
    const process = await createProcess(d.admin);
    await addRobot(d.admin, process.id, {
      stage: "draft",
      kind: "notify",
      params: { to: ["initiator"], message: "Создано: «{{item.title}}»" },
    });
    for (const title of ["Первое", "Второе", "Третье"]) await createItem(reader, process.id, { title });
    await d.runJobs();
    const read = (await notificationsOf(reader)).find((n: any) => n.text === "Создано: «Второе»");
    await reader.post("/api/notifications/read", { ids: [read.id] });
    expect(smtp.mails).toHaveLength(0); // nothing per notification in digest mode

    d.clock.set(msk("2026-03-03T08:59"));
    await d.runJobs();
    expect(smtp.mails).toHaveLength(0);
    d.clock.set(msk("2026-03-03T09:00"));
    await d.runJobs();
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual([reader.user.email]);
    expect(mail!.subject).toBe("Docket: непрочитанных уведомлений — 2");
    expect(mail!.body).toContain("Создано: «Первое»");
    expect(mail!.body).toContain("Создано: «Третье»");
    expect(mail!.body).not.toContain("Второе");
    expect(mail!.body).toContain("https://docket.example/items/");

    // The next digest goes out the next working day, with only what came since.
    await createItem(reader, process.id, { title: "Четвёртое" });
    await d.runJobs();
    d.clock.set(msk("2026-03-04T08:00"));
    await d.runJobs();
    expect(smtp.mails).toHaveLength(1);
    d.clock.advance(HOUR);
    await d.runJobs();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.body).toContain("Четвёртое");
    expect(smtp.mails[1]!.body).not.toContain("Первое");
  });
});
