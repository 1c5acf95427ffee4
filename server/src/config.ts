import path from "node:path";
import { parseWorkHours, type WorkHours } from "@docket/common";
import { z } from "zod";
import {
  renditionConfigFrom,
  renditionEnvSchema,
  type RenditionConfig,
} from "./modules/documents/renditions/rendition-config.js";

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
  DOCKET_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data")),
  DOCKET_BLOB_DIR: optionalString,
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((s) => /^postgres(ql)?:\/\//.test(s) || s.startsWith("sqlite:"), {
        message: "must be a postgres:// URL or sqlite:<path>",
      })
      .optional(),
  ),
  DOCKET_ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
  DOCKET_ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(8, "must be at least 8 characters").optional()),
  DOCKET_SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((s) => /^smtps?:\/\/[^/]+/.test(s), { message: "must look like smtp://host:port" })
      .optional(),
  ),
  DOCKET_SMTP_FROM: z.preprocess(emptyAsUndefined, z.string().default("Docket <docket@localhost>")),
  DOCKET_LOCALE: z.preprocess(emptyAsUndefined, z.enum(["ru", "en"]).default("ru")),
  DOCKET_TZ: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("Europe/Moscow")
      .refine(isTimeZone, { message: "is not an IANA time zone (e.g. Europe/Moscow)" }),
  ),
  DOCKET_WORK_HOURS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("09:00-18:00")
      .refine((s) => parseWorkHours(s) !== null, {
        message: "must look like 09:00-18:00 (start before end, over an hour)",
      }),
  ),
  DOCKET_MAX_UPLOAD_MB: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(10_240).default(100)),
  DOCKET_PUBLIC_URL: optionalString,
  DOCKET_WEBHOOK_SECRET: optionalString,
  DOCKET_WEBHOOK_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")),
  DOCKET_LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  DOCKET_PROVISION: z.preprocess(emptyAsUndefined, z.enum(["mission", "none"]).default("mission")),
  DOCKET_LOGIN_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(10)),
  DOCKET_JOB_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  DOCKET_WORKER_LANES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(32).optional()),
  DOCKET_METRICS_TOKEN: optionalString,
  DOCKET_TRUST_PROXY: optionalString,
  DOCKET_LDAP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((s) => /^ldaps?:\/\/[^/]+/.test(s), { message: "must look like ldap://host:389 or ldaps://host:636" })
      .optional(),
  ),
  DOCKET_LDAP_BIND_DN: optionalString,
  DOCKET_LDAP_BIND_PASSWORD: optionalString,
  DOCKET_LDAP_BASE_DN: optionalString,
  DOCKET_LDAP_USER_FILTER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("(|(mail={login})(sAMAccountName={login})(uid={login}))")
      .refine((s) => s.includes("{login}"), { message: "must contain {login}" }),
  ),
  DOCKET_LDAP_ADMIN_GROUP: optionalString,
  DOCKET_LDAP_STARTTLS: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("false")),
  DOCKET_LDAP_TLS_CA: optionalString,
  DOCKET_LDAP_TLS_VERIFY: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")),
  DOCKET_OIDC_ISSUER: z.preprocess(
    emptyAsUndefined,
    z
      .url()
      .refine(secureOrLoopback, { message: "must be an https:// URL (http:// only on a loopback address)" })
      .optional(),
  ),
  DOCKET_OIDC_CLIENT_ID: optionalString,
  DOCKET_OIDC_CLIENT_SECRET: optionalString,
  DOCKET_OIDC_REDIRECT: z.preprocess(emptyAsUndefined, z.url().optional()),
  DOCKET_OIDC_NAME: optionalString,
  DOCKET_OIDC_SCOPE: z.preprocess(emptyAsUndefined, z.string().default("openid email profile")),
  DOCKET_IMAP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((s) => /^imaps?:\/\/[^/]+/.test(s) && URL.canParse(s), {
        message: "must look like imap://user:pass@host:143/INBOX or imaps://user:pass@host:993/INBOX",
      })
      .optional(),
  ),
  DOCKET_IMAP_TYPE: z.preprocess(emptyAsUndefined, z.string().default("incoming")),
  DOCKET_IMAP_DONE: z.preprocess(emptyAsUndefined, z.string().min(1).default("Docket")),
  DOCKET_IMAP_INTERVAL: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(60)),
  DOCKET_IMAP_TLS_VERIFY: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")),
});

