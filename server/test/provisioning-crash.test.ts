import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openRuntime } from "../src/bootstrap.js";
import { createTestApp } from "./harness.js";
import { CONTRACT_STAGES } from "./process-helpers.js";

// Issue 12: provisioning is one Work with its "done" mark, so a failure midway leaves nothing half-made.
const t = await createTestApp({ locale: "ru" });
afterAll(async () => t.close());

const restart = async () =>
  (await openRuntime({ ...t.config, provision: true }, pino({ level: "silent" }), t.clock)).close();
const types = async () => (await t.admin.get("/api/document-types")).body.items.map((x: any) => x.code).sort();
const missionProcesses = async () =>
  (await t.admin.get("/api/processes")).body.items.filter((p: any) => p.name === "Согласование договора");

describe("provisioning that fails midway", () => {
  it("leaves nothing behind, and the next start provisions everything exactly once", async () => {
    // Something in the way of the last step (the process), after the four document types were written.
    const obstacle = await t.admin.post("/api/processes", {
      code: "contract_approval",
      name: "Чужой процесс",
      stages: CONTRACT_STAGES,
    });
    expect(obstacle.status).toBe(201);
    await restart(); // the start goes on, without provisioning
    expect(await types()).toEqual([]);
    expect(await missionProcesses()).toEqual([]);

    expect((await t.admin.patch(`/api/processes/${obstacle.body.id}`, { code: "other" })).status).toBe(200);
    await restart();
    expect(await types()).toEqual(["act", "contract", "incoming", "order"]);
    const [process, ...more] = await missionProcesses();
    expect(more).toEqual([]);
    const robots = (await t.admin.get(`/api/processes/${process.id}/robots`)).body.items;
    expect(robots.length).toBeGreaterThan(0);

    await restart();
    expect(await types()).toEqual(["act", "contract", "incoming", "order"]);
    expect(await missionProcesses()).toHaveLength(1);
    expect((await t.admin.get(`/api/processes/${process.id}/robots`)).body.items).toHaveLength(robots.length);
  });
});
