import { afterAll, describe, expect, it } from "vitest";
import { makeDocx, makePdf } from "../src/demo/sample-files.js";
import { renderJob } from "../src/modules/documents/index.js";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../src/demo/seed.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp({ provision: true, adminEmail: DEMO_USERS[0]!.email, adminPassword: DEMO_PASSWORD });
afterAll(async () => t.close());

describe("npm run demo", () => {
  it("fills a fresh installation with users, companies, documents and items spread over the stages", async () => {
    // As `npm run demo` seeds: the robots run between moves, previews are left to the worker after start.
    await seedDemo(t.app, { docx: makeDocx, pdf: makePdf }, () => t.worker.runDue({ except: [renderJob.kind] }));
    for (const user of DEMO_USERS) await expect(t.anonymous().login(user.email, DEMO_PASSWORD)).resolves.toBeTruthy();
    const companies = (await t.admin.get("/api/companies")).body.items;
    expect(companies.length).toBeGreaterThanOrEqual(5);
    expect(companies.every((c: any) => /^\d{10}$/.test(c.inn))).toBe(true);
    const process = (await t.admin.get("/api/processes")).body.items[0];
    const stages = new Set(
      (await t.admin.get(`/api/processes/${process.id}/items`)).body.items.map((i: any) => i.stage.code),
    );
    expect([...stages].sort()).toEqual(["done", "legal", "manager", "new", "rejected", "signing"]);
    const documents = (await t.admin.get("/api/documents?limit=50")).body.items;
    // Their previews are queued for the worker, not made while seeding.
    expect(documents.map((d: any) => d.rendition.state)).toEqual(documents.map(() => "pending"));
    const statuses = documents.map((d: any) => d.status.name);
    expect(statuses).toEqual(
      expect.arrayContaining(["Черновик", "На согласовании", "Согласован", "Подписан", "Отклонён"]),
    );
  });
});
