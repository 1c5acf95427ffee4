import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../src/lib/ids.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const docs: any[] = [];
const companies: Record<string, string> = {};

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin);
for (const name of ["Ромашка", "Альфа", "Яблоко"])
  companies[name] = (await t.admin.post("/api/companies", { name: `ООО «${name}»` })).body.id;
// Titles repeat on purpose: paging must break ties by id without skipping or repeating a row.
const plan: [string, string | undefined, string][] = [
  ["Поставка", "Ромашка", "draft"],
  ["Аренда", "Альфа", "signed"],
  ["Поставка", undefined, "approval"],
  ["Услуги", "Яблоко", "draft"],
  ["аренда", "Ромашка", "approval"],
  ["Поставка", "Альфа", "signed"],
  ["Займ", undefined, "draft"],
  ["Услуги", "Ромашка", "signed"],
];
for (const [title, company, status] of plan) {
  const doc = (
    await uploadDocument(t.admin, { typeId: type.id, title, companyId: company ? companies[company] : undefined })
  ).body;
  if (status !== "draft") await t.admin.post(`/api/documents/${doc.id}/status`, { status });
  docs.push({ ...doc, status: { code: status }, companyName: company ? `ООО «${company}»` : "" });
}

const nameOfCompany = (id: string | null) =>
  id === null ? "" : `ООО «${Object.keys(companies).find((name) => companies[name] === id)}»`;

