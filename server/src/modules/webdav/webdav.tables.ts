/** Dead properties set by PROPPATCH, per drive resource ("root", a folder id or a file id). */
export interface DavPropertiesTable {
  resourceId: string;
  namespace: string;
  name: string;
  xml: string; // the whole property element, as the client sent it
}

/** WebDAV locks, by path (a lock may name a URL with nothing there yet). */
export interface DavLocksTable {
  token: string;
  path: string;
  depth: "0" | "infinity";
  scope: "exclusive" | "shared";
  ownerXml: string | null;
  userId: string;
  timeoutSeconds: number;
  expiresAt: string;
  createdAt: string;
}

export interface WebdavTables {
  davProperties: DavPropertiesTable;
  davLocks: DavLocksTable;
}
