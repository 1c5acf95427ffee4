import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConversionError, runTool } from "./external-process.js";

/** Running (a killed process whose parent is gone may linger as a zombie until init reaps it: that is dead). */
const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
};

describe("runTool", () => {
  it("kills the whole process group on timeout, helpers included", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-tool-"));
    const pidFile = path.join(dir, "helper.pid");
    // The shell starts a helper in the background, as soffice starts soffice.bin.
    const run = runTool("sh", ["-c", `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 });
    await expect(run).rejects.toThrow(/took longer than 0.3 s/);
    const helper = Number(fs.readFileSync(pidFile, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(helper)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("caps the memory a tool may take", async () => {
    // 64 MB of address space is too little for a Python interpreter to allocate 200 MB.
    const run = runTool("python3", ["-c", "x = bytearray(200 * 1024 * 1024)"], {
      timeoutMs: 10_000,
      memoryBytes: 64 * 1024 * 1024,
    });
    const result = await run;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/MemoryError|Cannot allocate|memory/i);
  });

  it("says which tool is not installed", async () => {
    await expect(runTool("/nonexistent/soffice", [], { timeoutMs: 1000 })).rejects.toBeInstanceOf(ConversionError);
  });
});
