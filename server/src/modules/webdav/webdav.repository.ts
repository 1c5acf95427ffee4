import { sql, type Selectable, type SqlBool } from "kysely";
import type { Db } from "../../db/database.js";
import type { DavLocksTable } from "./webdav.tables.js";

export type LockRow = Selectable<DavLocksTable>;

// ---- dead properties ----------------------------------------------------------------------------------------------

export const propertiesOf = (db: Db, resourceId: string) =>
  db.selectFrom("davProperties").selectAll().where("resourceId", "=", resourceId).execute();

export async function setProperty(db: Db, resourceId: string, ns: string, name: string, xml: string) {
  await db
    .insertInto("davProperties")
    .values({ resourceId, namespace: ns, name, xml })
    .onConflict((oc) => oc.columns(["resourceId", "namespace", "name"]).doUpdateSet({ xml }))
    .execute();
}

export const removeProperty = (db: Db, resourceId: string, ns: string, name: string) =>
  db
    .deleteFrom("davProperties")
    .where("resourceId", "=", resourceId)
    .where("namespace", "=", ns)
    .where("name", "=", name)
    .execute();

export async function removePropertiesOf(db: Db, resourceIds: string[]) {
  if (resourceIds.length > 0) await db.deleteFrom("davProperties").where("resourceId", "in", resourceIds).execute();
}

export async function copyProperties(db: Db, fromId: string, toId: string) {
  await removePropertiesOf(db, [toId]);
  for (const p of await propertiesOf(db, fromId)) await setProperty(db, toId, p.namespace, p.name, p.xml);
}

// ---- locks --------------------------------------------------------------------------------------------------------

const under = (path: string) =>
  sql<SqlBool>`(path = ${path} or substr(path, 1, ${path.length + 1}) = ${path === "/" ? "/" : path + "/"})`;

/** Live locks on this path, and depth-infinity locks on any of its ancestors. */
export function locksCovering(db: Db, path: string, now: string): Promise<LockRow[]> {
  const ancestors = path === "/" ? [] : ["/"];
  const segments = path.split("/").filter(Boolean);
  for (let i = 1; i < segments.length; i++) ancestors.push(`/${segments.slice(0, i).join("/")}`);
  return db
    .selectFrom("davLocks")
    .selectAll()
    .where("expiresAt", ">", now)
    .where((eb) =>
      eb.or([
        eb("path", "=", path),
        // "in ()" is an error on PostgreSQL, and the root has no ancestors.
        ...(ancestors.length > 0 ? [eb.and([eb("depth", "=", "infinity"), eb("path", "in", ancestors)])] : []),
      ]),
    )
    .execute();
}

/** Live locks on this path or anywhere below it. */
export const locksWithin = (db: Db, path: string, now: string) =>
  db.selectFrom("davLocks").selectAll().where("expiresAt", ">", now).where(under(path)).execute();

export const insertLock = (db: Db, row: LockRow) => db.insertInto("davLocks").values(row).execute();

export const findLock = (db: Db, token: string) =>
  db.selectFrom("davLocks").selectAll().where("token", "=", token).executeTakeFirst();

export const refreshLock = (db: Db, token: string, timeoutSeconds: number, expiresAt: string) =>
  db.updateTable("davLocks").set({ timeoutSeconds, expiresAt }).where("token", "=", token).execute();

export const deleteLock = (db: Db, token: string) => db.deleteFrom("davLocks").where("token", "=", token).execute();

/** Locks end with what they lock (DELETE, or the source of a MOVE), and expired ones are swept on the way. */
export async function deleteLocksWithin(db: Db, path: string, now: string) {
  await db.deleteFrom("davLocks").where(under(path)).execute();
  await db.deleteFrom("davLocks").where("expiresAt", "<=", now).execute();
}
