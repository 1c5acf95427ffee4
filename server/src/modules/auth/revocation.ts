import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { notificationBus, type Revocation } from "../notifications/index.js";
import { revokeAllCredentials } from "./auth.repository.js";
import { forgetCredentials } from "./credential-cache.js";

/**
 * Ends every session of a user but `keepSessionId` (the one that changed its own password) and every API token
 * of theirs, in the caller's transaction; call `credentialsEnded` after the commit.
 */
export async function endOtherCredentials(trx: Db, userId: string, keepSessionId?: string): Promise<void> {
  await revokeAllCredentials(trx, userId, keepSessionId);
}

/** After a commit that ended credentials: no process remembers them, and their notification streams close. */
export async function credentialsEnded(ctx: AppContext, revocation: Revocation): Promise<void> {
  forgetCredentials(ctx);
  await notificationBus(ctx).revoke(revocation);
}
