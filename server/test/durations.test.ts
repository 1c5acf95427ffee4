import { addIsoDuration, delayParts, durationMs, parseIsoDuration } from "@docket/common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./harness.js";
import { addRobot, createItem, createProcess, notificationsOf } from "./process-helpers.js";

// Issue 12: durations come from Temporal (common/duration.ts), used by the server's robots and the web's editor.
describe("ISO-8601 durations (common)", () => {
  const plus = (from: string, text: string, timeZone?: string) =>
    addIsoDuration(new Date(from), parseIsoDuration(text)!, timeZone).toISOString();

  it("a month is a calendar month: 31 January + P1M is the end of February, not 3 March", () => {
    expect(plus("2026-01-31T09:00:00.000Z", "P1M")).toBe("2026-02-28T09:00:00.000Z");
    expect(plus("2028-01-31T09:00:00.000Z", "P1M")).toBe("2028-02-29T09:00:00.000Z");
    // Calendar units follow the installation's time zone: 31 Jan 23:30 in Moscow is 20:30 UTC.
    expect(plus("2026-01-31T20:30:00.000Z", "P1M", "Europe/Moscow")).toBe("2026-02-28T20:30:00.000Z");
    expect(plus("2026-03-02T09:00:00.000Z", "PT24H")).toBe("2026-03-03T09:00:00.000Z");
    expect(plus("2026-03-02T09:00:00.000Z", "P1DT12H")).toBe("2026-03-03T21:00:00.000Z");
  });

  it("refuses what is not a positive duration", () => {
    for (const text of ["", "P", "PT", "24H", "PT-5S", "P0D", "PT0S", "1 day", "P1.5D", "T5S", "soon"])
      expect(parseIsoDuration(text), text).toBeNull();
  });

  it("the web's delay editor shows P1M as one month, and 24 hours as 24 hours", () => {
    expect(delayParts("P1M")).toEqual({ amount: 1, unit: "MO" });
    expect(delayParts("P1Y")).toEqual({ amount: 12, unit: "MO" });
    expect(delayParts("PT24H")).toEqual({ amount: 24, unit: "H" });
    expect(delayParts("P1D")).toEqual({ amount: 24, unit: "H" });
    expect(delayParts("P2W")).toEqual({ amount: 14, unit: "D" });
    expect(delayParts("PT90S")).toEqual({ amount: 90, unit: "S" });
    // The kanban's "overdue after" counts a month from the day it starts, not as 24 h.
    expect(durationMs("P1M", new Date("2026-01-31T00:00:00Z"))).toBe(28 * 86_400_000);
  });
});

describe("a robot delayed by P1M", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("entered on 31 January runs on 28 February, not on 3 March", async () => {
    t.clock.set("2026-01-31T09:00:00.000Z");
    const process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, {
      stage: "draft",
      kind: "notify",
      params: { to: ["initiator"], message: "Месяц прошёл" },
      delay: "P1M",
    });
    await createItem(t.admin, process.id, { title: "Договор аренды" });
    t.clock.set("2026-02-28T08:59:00.000Z");
    await t.runJobs();
    expect((await notificationsOf(t.admin)).map((n) => n.text)).not.toContain("Месяц прошёл");
    t.clock.set("2026-02-28T09:00:00.000Z");
    await t.runJobs();
    expect((await notificationsOf(t.admin)).map((n) => n.text)).toContain("Месяц прошёл");
  });
});
