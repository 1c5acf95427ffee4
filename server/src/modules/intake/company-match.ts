import { isValidInn } from "@docket/common";
import type { Db } from "../../db/database.js";
import { companyIdByEmail, companyIdByEmailDomain, companyIdByInn } from "../crm/index.js";

// Addresses at these domains belong to people, not to one company: a domain match there would be a guess.
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "yandex.ru",
  "ya.ru",
  "yandex.com",
  "mail.ru",
  "bk.ru",
  "inbox.ru",
  "list.ru",
  "internet.ru",
  "rambler.ru",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "yahoo.com",
  "proton.me",
  "protonmail.com",
]);

/** Ten or twelve digits standing alone; the checksum decides whether it is an INN. */
const INN_CANDIDATE = /(?<!\d)(\d{12}|\d{10})(?!\d)/g;

/** INNs (valid checksum) in a text, in order of appearance, each once. */
export function innsIn(text: string): string[] {
  const found = [...text.matchAll(INN_CANDIDATE)].map((m) => m[1]!).filter(isValidInn);
  return [...new Set(found)];
}

/**
 * The company a message comes from: the sender's exact address (a company's or a contact's), then the address's
 * domain (not for public mail services), then an INN in the subject or body. Null when none matches.
 */
export async function matchCompany(db: Db, mail: { from: string | null; text: string }): Promise<string | null> {
  if (mail.from) {
    const exact = await companyIdByEmail(db, mail.from);
    if (exact) return exact;
    const domain = mail.from.split("@")[1];
    if (domain && !PUBLIC_MAIL_DOMAINS.has(domain)) {
      const byDomain = await companyIdByEmailDomain(db, domain);
      if (byDomain) return byDomain;
    }
  }
  for (const inn of innsIn(mail.text)) {
    const byInn = await companyIdByInn(db, inn);
    if (byInn) return byInn;
  }
  return null;
}
