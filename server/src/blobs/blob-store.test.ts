import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../lib/crypto.js";
import { DiskBlobStore } from "./blob-store.js";

describe("DiskBlobStore", () => {
  let root: string;
  let store: DiskBlobStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "docket-blobs-"));
    store = new DiskBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const tempFiles = () => fs.readdirSync(path.join(root, "tmp"));

  it("stores the bytes under their hash and leaves no temporary file", async () => {
    const bytes = Buffer.from("Договор поставки №1");
    const blob = await store.receive(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
    expect(blob).toMatchObject({ sha256: sha256Hex(bytes), size: bytes.length });
    await store.commit(blob);
    await store.discard(blob); // as every upload's `finally` does
    expect(tempFiles()).toEqual([]);
    expect(await store.readVerified(blob.sha256, 1000)).toEqual(bytes);
  });

  it("keeps one copy of the same bytes uploaded twice, readable throughout", async () => {
    const bytes = Buffer.from("одни и те же байты");
    const first = await store.receive(Readable.from([bytes]));
    await store.commit(first);
    const reading = await store.openVerified(first.sha256);
    const second = await store.receive(Readable.from([bytes]));
    await store.commit(second);
    await store.commit(second); // committing again changes nothing
    const chunks: Buffer[] = [];
    for await (const chunk of reading) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
    expect(tempFiles()).toEqual([]);
    expect(await store.readVerified(second.sha256, 1000)).toEqual(bytes);
  });

  it("drops the temporary file of an upload that fails midway, and of one discarded", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from("начало"));
        this.destroy(new Error("the client went away"));
      },
    });
    await expect(store.receive(failing)).rejects.toThrow("the client went away");
    const kept = await store.receive(Readable.from([Buffer.from("не нужен")]));
    expect(tempFiles()).toHaveLength(1);
    await store.discard(kept);
    expect(tempFiles()).toEqual([]);
  });

  it("refuses a source that ended before it was read", async () => {
    const ended = Readable.from([Buffer.from("x")]);
    ended.destroy();
    await expect(store.receive(ended)).rejects.toMatchObject({ code: "ERR_STREAM_PREMATURE_CLOSE" });
  });
});