/** Tokens travel over the issuer's connection, so plain http is accepted only where nobody can listen in. */
function secureOrLoopback(url: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.protocol === "https:" ||
    (parsed.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname))
  );
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  blobDir: string;
  databaseUrl: string;
  adminEmail?: string;
  adminPassword?: string;
  smtpUrl?: string;
  smtpFrom: string;
  locale: "ru" | "en";
  timeZone: string;
  /** Working hours of an ordinary day in timeZone (DOCKET_WORK_HOURS); a short day ends an hour earlier. */
  workHours: WorkHours;
  maxUploadBytes: number;
  publicUrl?: string;
  /** DOCKET_WEBHOOK_SECRET; without it the installation's own generated secret is used (webhook-secret.ts). */
  webhookSecret?: string;
  /** false: webhook robots may not reach loopback, private, link-local or other non-public addresses. */
  webhookAllowPrivate: boolean;
  logLevel: string;
  loginAttempts: number;
  /** Days a finished job (done or given up on) is kept before housekeeping deletes it (DOCKET_JOB_RETENTION_DAYS). */
  jobRetentionDays: number;
  /**
   * How many batches of robots this process's worker runs side by side during a burst (DOCKET_WORKER_LANES; PostgreSQL
   * only, default 4). With several worker processes on one database, about the database machine's cores ÷ processes.
   */
  workerLanes?: number;
  /** Create the mission's document types and approval process on first start. */
  provision: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Fastify's trustProxy: behind a TLS proxy, X-Forwarded-Proto/-For give the client's protocol and address. */
  trustProxy: boolean | string;
  ldap?: LdapConfig;
  oidc?: OidcConfig;
  /** External converters for previews, thumbnails and OCR. */
  renditions: RenditionConfig;
  /** Email intake (DOCKET_IMAP_URL); absent = off. */
  imap?: ImapConfig;
}

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  /** The folder polled for new messages (the URL's path, default INBOX). */
  mailbox: string;
  /** Code of the document type the messages are registered as. */
  typeCode: string;
  /** Where processed messages go; unreadable ones go to `<doneFolder>/Failed`. */
  doneFolder: string;
  intervalMs: number;
  tlsVerify: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** The callback URL registered at the provider; by default the request's own origin + /api/auth/oidc/callback. */
  redirectUri?: string;
  /** Shown on the sign-in button: «Войти через <name>». */
  displayName: string;
  scope: string;
}

export interface LdapConfig {
  url: string;
  bindDn?: string;
  bindPassword?: string;
  baseDn: string;
  /** `{login}` is replaced by the escaped login. */
  userFilter: string;
  adminGroup?: string;
  startTls: boolean;
  /** PEM file of the CA that signed the directory's certificate (LDAPS or StartTLS). */
  tlsCaFile?: string;
  tlsVerify: boolean;
}

export class ConfigError extends Error {}

/** How a refused configuration reads: one line per problem, each naming its variable. */
const invalidConfiguration = (problems: string[]) =>
  new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);

