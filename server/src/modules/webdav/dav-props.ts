import type { Element } from "@xmldom/xmldom";
import type { Actor, AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { hrefOf, nameOf } from "./dav-paths.js";
import { lockDiscoveryXml } from "./dav-locks.js";
import { childrenOf, contentOf, etagOf, type DavNode } from "./dav-tree.js";
import {
  childElements,
  DavError,
  DAV_NS,
  escapeXml,
  isDav,
  multistatus,
  parseXml,
  propNameOf,
  propXml,
  serialize,
  type PropName,
} from "./dav-xml.js";
import * as repo from "./webdav.repository.js";

export const DOCKET_NS = "urn:docket:";

type Request = { kind: "allprop" } | { kind: "propname" } | { kind: "prop"; props: PropName[] };

const key = (p: PropName) => `${p.ns}\u0000${p.name}`;

/** The PROPFIND body: empty means allprop. */
export function parsePropfind(body: string): Request {
  if (body.trim() === "") return { kind: "allprop" };
  const root = parseXml(body);
  if (!isDav(root, "propfind")) throw new DavError(400, "Expected a DAV:propfind body");
  for (const child of childElements(root)) {
    if (isDav(child, "allprop")) return { kind: "allprop" };
    if (isDav(child, "propname")) return { kind: "propname" };
    if (isDav(child, "prop")) return { kind: "prop", props: childElements(child).map(propNameOf) };
  }
  throw new DavError(400, "DAV:propfind needs prop, allprop or propname");
}

const SUPPORTED_LOCK =
  "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>" +
  "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>";

/** Live properties: computed from the drive, never stored, never set by PROPPATCH. */
function liveProperties(
  ctx: AppContext,
  node: DavNode,
): Map<string, { prop: PropName; inner: () => Promise<string> | string }> {
  const live = new Map<string, { prop: PropName; inner: () => Promise<string> | string }>();
  const add = (ns: string, name: string, inner: () => Promise<string> | string) =>
    live.set(key({ ns, name }), { prop: { ns, name }, inner });
  const created = node.kind === "file" ? node.entry.createdAt : node.kind === "folder" ? node.folder.createdAt : null;
  const modified = node.kind === "file" ? node.entry.updatedAt : created;
  add(DAV_NS, "resourcetype", () => (node.kind === "file" ? "" : "<D:collection/>"));
  add(DAV_NS, "displayname", () => escapeXml(node.kind === "root" ? "Docket" : nameOf(node.path)));
  if (created) add(DAV_NS, "creationdate", () => new Date(created).toISOString());
  if (modified) add(DAV_NS, "getlastmodified", () => new Date(modified).toUTCString());
  add(DAV_NS, "supportedlock", () => SUPPORTED_LOCK);
  add(DAV_NS, "lockdiscovery", () => lockDiscoveryXml(ctx, node.path));
  if (node.kind === "file") {
    const content = contentOf(node.entry);
    add(DAV_NS, "getcontentlength", () => String(content.size));
    add(DAV_NS, "getcontenttype", () => escapeXml(content.mimeType));
    add(DAV_NS, "getetag", () => escapeXml(etagOf(node) ?? ""));
    const number = node.entry.number;
    if (node.entry.documentId && number !== null) {
      add(DOCKET_NS, "document-number", () => escapeXml(number));
      add(DOCKET_NS, "document-version", () => String(node.entry.docVersion ?? ""));
    }
  }
  return live;
}

const propstat = (props: string[], status: string) =>
  props.length === 0
    ? ""
    : `<D:propstat><D:prop>${props.join("")}</D:prop><D:status>HTTP/1.1 ${status}</D:status></D:propstat>`;

async function describe(ctx: AppContext, node: DavNode, request: Request): Promise<string> {
  const live = liveProperties(ctx, node);
  const dead = await repo.propertiesOf(ctx.db, node.id);
  const found: string[] = [];
  const missing: string[] = [];
  if (request.kind === "propname") {
    for (const { prop } of live.values()) found.push(propXml(prop));
    for (const d of dead) found.push(propXml({ ns: d.namespace, name: d.name }));
  } else if (request.kind === "allprop") {
    for (const { prop, inner } of live.values()) {
      if (prop.ns === DAV_NS || prop.ns === DOCKET_NS) found.push(propXml(prop, await inner()));
    }
    for (const d of dead) found.push(d.xml);
  } else {
    const deadByKey = new Map(dead.map((d) => [key({ ns: d.namespace, name: d.name }), d]));
    for (const prop of request.props) {
      const l = live.get(key(prop));
      const d = deadByKey.get(key(prop));
      if (l) found.push(propXml(prop, await l.inner()));
      else if (d) found.push(d.xml);
      else missing.push(propXml(prop));
    }
  }
  const href = hrefOf(node.path, node.kind !== "file");
  return `<D:response><D:href>${escapeXml(href)}</D:href>${propstat(found, "200 OK")}${propstat(missing, "404 Not Found")}</D:response>`;
}

export async function propfind(
  ctx: AppContext,
  actor: Actor,
  node: DavNode,
  depth: "0" | "1",
  request: Request,
): Promise<string> {
  const nodes = depth === "1" && node.kind !== "file" ? [node, ...(await childrenOf(ctx, actor, node))] : [node];
  const responses: string[] = [];
  for (const n of nodes) responses.push(await describe(ctx, n, request));
  return multistatus(responses);
}

interface PatchOp {
  set: boolean;
  prop: PropName;
  element: Element;
}

/** PROPPATCH: every instruction in order, all or nothing; DAV: properties are live and refused (403). */
export async function proppatch(ctx: AppContext, node: DavNode, body: string): Promise<string> {
  const root = parseXml(body);
  if (!isDav(root, "propertyupdate")) throw new DavError(400, "Expected a DAV:propertyupdate body");
  const ops: PatchOp[] = [];
  for (const instruction of childElements(root)) {
    const set = isDav(instruction, "set");
    if (!set && !isDav(instruction, "remove")) continue;
    for (const container of childElements(instruction).filter((e) => isDav(e, "prop"))) {
      for (const element of childElements(container)) ops.push({ set, prop: propNameOf(element), element });
    }
  }
  const refused = ops.filter((op) => op.prop.ns === DAV_NS);
  const href = `<D:href>${escapeXml(hrefOf(node.path, node.kind !== "file"))}</D:href>`;
  if (refused.length > 0) {
    const failed = ops.filter((op) => op.prop.ns !== DAV_NS);
    return multistatus([
      `<D:response>${href}${propstat(
        refused.map((op) => propXml(op.prop)),
        "403 Forbidden",
      )}${propstat(
        failed.map((op) => propXml(op.prop)),
        "424 Failed Dependency",
      )}</D:response>`,
    ]);
  }
  await inTransaction(ctx, async ({ trx }) => {
    for (const op of ops) {
      if (op.set) await repo.setProperty(trx, node.id, op.prop.ns, op.prop.name, serialize(op.element));
      else await repo.removeProperty(trx, node.id, op.prop.ns, op.prop.name);
    }
  });
  return multistatus([
    `<D:response>${href}${propstat(
      ops.map((op) => propXml(op.prop)),
      "200 OK",
    )}</D:response>`,
  ]);
}
