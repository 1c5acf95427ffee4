import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "./harness.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

const HOUR = 3_600_000;
/** The test clock starts at 2026-03-02T09:00Z, a Monday; the analytics week starts a week later, 09:00 in Moscow. */
const MONDAY = "2026-03-09T06:00:00.000Z";

const t = await createTestApp();
afterAll(async () => t.close());
const alice = await t.userClient("Alice");
const bob = await t.userClient("Bob");

const at = (ms: number) => new Date(Date.parse(MONDAY) + ms).toISOString();
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((i) => i.title).sort();

describe("the kanban's filters and card", () => {
  it("narrows a board by responsible, mine, company, overdue and words in title, company or document number", async () => {
    const start = t.clock.now().getTime();
    const after = (ms: number) => new Date(start + ms).toISOString();
    const process = await createProcess(t.admin);
    const type = await createDocumentType(t.admin, { fields: [{ key: "amount", label: "Сумма", type: "number" }] });
    const romashka = (await t.admin.post("/api/companies", { name: "ООО Ромашка" })).body;
    const lutik = (await t.admin.post("/api/companies", { name: "ООО Лютик" })).body;
    // The reminder 24 h after entering "review" makes an item that stays longer overdue.
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      delay: "PT24H",
      params: { to: ["responsible"], message: "Всё ещё на согласовании" },
    });
    const supply = await createItem(alice, process.id, {
      title: "Поставка бумаги",
      companyId: romashka.id,
      responsibleId: alice.user.id,
    });
    const lease = await createItem(alice, process.id, {
      title: "Аренда склада",
      companyId: lutik.id,
      responsibleId: bob.user.id,
      fields: { amount: 990 },
    });
    const nobody = await createItem(alice, process.id, { title: "Без компании" });
    const doc = await uploadDocument(alice, {
      typeId: type.id,
      url: `/api/items/${supply.id}/documents`,
      fields: { amount: 125000 },
    });
    expect(doc.status).toBe(201);
    await moveItem(alice, supply.id, "review");
    await moveItem(alice, lease.id, "review");
    t.clock.set(after(12 * HOUR));
    await moveItem(alice, lease.id, "draft");
    await moveItem(alice, lease.id, "review"); // re-entered: its reminder counts from now

    const list = (query: string, client = alice) => client.get(`/api/processes/${process.id}/items?${query}`);
    // The card shows the number of the first linked document, and the amount (the item's own first).
    const all = (await list("")).body.items as any[];
    const bySupply = all.find((i) => i.id === supply.id);
    expect(bySupply).toMatchObject({ mainDocument: { id: doc.body.id, number: doc.body.number }, amount: 125000 });
    expect(all.find((i) => i.id === lease.id)).toMatchObject({ mainDocument: null, amount: 990 });
    expect(all.find((i) => i.id === nobody.id)).toMatchObject({ mainDocument: null, amount: null, overdue: false });

    expect(titles(await list(`responsibleId=${bob.user.id}`))).toEqual(["Аренда склада"]);
    expect(titles(await list("mine=true", bob))).toEqual(["Аренда склада"]);
    expect(titles(await list(`companyId=${romashka.id}`))).toEqual(["Поставка бумаги"]);
    // Words match case-insensitively in the title, the company's name and the document number; all words must match.
    expect(titles(await list(`q=${encodeURIComponent("ромашка")}`))).toEqual(["Поставка бумаги"]);
    expect(titles(await list(`q=${encodeURIComponent("СКЛАДА")}`))).toEqual(["Аренда склада"]);
    expect(titles(await list(`q=${encodeURIComponent(doc.body.number.toLowerCase())}`))).toEqual(["Поставка бумаги"]);
    expect(titles(await list(`q=${encodeURIComponent("ооо бумаги")}`))).toEqual(["Поставка бумаги"]);
    expect(titles(await list(`q=${encodeURIComponent("нет такого")}`))).toEqual([]);

    // 25 h after the first entry: only "Поставка бумаги" has outstayed the reminder.
    expect(titles(await list("overdue=true"))).toEqual([]);
    t.clock.set(after(25 * HOUR));
    expect(titles(await list("overdue=true"))).toEqual(["Поставка бумаги"]);
    expect(titles(await list(`overdue=true&responsibleId=${bob.user.id}`))).toEqual([]);
    // A finished item is not late.
    await moveItem(alice, supply.id, "signed");
    expect(titles(await list("overdue=true"))).toEqual([]);
  });

  it("pages a filtered list with a cursor, without losing or repeating items", async () => {
    const process = await createProcess(t.admin);
    for (let i = 0; i < 7; i++)
      await createItem(alice, process.id, { title: i % 2 === 0 ? `Чётный ${i}` : `Нечет ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `q=${encodeURIComponent("чётный")}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: any = (await alice.get(`/api/processes/${process.id}/items?${query}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: any) => i.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Чётный 6", "Чётный 4", "Чётный 2", "Чётный 0"]);
  });

  it("refuses bad filter values with 400", async () => {
    const process = await createProcess(t.admin);
    expect((await alice.get(`/api/processes/${process.id}/items?overdue=maybe`)).status).toBe(400);
    expect((await alice.get(`/api/processes/${process.id}/items?q=${"x".repeat(201)}`)).status).toBe(400);
  });
});

describe("process analytics", () => {
  it("counts items per stage, median and 90th percentile of stays, throughput per week and per responsible", async () => {
    t.clock.set(MONDAY);
    const process = await createProcess(t.admin);
    const items: any[] = [];
    for (let i = 0; i < 5; i++)
      items.push(
        await createItem(alice, process.id, {
          title: `Договор ${i}`,
          responsibleId: i < 3 ? alice.user.id : bob.user.id,
        }),
      );
    // Stays in "draft" of 1, 2, 3, 4 and 10 hours.
    const draftHours = [1, 2, 3, 4, 10];
    const moves = draftHours.map((h, i) => ({ at: h * HOUR, item: items[i], to: "review" }));
    // Two signed in the first week (after 24 h and 48 h in review), one rejected in the second week.
    moves.push({ at: 25 * HOUR, item: items[0], to: "signed" });
    moves.push({ at: 50 * HOUR, item: items[1], to: "signed" });
    moves.push({ at: 8 * 24 * HOUR, item: items[2], to: "rejected" });
    for (const move of moves.sort((a, b) => a.at - b.at)) {
      t.clock.set(at(move.at));
      await moveItem(t.admin, move.item.id, move.to);
    }
    t.clock.set(at(9 * 24 * HOUR));

    const res = await t.admin.get(
      `/api/processes/${process.id}/analytics?from=2026-03-09T00:00:00%2B03:00&to=2026-03-23T00:00:00%2B03:00`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stage = (code: string) => res.body.stages.find((s: any) => s.code === code);
    expect(stage("draft")).toMatchObject({ items: 0, stays: 5, medianMs: 3 * HOUR, p90Ms: 7.6 * HOUR });
    // Review: 24 h (item 0: 1 h → 25 h), 48 h (item 1: 2 h → 50 h), 189 h (item 2: 3 h → 192 h); items 3 and 4 stay.
    expect(stage("review")).toMatchObject({ items: 2, stays: 3, medianMs: 48 * HOUR, p90Ms: (48 + 0.8 * 141) * HOUR });
    expect(stage("signed")).toMatchObject({ items: 2, stays: 0, medianMs: null, p90Ms: null });
    expect(stage("rejected")).toMatchObject({ items: 1 });
    expect(res.body.throughput).toEqual([
      { week: "2026-03-09", succeeded: 2, failed: 0 },
      { week: "2026-03-16", succeeded: 0, failed: 1 },
    ]);
    expect(res.body.responsibles).toEqual([
      { userId: bob.user.id, name: "Bob", open: 2, overdue: 0, finished: 0 },
      { userId: alice.user.id, name: "Alice", open: 0, overdue: 0, finished: 3 },
    ]);

    // A range that ends before the moves into "review" ended counts none of those stays.
    const early = await t.admin.get(`/api/processes/${process.id}/analytics?from=2026-03-09&to=2026-03-10`);
    expect(early.body.stages.find((s: any) => s.code === "review")).toMatchObject({ stays: 0, medianMs: null });
    expect(early.body.throughput).toEqual([{ week: "2026-03-09", succeeded: 0, failed: 0 }]);
    expect(early.body.stages[0]).toMatchObject({ code: "draft", stays: 5 });
  });

  it("shows an outsider of a participants-only process only the items they take part in", async () => {
    const process = await createProcess(t.admin, { access: "participants" });
    await createItem(t.admin, process.id, { title: "Секрет" });
    await createItem(t.admin, process.id, { title: "Для Боба", responsibleId: bob.user.id });
    const seen = (await bob.get(`/api/processes/${process.id}/analytics`)).body;
    expect(seen.stages.find((s: any) => s.code === "draft").items).toBe(1);
    expect((await alice.get(`/api/processes/${process.id}/analytics`)).body.stages[0].items).toBe(0);
  });

  it("refuses a range that ends before it starts, or spans more than 106 weeks", async () => {
    const process = await createProcess(t.admin);
    const url = `/api/processes/${process.id}/analytics`;
    expect((await alice.get(`${url}?from=2026-03-10&to=2026-03-01`)).status).toBe(422);
    expect((await alice.get(`${url}?from=2020-01-01&to=2026-03-01`)).status).toBe(422);
    expect((await alice.get(`${url}?from=yesterday`)).status).toBe(400);
    expect((await alice.get(`/api/processes/nope/analytics`)).status).toBe(404);
  });
});
