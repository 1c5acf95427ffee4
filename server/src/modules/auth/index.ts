/** What other modules may use of auth. */
export { credentialsEnded, endOtherCredentials } from "./revocation.js";
export { forgetCredentials } from "./credential-cache.js";
export { resolveBearer } from "./auth.service.js";
