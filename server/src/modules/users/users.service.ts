import { hash, verify } from "@node-rs/argon2";
import type { CreateUserBody, Role, UpdateUserBody, User } from "@docket/common";
import { isAdmin, nowIso, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction } from "../../db/work.js";
import { AppError, conflict, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { namePage, type Page } from "../../lib/pagination.js";
import { credentialsEnded, endOtherCredentials } from "../auth/index.js";
import { forgetCredentials } from "../auth/index.js";
import { assertDepartmentExists } from "../people/index.js";
import * as repo from "./users.repository.js";
import type { UserRow } from "./users.repository.js";

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active === 1,
    locale: row.locale,
    emailNotifications: row.emailMode !== "off",
    emailMode: row.emailMode,
    departmentId: row.departmentId,
    position: row.position,
    createdAt: row.createdAt,
  };
}

/** Those of `ids` that are active users (a deactivated or unknown id is left out), read with `db` (a transaction too). */
export const activeUsers = (db: Db, ids: string[]): Promise<{ id: string; name: string }[]> =>
  repo.findActiveUsers(db, [...new Set(ids)]);

/** The name of each of `ids` that exists, active or not (a departed user still registered what they registered). */
export async function userNamesByIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await repo.findUsersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const isActiveUser = async (db: Db, id: string) => (await activeUsers(db, [id])).length === 1;

/**
 * The one rule for naming people in a request (a responsible, an observer, a deputy, a department head, a `user`
 * field): each must be an existing, active user; otherwise 422 with the problem on `path`.
 */
export async function assertActiveUsers(db: Db, path: string, ids: (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return;
  const found = new Set((await activeUsers(db, wanted)).map((u) => u.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const message = ids.length === 1 ? "No such active user" : `Unknown: ${missing.join(", ")}`;
  throw unprocessable("No such active user", [{ path, message }]);
}

/** For signing in: the user with their password hash, whatever their state (the caller checks `active`). */
export const findUserForLogin = (ctx: AppContext, email: string) => repo.findUserByEmail(ctx.db, email);

export const countUsers = (ctx: AppContext) => repo.countUsers(ctx.db);

/** DOCKET_LDAP_ADMIN_GROUP decides the role of a directory user at each sign-in. */
export async function setRoleFromDirectory(ctx: AppContext, id: string, role: Role): Promise<void> {
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await repo.updateUserRow(trx, id, { role, updatedAt: at });
    await audit({
      actorId: null,
      entityType: "user",
      entityId: id,
      action: "user.updated",
      details: { changed: ["role"], via: "directory" },
    });
  });
  forgetCredentials(ctx);
}

export const hashPassword = (password: string) => hash(password);

export async function listUsers(
  ctx: AppContext,
  query: { limit: number; cursor?: string; q?: string },
): Promise<Page<User>> {
  const page = await namePage(query, (bounds) => repo.listUsers(ctx.db, { ...bounds, q: query.q }));
  return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
}

async function requireUser(db: Db, id: string): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound("User not found");
  return row;
}

export async function getUser(ctx: AppContext, id: string): Promise<User> {
  return presentUser(await requireUser(ctx.db, id));
}

/** An email names one user: another user's is a 409 on `email`. */
async function assertEmailFree(db: Db, email: string): Promise<void> {
  if (await repo.findUserByEmail(db, email))
    throw conflict(`A user with email ${email} already exists`, {
      code: "email_taken",
      params: { email },
      field: "email",
    });
}

