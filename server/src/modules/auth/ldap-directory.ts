import fs from "node:fs";
import type { ConnectionOptions } from "node:tls";
import type { Client, Entry } from "ldapts";
import type { LdapConfig } from "../../config.js";

/** A person the directory vouched for: right password, account enabled. */
export interface DirectoryPerson {
  dn: string;
  email: string;
  name: string;
  admin: boolean;
}

export type DirectoryOutcome =
  | { ok: true; person: DirectoryPerson }
  | { ok: false; reason: "unknown" | "ambiguous" | "disabled" | "wrong-password" | "no-email" };

/** RFC 4515 escaping of a value put into a search filter, so a login cannot change the filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** AD's userAccountControl ACCOUNTDISABLE flag. */
const ACCOUNT_DISABLED = 0x2;

const first = (value: Entry[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString("utf8") : String(v);
};
const all = (value: Entry[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    Buffer.isBuffer(v) ? v.toString("utf8") : String(v),
  );

function tlsOptions(config: LdapConfig): ConnectionOptions {
  return {
    rejectUnauthorized: config.tlsVerify,
    ...(config.tlsCaFile && { ca: fs.readFileSync(config.tlsCaFile) }),
  };
}

/**
 * Checks a login and password against LDAP / Active Directory: bind as the service account, find the one entry the
 * user filter matches, refuse a disabled account, then bind as that entry with the password. Admin rights come
 * from the admin group (the entry's memberOf, or the group's member / uniqueMember / memberUid).
 */
export async function authenticateWithDirectory(
  config: LdapConfig,
  login: string,
  password: string,
): Promise<DirectoryOutcome> {
  // An empty password makes an LDAP bind "unauthenticated" — it succeeds without proving anything.
  if (password === "") return { ok: false, reason: "wrong-password" };
  // ldapts (~6 MB resident) is loaded by the first directory sign-in, not at start.
  const { Client, InvalidCredentialsError } = await import("ldapts");
  const options = { url: config.url, timeout: 10_000, connectTimeout: 5_000 };
  const service = new Client(
    config.url.startsWith("ldaps:") ? { ...options, tlsOptions: tlsOptions(config) } : options,
  );
  try {
    if (config.startTls) await service.startTLS(tlsOptions(config));
    if (config.bindDn) await service.bind(config.bindDn, config.bindPassword ?? "");
    const { searchEntries } = await service.search(config.baseDn, {
      scope: "sub",
      filter: config.userFilter.replaceAll("{login}", escapeFilterValue(login)),
      attributes: ["mail", "cn", "displayName", "uid", "sAMAccountName", "userAccountControl", "memberOf"],
      sizeLimit: 2,
    });
    if (searchEntries.length === 0) return { ok: false, reason: "unknown" };
    if (searchEntries.length > 1) return { ok: false, reason: "ambiguous" };
    const entry = searchEntries[0]!;
    if ((Number(first(entry.userAccountControl) ?? 0) & ACCOUNT_DISABLED) !== 0)
      return { ok: false, reason: "disabled" };

    const user = new Client(config.url.startsWith("ldaps:") ? { ...options, tlsOptions: tlsOptions(config) } : options);
    try {
      if (config.startTls) await user.startTLS(tlsOptions(config));
      await user.bind(entry.dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return { ok: false, reason: "wrong-password" };
      throw error;
    } finally {
      await user.unbind().catch(() => {});
    }

    const email = (first(entry.mail) ?? (login.includes("@") ? login : "")).trim().toLowerCase();
    if (!email) return { ok: false, reason: "no-email" };
    const name = first(entry.displayName) ?? first(entry.cn) ?? email;
    const admin = config.adminGroup ? await inGroup(service, config.adminGroup, entry) : false;
    return { ok: true, person: { dn: entry.dn, email, name, admin } };
  } finally {
    await service.unbind().catch(() => {});
  }
}

async function inGroup(client: Client, groupDn: string, entry: Entry): Promise<boolean> {
  const wanted = groupDn.replace(/\s+/g, "").toLowerCase();
  if (all(entry.memberOf).some((dn) => dn.replace(/\s+/g, "").toLowerCase() === wanted)) return true;
  const uid = first(entry.uid) ?? first(entry.sAMAccountName);
  const filter = `(|(member=${escapeFilterValue(entry.dn)})(uniqueMember=${escapeFilterValue(entry.dn)})${
    uid ? `(memberUid=${escapeFilterValue(uid)})` : ""
  })`;
  try {
    const { searchEntries } = await client.search(groupDn, { scope: "base", filter, attributes: ["dn"] });
    return searchEntries.length > 0;
  } catch {
    return false; // no such group: nobody is an admin through it
  }
}
