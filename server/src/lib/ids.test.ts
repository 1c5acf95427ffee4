import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("newId", () => {
  it("makes distinct, strictly increasing UUIDv7 ids, many within one millisecond", () => {
    const at = Date.UTC(2026, 0, 1);
    // 3,000 ids span several refills of the random pool and the 12-bit counter of one millisecond.
    const ids = Array.from({ length: 3_000 }, () => newId(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]!.replace(/-/g, "").slice(0, 12)).toBe(at.toString(16).padStart(12, "0"));
  });
});