/** Creates a user; `actor` null means the system (first admin from env, CLI, setup). */
export async function createUser(ctx: AppContext, actor: Actor | null, input: CreateUserBody): Promise<User> {
  if (actor && !isAdmin(actor)) throw forbidden("Only an administrator can add users");
  await assertEmailFree(ctx.db, input.email);
  await assertDepartmentExists(ctx.db, input.departmentId);
  const at = nowIso(ctx);
  const row: UserRow = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
    active: 1,
    passwordHash: await hashPassword(input.password),
    locale: input.locale ?? ctx.config.locale,
    emailNotifications: 1,
    emailMode: "each",
    departmentId: input.departmentId ?? null,
    position: input.position ?? null,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await inTransaction(ctx, async ({ trx, audit }) => {
      await repo.insertUser(trx, row);
      await audit({
        actorId: actor?.id ?? null,
        entityType: "user",
        entityId: row.id,
        action: "user.created",
        details: { email: row.email, role: row.role },
      });
    });
  } catch (error) {
    // Two concurrent creations of one email: the unique index decides.
    if (await repo.findUserByEmail(ctx.db, input.email))
      throw conflict(`A user with email ${input.email} already exists`, {
        code: "email_taken",
        params: { email: input.email },
        field: "email",
      });
    throw error;
  }
  return presentUser(row);
}

const SELF_EDITABLE: (keyof UpdateUserBody)[] = [
  "name",
  "password",
  "currentPassword",
  "locale",
  "emailNotifications",
  "emailMode",
];

/**
 * `sessionId` is the caller's own session (null for an API token): when users change their own password, that
 * session stays signed in and every other session and token of theirs ends.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUserBody,
  sessionId: string | null = null,
): Promise<User> {
  const existing = await requireUser(ctx.db, id);
  if (!isAdmin(actor)) {
    const touchesOthers = Object.keys(input).some((k) => !SELF_EDITABLE.includes(k as keyof UpdateUserBody));
    if (actor.id !== id || touchesOthers) throw forbidden("Only an administrator can change this");
  }
  const ownPasswordChange = input.password !== undefined && actor.id === id;
  // A session left open on a shared computer must not be enough to take the account over.
  if (ownPasswordChange && !(await verify(existing.passwordHash, input.currentPassword ?? "").catch(() => false))) {
    throw new AppError("current_password_wrong", "Give your current password to set a new one");
  }
  if (actor.id === id && (input.active === false || input.role === "user") && isAdmin(actor)) {
    throw unprocessable("You cannot deactivate or demote yourself; ask another administrator", undefined, {
      code: "cannot_demote_self",
    });
  }
  if (input.email && input.email !== existing.email) await assertEmailFree(ctx.db, input.email);
  await assertDepartmentExists(ctx.db, input.departmentId);
  // emailNotifications is the older on/off switch: off is emailMode "off", on brings back "each" unless set.
  const emailMode =
    input.emailMode ?? (input.emailNotifications === undefined ? undefined : input.emailNotifications ? "each" : "off");
  const at = nowIso(ctx);
  const patch = {
    ...(input.email !== undefined && { email: input.email }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    ...(emailMode !== undefined && { emailMode, emailNotifications: emailMode === "off" ? 0 : 1 }),
    ...(input.departmentId !== undefined && { departmentId: input.departmentId }),
    ...(input.position !== undefined && { position: input.position }),
    ...(input.password !== undefined && { passwordHash: await hashPassword(input.password) }),
    updatedAt: at,
  };
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.updateUserRow(trx, id, patch);
    // A deactivated user loses every session and API token at once, not at their expiry; a new password ends
    // every other session and every token (whoever may have learnt the old one).
    if (input.active === false) await endOtherCredentials(trx, id);
    else if (input.password !== undefined)
      await endOtherCredentials(trx, id, ownPasswordChange ? (sessionId ?? undefined) : undefined);
    const changed = Object.keys(input).filter((k) => k !== "password" && k !== "currentPassword");
    await audit({
      actorId: actor.id,
      entityType: "user",
      entityId: id,
      action: "user.updated",
      details: { changed, passwordChanged: input.password !== undefined },
    });
  });
  // Name, role and active state are part of a resolved credential: resolve them anew from now on.
  forgetCredentials(ctx);
  if (input.active === false) await credentialsEnded(ctx, { userId: id });
  else if (input.password !== undefined) {
    const kept = ownPasswordChange ? (sessionId ?? undefined) : undefined;
    await credentialsEnded(ctx, { userId: id, ...(kept && { exceptSessionId: kept }) });
  }
  return getUser(ctx, id);
}
