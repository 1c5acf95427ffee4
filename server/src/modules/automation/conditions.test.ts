import { parseConditionValue } from "@docket/common";
import { describe, expect, it } from "vitest";
import { conditionHolds } from "./conditions.js";

const holds = (text: string, op: "gt" | "lt" | "eq" | "in", actual: unknown, locale = "ru-RU") =>
  conditionHolds(
    { field: "amount", op, value: parseConditionValue(op, text, locale) },
    { item: {}, documents: [{ amount: actual }] },
  );

describe("robot conditions typed the way the app prints values", () => {
  it("reads Russian digit grouping with any space and a decimal comma", () => {
    for (const typed of ["1 000 000", "1\u00a0000\u00a0000", "1\u202f000\u202f000", "1000000"]) {
      expect(parseConditionValue("gt", typed, "ru-RU")).toBe(1_000_000);
      expect(holds(typed, "gt", 2_000_000)).toBe(true);
      expect(holds(typed, "gt", 500_000)).toBe(false);
    }
    expect(parseConditionValue("gt", "1 000 000,50", "ru-RU")).toBe(1_000_000.5);
    expect(holds("1 000 000,50", "lt", 1_000_000.25)).toBe(true);
  });

  it("reads English grouping and refuses a comma that is not grouping there", () => {
    expect(parseConditionValue("gt", "1,000,000.50", "en-GB")).toBe(1_000_000.5);
    expect(parseConditionValue("eq", "1,5", "en-GB")).toBe("1,5");
    expect(holds("1,000,000", "gt", 2_000_000, "en-GB")).toBe(true);
  });

  it("compares dates typed day first with ISO dates, and numbers stored as text", () => {
    expect(parseConditionValue("gt", "31.12.2026", "ru-RU")).toBe("2026-12-31");
    expect(parseConditionValue("gt", "31/12/2026", "en-GB")).toBe("2026-12-31");
    expect(holds("01.12.2026", "gt", "2026-12-15")).toBe(true);
    expect(holds("01.12.2026", "lt", "2026-11-30T10:00:00.000Z")).toBe(true);
    expect(holds("30.02.2026", "gt", "2026-12-15")).toBe(false);
    expect(holds("1 000 000", "gt", "2 000 000")).toBe(true);
    expect(holds("draft; signed", "in", "signed")).toBe(true);
    expect(holds("500 000", "eq", 500000)).toBe(true);
  });
});
