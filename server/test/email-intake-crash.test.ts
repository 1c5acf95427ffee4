import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../src/db/database.js";
import { DOVECOT, startDovecot, type Dovecot } from "./dovecot.js";
import { pdfAttachment, rawMail } from "./intake-helpers.js";
import { freshDatabaseUrl } from "./harness.js";
import { freePort, SourceServer, testServerEnv } from "./server-process.js";

// Locally a missing Dovecot skips this suite; CI (CI=true) installs dovecot-imapd, and there a missing one fails.
const run = DOVECOT || process.env.CI ? describe : describe.skip;

const MESSAGES = 60;

run("email intake survives a kill -9 of the server mid-poll (real Dovecot, real server process)", () => {
  let dovecot: Dovecot | undefined;
  let server: SourceServer | undefined;
  let db: DatabaseHandle | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-intake-crash-"));

  afterAll(async () => {
    await server?.kill();
    await db?.close();
    await dovecot?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const count = async (table: "documents" | "intakeMessages") =>
    Number(
      (
        await db!.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("registers every message exactly once across the crash and the restart", { timeout: 240_000 }, async () => {
    dovecot = await startDovecot();
    const imap = await dovecot.client();
    await imap.mailboxCreate("Crash");
    await imap.logout();
    for (let i = 0; i < MESSAGES; i++) {
      await dovecot.deliver(
        rawMail({
          messageId: `<crash-${i}@example.org>`,
          subject: `Письмо ${i}`,
          attachments: [pdfAttachment(`скан-${i}.pdf`)],
        }),
        "Crash",
      );
    }
    const databaseUrl = await freshDatabaseUrl(dataDir);
    server = new SourceServer(
      await freePort(),
      testServerEnv(dataDir, databaseUrl, {
        // The mission's types include "incoming", intake's default type.
        DOCKET_PROVISION: "mission",
        DOCKET_IMAP_URL: dovecot.url.replace(/INBOX$/, "Crash"),
        DOCKET_IMAP_DONE: "Registered",
        DOCKET_IMAP_INTERVAL: "1",
      }),
    );
    await server.start();
    db = await createDatabase(databaseUrl);

    // Kill once some messages are registered and others are still waiting in the mailbox.
    const deadline = Date.now() + 60_000;
    while ((await count("documents")) < 3) {
      if (Date.now() > deadline) throw new Error("intake registered nothing within a minute");
      await new Promise((r) => setTimeout(r, 20));
    }
    await server.kill();
    const atKill = await count("documents");
    expect(atKill).toBeLessThan(MESSAGES);

    await server.start();
    const settle = Date.now() + 120_000;
    while ((await dovecot.list("Crash")).length > 0) {
      if (Date.now() > settle) throw new Error("intake did not empty the mailbox after the restart");
      await new Promise((r) => setTimeout(r, 250));
    }

    const documents = await db.db.selectFrom("documents").select(["title", "fileName", "number"]).execute();
    expect(documents).toHaveLength(MESSAGES);
    expect(new Set(documents.map((d) => d.title)).size).toBe(MESSAGES);
    expect(new Set(documents.map((d) => d.number)).size).toBe(MESSAGES);
    expect(await count("intakeMessages")).toBe(MESSAGES);
    const done = await dovecot.list("Registered");
    expect(done).toHaveLength(MESSAGES);
    expect(new Set(done.map((m) => m.messageId)).size).toBe(MESSAGES);
    expect(await dovecot.list("Registered/Failed")).toEqual([]);
  });
});