/** Every page of a sorted list, `limit` at a time. */
async function walk(query: string, limit: number): Promise<any[]> {
  const seen: any[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await t.admin.get(
      `/api/documents?typeId=${type.id}&limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

const byKeyThenId = (key: (d: any) => string, descending: boolean) => (a: any, b: any) => {
  const ka = key(a);
  const kb = key(b);
  const order = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return descending ? -order : order;
};

describe("sorting the registry (GET /api/documents?sort=)", () => {
  it("sorts by number both ways and pages through without a duplicate or a gap", async () => {
    const numbers = docs.map((d) => d.number).sort();
    for (const limit of [1, 3, 50]) {
      expect((await walk("sort=number", limit)).map((d) => d.number)).toEqual(numbers);
      expect((await walk("sort=-number", limit)).map((d) => d.number)).toEqual([...numbers].reverse());
    }
  });

  it("defaults to newest first, and createdAt sorts by registration time both ways", async () => {
    const newestFirst = [...docs].reverse().map((d) => d.id);
    expect((await walk("", 3)).map((d) => d.id)).toEqual(newestFirst);
    expect((await walk("sort=-createdAt", 2)).map((d) => d.id)).toEqual(newestFirst);
    expect((await walk("sort=createdAt", 3)).map((d) => d.id)).toEqual([...newestFirst].reverse());
  });

  it("sorts by title, status and company with ties broken by id, in pages of 2 and 3", async () => {
    // The expected order comes from the database's own comparison of the keys, so compare ids per key only.
    const cases: [string, (d: any) => string][] = [
      ["title", (d) => d.title],
      ["status", (d) => d.status.code],
      ["company", (d) => nameOfCompany(d.companyId)],
    ];
    for (const [sort, key] of cases) {
      for (const descending of [false, true]) {
        const all = await walk(`sort=${descending ? "-" : ""}${sort}`, 50);
        for (const limit of [2, 3]) {
          const paged = await walk(`sort=${descending ? "-" : ""}${sort}`, limit);
          expect(paged.map((d) => d.id)).toEqual(all.map((d) => d.id));
        }
        expect(new Set(all.map((d) => d.id)).size).toBe(docs.length);
        // Groups of equal keys come out together and in id order within the group.
        const keys = all.map(key);
        const groups = keys.filter((k, i) => i === 0 || keys[i - 1] !== k);
        expect(new Set(groups).size).toBe(groups.length);
        for (let i = 1; i < all.length; i++) {
          if (key(all[i]) === key(all[i - 1])) expect(all[i].id > all[i - 1].id).toBe(!descending);
        }
      }
    }
    // Where the keys compare the same in every collation, the order is exact.
    const statuses = await walk("sort=status", 2);
    expect(statuses.map((d) => d.id)).toEqual(
      [...docs].sort(byKeyThenId((d) => d.status.code, false)).map((d) => d.id),
    );
    const companiesDesc = await walk("sort=-company", 3);
    expect(companiesDesc.map((d) => nameOfCompany(d.companyId))).toEqual([
      "ООО «Яблоко»",
      "ООО «Ромашка»",
      "ООО «Ромашка»",
      "ООО «Ромашка»",
      "ООО «Альфа»",
      "ООО «Альфа»",
      "",
      "",
    ]);
  });

  it("refuses an unknown sort with 400", async () => {
    const res = await t.admin.get("/api/documents?sort=amount");
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
  });
});

describe("the total count", () => {
  it("counts every matching document, not just the page, and only those the caller may see", async () => {
    const page = (await t.admin.get(`/api/documents?typeId=${type.id}&limit=2`)).body;
    expect(page.items).toHaveLength(2);
    expect(page).toMatchObject({ total: docs.length, totalCapped: false });
    const signed = (await t.admin.get(`/api/documents?typeId=${type.id}&status=signed`)).body;
    expect(signed).toMatchObject({ total: 3, totalCapped: false });

    const hidden = await createDocumentType(t.admin, { access: "participants" });
    await uploadDocument(t.admin, { typeId: hidden.id, title: "Тайный" });
    const outsider = await t.userClient("Count Outsider");
    expect((await outsider.get(`/api/documents?typeId=${hidden.id}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it("stops counting above 10,000: total 10000 with totalCapped", async () => {
    const bulkType = await createDocumentType(t.admin);
    const template = (await uploadDocument(t.admin, { typeId: bulkType.id, title: "Образец" })).body;
    const row = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", template.id)
      .executeTakeFirstOrThrow();
    // 10,000 more rows straight into the table: the cap is about counting, not about registering.
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      ...row,
      id: newId(),
      number: `${row.number}-${i}`,
      seq: row.seq + i + 1,
      driveFileId: "",
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.ctx.db
        .insertInto("documents")
        .values(rows.slice(i, i + 500))
        .execute();

    const full = (await t.admin.get(`/api/documents?typeId=${bulkType.id}&limit=1`)).body;
    expect(full).toMatchObject({ total: 10_000, totalCapped: true });
    await t.admin.delete(`/api/documents/${template.id}`);
    const exact = (await t.admin.get(`/api/documents?typeId=${bulkType.id}&limit=1`)).body;
    expect(exact).toMatchObject({ total: 10_000, totalCapped: false });
  });
});

describe("search matches", () => {
  it("gives a snippet around the first hit with the stemmed words marked, in Cyrillic", async () => {
    const long = `${"Вводная часть без нужных слов. ".repeat(10)}Поставщик обязуется поставить станки до 1 марта. ${"Прочие условия договора. ".repeat(10)}`;
    const doc = (
      await uploadDocument(t.admin, {
        typeId: type.id,
        title: "Приложение",
        file: Buffer.from(long, "utf8"),
        name: "a.txt",
      })
    ).body;
    await t.runJobs();
    const res = (await t.admin.get(`/api/documents?q=${encodeURIComponent("станков")}`)).body;
    expect(res.items.map((d: any) => d.id)).toEqual([doc.id]);
    const { snippet, ranges } = res.items[0].match;
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet.length).toBeLessThan(260);
    expect(ranges.map(([s, e]: [number, number]) => snippet.slice(s, e))).toEqual(["станки"]);

    const twoWords = (await t.admin.get(`/api/documents?q=${encodeURIComponent("поставщика станки")}`)).body.items[0];
    const marked = twoWords.match.ranges.map(([s, e]: [number, number]) => twoWords.match.snippet.slice(s, e));
    expect(marked).toEqual(expect.arrayContaining(["Поставщик", "станки"]));
  });

  it("falls back to the title when the file text has no hit, and leaves match out without q", async () => {
    const doc = (await uploadDocument(t.admin, { typeId: type.id, title: "Соглашение о конфиденциальности" })).body;
    await t.runJobs();
    const hit = (await t.admin.get(`/api/documents?q=${encodeURIComponent("соглашения")}`)).body.items;
    expect(hit.map((d: any) => d.id)).toEqual([doc.id]);
    expect(hit[0].match).toEqual({ snippet: "Соглашение о конфиденциальности", ranges: [[0, 10]] });
    const plain = (await t.admin.get(`/api/documents?typeId=${type.id}`)).body.items;
    expect(plain.every((d: any) => d.match === undefined)).toBe(true);
  });

  it("finds documents by their company's name", async () => {
    const res = (await t.admin.get(`/api/documents?typeId=${type.id}&q=${encodeURIComponent("ромашка")}`)).body;
    expect(res.items.map((d: any) => d.id).sort()).toEqual(
      docs
        .filter((d) => d.companyName === "ООО «Ромашка»")
        .map((d) => d.id)
        .sort(),
    );
    expect(res.total).toBe(3);
  });
});