/** Reads the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.extend(renditionEnvSchema.shape).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw invalidConfiguration(lines);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DOCKET_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    blobDir: path.resolve(e.DOCKET_BLOB_DIR ?? path.join(dataDir, "blobs")),
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, "docket.db")}`,
    adminEmail: e.DOCKET_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.DOCKET_ADMIN_PASSWORD,
    smtpUrl: e.DOCKET_SMTP_URL,
    smtpFrom: e.DOCKET_SMTP_FROM,
    locale: e.DOCKET_LOCALE,
    timeZone: e.DOCKET_TZ,
    workHours: parseWorkHours(e.DOCKET_WORK_HOURS)!,
    maxUploadBytes: Math.round(e.DOCKET_MAX_UPLOAD_MB * 1024 * 1024),
    publicUrl: e.DOCKET_PUBLIC_URL,
    webhookSecret: e.DOCKET_WEBHOOK_SECRET,
    webhookAllowPrivate: e.DOCKET_WEBHOOK_ALLOW_PRIVATE === "true",
    logLevel: e.DOCKET_LOG_LEVEL,
    loginAttempts: e.DOCKET_LOGIN_ATTEMPTS,
    jobRetentionDays: e.DOCKET_JOB_RETENTION_DAYS,
    workerLanes: e.DOCKET_WORKER_LANES,
    provision: e.DOCKET_PROVISION === "mission",
    metricsToken: e.DOCKET_METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.DOCKET_TRUST_PROXY),
    ldap: ldapConfig(e),
    oidc: oidcConfig(e),
    renditions: renditionConfigFrom(e),
    imap: imapConfig(e),
  };
}

function imapConfig(e: z.infer<typeof envSchema>): ImapConfig | undefined {
  if (!e.DOCKET_IMAP_URL) return undefined;
  const url = new URL(e.DOCKET_IMAP_URL);
  const secure = url.protocol === "imaps:";
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox,
    typeCode: e.DOCKET_IMAP_TYPE,
    doneFolder: e.DOCKET_IMAP_DONE.replace(/^\/+|\/+$/g, ""),
    intervalMs: e.DOCKET_IMAP_INTERVAL * 1000,
    tlsVerify: e.DOCKET_IMAP_TLS_VERIFY === "true",
  };
}

/** "true"/"false", or a comma-separated list of the proxies' addresses or CIDR ranges. */
function parseTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value || value.toLowerCase() === "false") return false;
  if (value.toLowerCase() === "true") return true;
  return value;
}

function ldapConfig(e: z.infer<typeof envSchema>): LdapConfig | undefined {
  if (!e.DOCKET_LDAP_URL) return undefined;
  if (!e.DOCKET_LDAP_BASE_DN) throw invalidConfiguration(["DOCKET_LDAP_BASE_DN: is required with DOCKET_LDAP_URL"]);
  return {
    url: e.DOCKET_LDAP_URL,
    bindDn: e.DOCKET_LDAP_BIND_DN,
    bindPassword: e.DOCKET_LDAP_BIND_PASSWORD,
    baseDn: e.DOCKET_LDAP_BASE_DN,
    userFilter: e.DOCKET_LDAP_USER_FILTER,
    adminGroup: e.DOCKET_LDAP_ADMIN_GROUP,
    startTls: e.DOCKET_LDAP_STARTTLS === "true",
    tlsCaFile: e.DOCKET_LDAP_TLS_CA,
    tlsVerify: e.DOCKET_LDAP_TLS_VERIFY === "true",
  };
}

function oidcConfig(e: z.infer<typeof envSchema>): OidcConfig | undefined {
  if (!e.DOCKET_OIDC_ISSUER) return undefined;
  if (!e.DOCKET_OIDC_CLIENT_ID)
    throw invalidConfiguration(["DOCKET_OIDC_CLIENT_ID: is required with DOCKET_OIDC_ISSUER"]);
  return {
    issuer: e.DOCKET_OIDC_ISSUER,
    clientId: e.DOCKET_OIDC_CLIENT_ID,
    clientSecret: e.DOCKET_OIDC_CLIENT_SECRET,
    redirectUri: e.DOCKET_OIDC_REDIRECT,
    displayName: e.DOCKET_OIDC_NAME ?? new URL(e.DOCKET_OIDC_ISSUER).hostname,
    scope: e.DOCKET_OIDC_SCOPE,
  };
}
