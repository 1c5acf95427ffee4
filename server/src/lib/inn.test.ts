import { isValidInn, isValidKpp } from "@docket/common";
import { describe, expect, it } from "vitest";

describe("INN and KPP checks", () => {
  it.each(["7707083893", "7728168971", "500100732259"])("accepts the valid INN %s", (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });
  it.each(["7707083894", "500100732258", "123", "77070838930", "abcdefghij", ""])("refuses %s", (inn) => {
    expect(isValidInn(inn)).toBe(false);
  });
  it("checks the KPP shape", () => {
    expect(isValidKpp("773601001")).toBe(true);
    expect(isValidKpp("7736AB001")).toBe(true);
    expect(isValidKpp("77360100")).toBe(false);
  });
});
