/** What other modules may use of auth. */
export { credentialsEnded, endOtherCredentials } from "./revocation.js";
export { forgetCredentials } from "./credential-cache.js";
export { resolveBearer } from "./auth.service.js";
/** Deletes sessions past their expiry (they can no longer sign anyone in); returns how many. */
export { deleteExpiredSessions as purgeExpiredSessions } from "./auth.repository.js";
