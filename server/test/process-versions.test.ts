import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

const t = await createTestApp();
afterAll(async () => t.close());

let alice: TestClient;
beforeAll(async () => {
  alice = await t.userClient("Alice");
});

const historyOf = async (itemId: string) => (await alice.get(`/api/items/${itemId}/history`)).body.items;
const notifiedTexts = async (itemId: string) =>
  (await historyOf(itemId)).filter((h: any) => h.action === "robot.ran").map((h: any) => h.details.text);

describe("process versions", () => {
  it("an item keeps running the robots of the version it started under after the process changed", async () => {
    const process = await createProcess(t.admin);
    expect(process.version).toBe(1);
    const robot = await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      params: { to: ["initiator"], message: "Правило версии 2" },
    });
    expect((await t.admin.get(`/api/processes/${process.id}`)).body.version).toBe(2);
    const old = await createItem(alice, process.id, { title: "Старая карточка" });
    expect(old.processVersion).toBe(2);

    // The process changes: the robot says something else, and a new stage appears.
    await t.admin.patch(`/api/robots/${robot.id}`, { params: { to: ["initiator"], message: "Правило версии 3" } });
    const stages = (await t.admin.get(`/api/processes/${process.id}`)).body.stages;
    const withExtra = [...stages.slice(0, 2), { code: "legal", name: "Юристы", color: "#228be6" }, ...stages.slice(2)];
    const patched = await t.admin.patch(`/api/processes/${process.id}`, { stages: withExtra });
    expect(patched.body.version).toBe(4);
    const fresh = await createItem(alice, process.id, { title: "Новая карточка" });
    expect(fresh.processVersion).toBe(4);

    await moveItem(alice, old.id, "review");
    await moveItem(alice, fresh.id, "review");
    await t.runJobs();
    expect(await notifiedTexts(old.id)).toEqual(["Правило версии 2"]);
    expect(await notifiedTexts(fresh.id)).toEqual(["Правило версии 3"]);

    // Older versions stay readable; the history lists every version with its robots and items.
    const v2 = (await alice.get(`/api/processes/${process.id}?version=2`)).body;
    expect(v2).toMatchObject({ version: 2 });
    expect(v2.stages.map((s: any) => s.code)).not.toContain("legal");
    expect((await alice.get(`/api/processes/${process.id}?version=99`)).status).toBe(404);
    const versions = (await alice.get(`/api/processes/${process.id}/versions`)).body.items;
    expect(versions.map((v: any) => [v.version, v.items, v.robots.length])).toEqual([
      [4, 1, 1],
      [3, 0, 1],
      [2, 1, 1],
      [1, 0, 0],
    ]);
    expect(versions[3].createdBy).toMatchObject({ name: "Administrator" });
    expect(versions[0].robots[0].params.message).toBe("Правило версии 3");

    // An admin moves the old item to the latest version: from its next stage entry it runs those robots.
    expect((await alice.post(`/api/items/${old.id}/process-version`, { version: 4 })).status).toBe(403);
    const moved = await t.admin.post(`/api/items/${old.id}/process-version`, { version: 4 });
    expect(moved.status).toBe(200);
    expect(moved.body.processVersion).toBe(4);
    await moveItem(alice, old.id, "draft");
    await moveItem(alice, old.id, "review");
    await t.runJobs();
    expect(await notifiedTexts(old.id)).toEqual(["Правило версии 2", "Правило версии 3"]);
    expect((await historyOf(old.id)).some((h: any) => h.action === "item.process_version_changed")).toBe(true);

    // An item in a stage that an older version does not have cannot move to it.
    await moveItem(alice, fresh.id, "legal");
    const refused = await t.admin.post(`/api/items/${fresh.id}/process-version`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("stage_not_in_version");
    expect(refused.body.params).toEqual({ stage: "legal", version: 2 });
    expect((await alice.get(`/api/items/${fresh.id}`)).body.processVersion).toBe(4);
    expect((await t.admin.post(`/api/items/${fresh.id}/process-version`, { version: 42 })).status).toBe(404);
  });
});
