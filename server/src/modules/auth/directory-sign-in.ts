import type { AppContext } from "../../context.js";
import { randomToken } from "../../lib/crypto.js";
import { createUser, findUserForLogin, setRoleFromDirectory, type UserRow } from "../users/index.js";
import { authenticateWithDirectory } from "./ldap-directory.js";

/**
 * A sign-in through LDAP / Active Directory: the directory checks the password; the first sign-in creates the
 * Docket user (with an unusable local password), and with DOCKET_LDAP_ADMIN_GROUP set the role follows the group.
 * Null when the directory refuses, cannot be reached, or the Docket account is deactivated.
 */
export async function signInWithDirectory(ctx: AppContext, login: string, password: string): Promise<UserRow | null> {
  const config = ctx.config.ldap;
  if (!config) return null;
  let outcome;
  try {
    outcome = await authenticateWithDirectory(config, login, password);
  } catch (error) {
    ctx.log.error({ err: error, url: config.url }, "LDAP directory unavailable: directory sign-in refused");
    return null;
  }
  if (!outcome.ok) {
    ctx.log.info({ login, reason: outcome.reason }, "directory sign-in refused");
    return null;
  }
  const { person } = outcome;
  const role = person.admin ? "admin" : "user";
  let user = await findUserForLogin(ctx, person.email);
  if (!user) {
    try {
      await createUser(ctx, null, { email: person.email, name: person.name, password: randomToken(), role });
      ctx.log.info({ email: person.email, dn: person.dn, role }, "user created from the directory");
    } catch (error) {
      // A parallel first sign-in created it a moment ago.
      if (!(await findUserForLogin(ctx, person.email))) throw error;
    }
    user = await findUserForLogin(ctx, person.email);
  } else if (config.adminGroup && user.role !== role) {
    await setRoleFromDirectory(ctx, user.id, role);
    user = { ...user, role };
  }
  return user && user.active === 1 ? user : null;
}
