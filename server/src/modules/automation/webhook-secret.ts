import type { WebhookSecret } from "@docket/common";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { randomToken } from "../../lib/crypto.js";

const SECRET_NAME = "webhook";

/**
 * The key webhook signatures are made with: DOCKET_WEBHOOK_SECRET when set, otherwise a random one generated on the
 * installation's first start and kept in the database (never a built-in constant, which anyone could read in the
 * source and use to forge deliveries). The first process to insert it wins; every other one reads that row. Read
 * on each delivery (one primary-key lookup), so a restored backup's key takes effect at once.
 */
export async function webhookSecret(ctx: Pick<AppContext, "db" | "config" | "clock">): Promise<string> {
  if (ctx.config.webhookSecret) return ctx.config.webhookSecret;
  const stored = await readSecret(ctx.db);
  if (stored !== undefined) return stored;
  await ctx.db
    .insertInto("installationSecrets")
    .values({ name: SECRET_NAME, value: randomToken(32), createdAt: ctx.clock.now().toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return (await readSecret(ctx.db))!;
}

const readSecret = async (db: Db) =>
  (await db.selectFrom("installationSecrets").select("value").where("name", "=", SECRET_NAME).executeTakeFirst())
    ?.value;

/** What an admin sees: the generated secret, or only that the operator set one in the environment. */
export async function presentWebhookSecret(ctx: AppContext): Promise<WebhookSecret> {
  if (ctx.config.webhookSecret) return { source: "environment", secret: null };
  return { source: "generated", secret: await webhookSecret(ctx) };
}
