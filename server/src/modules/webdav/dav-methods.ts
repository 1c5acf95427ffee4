import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import { notFound } from "../../lib/errors.js";
import { moveDocumentFile } from "../documents/index.js";
import * as drive from "../drive/index.js";
import { createFolder, deleteNode, landContent, receiveBody, storedLanding } from "./dav-files.js";
import {
  activeLockXml,
  assertIfHeader,
  assertUnlocked,
  createLock,
  parseIfHeader,
  parseTimeout,
  refreshLock,
  submittedTokens,
  unlock,
} from "./dav-locks.js";
import { hrefOf, isTemporaryName, isWithin, nameOf, parentOf, parseDestination, type DavPath } from "./dav-paths.js";
import { parsePropfind, propfind, proppatch } from "./dav-props.js";
import {
  childPath,
  childrenOf,
  contentOf,
  etagOf,
  nameTaken,
  resolveCollection,
  resolveNode,
  type DavNode,
} from "./dav-tree.js";
import { childElements, DavError, escapeXml, isDav, parseXml, serializeChildren, XML_HEAD } from "./dav-xml.js";
import * as repo from "./webdav.repository.js";

export interface DavCall {
  ctx: AppContext;
  actor: Actor;
  target: DavPath;
  request: FastifyRequest;
  reply: FastifyReply;
}

const XML_TYPE = "application/xml; charset=utf-8";
// A file opened from the drive in a browser must never run as our origin.
const FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";
const MAX_XML_BYTES = 1024 * 1024;

async function readXmlBody(request: FastifyRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_XML_BYTES) throw new DavError(413, "The XML body is too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const hasBody = (request: FastifyRequest) =>
  Number(request.headers["content-length"] ?? 0) > 0 || request.headers["transfer-encoding"] !== undefined;

const ifLists = (call: DavCall) => parseIfHeader(call.request.headers.if?.toString());

/** Lock and If-header checks every write goes through, for each path it changes. */
async function guardWrite(call: DavCall, paths: { path: string; deep?: boolean }[]) {
  const lists = ifLists(call);
  // Conditions first (412), then locks (423): a true If header may still name no token of the lock.
  await assertIfHeader(call.ctx, call.actor, call.target.path, lists);
  const tokens = submittedTokens(lists);
  for (const p of paths) await assertUnlocked(call.ctx, call.actor, p.path, tokens, { deep: p.deep });
}

async function requireNode(call: DavCall, path = call.target.path): Promise<DavNode> {
  const node = await resolveNode(call.ctx, call.actor, path);
  if (!node) throw notFound(`Nothing at ${path}`);
  return node;
}

export function options(reply: FastifyReply) {
  return reply
    .header("dav", "1, 2")
    .header("ms-author-via", "DAV")
    .header("allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK")
    .header("content-length", "0")
    .status(200)
    .send();
}

export async function get(call: DavCall, head: boolean) {
  const node = await requireNode(call);
  if (node.kind !== "file") {
    const children = node.kind === "root" || node.kind === "folder" ? await childrenOf(call.ctx, call.actor, node) : [];
    const items = children
      .map((c) => `<li><a href="${escapeXml(hrefOf(c.path, c.kind !== "file"))}">${escapeXml(nameOf(c.path))}</a></li>`)
      .join("");
    const html = `<!doctype html><meta charset="utf-8"><title>${escapeXml(node.path)}</title><ul>${items}</ul>`;
    return call.reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", FILE_CSP)
      .send(head ? undefined : html);
  }
  const content = contentOf(node.entry);
  call.reply
    .type(content.mimeType)
    .header("etag", etagOf(node))
    .header("last-modified", new Date(node.entry.updatedAt).toUTCString())
    .header("accept-ranges", "bytes")
    .header("content-security-policy", FILE_CSP)
    .header("cache-control", "private, no-cache");
  const range = parseRange(call.request.headers.range, content.size);
  if (range === "unsatisfiable") {
    return call.reply.status(416).header("content-range", `bytes */${content.size}`).send();
  }
  const { start, end } = range ?? { start: 0, end: content.size - 1 };
  const length = Math.max(0, end - start + 1);
  if (range) call.reply.status(206).header("content-range", `bytes ${start}-${end}/${content.size}`);
  call.reply.header("content-length", length);
  if (head || length === 0) return call.reply.send(head ? undefined : "");
  const stream = await blobStoreFor(call.ctx.config).openVerified(content.sha256, { start, end });
  return call.reply.send(stream);
}

/** One `bytes=` range (a multi-range request gets the whole file, which RFC 9110 allows). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

export async function put(call: DavCall) {
  const { ctx, actor, target } = call;
  if (target.path === "/") throw new DavError(405, "The root is a folder");
  const parent = await resolveCollection(ctx, actor, parentOf(target.path));
  if (!parent) throw new DavError(409, "The parent folder does not exist");
  if (parent.kind === "root") throw new DavError(403, "Files live in folders; create one first");
  const node = await resolveNode(ctx, actor, target.path);
  if (node && node.kind !== "file") throw new DavError(405, "A folder has this name");
  if (!node && (await drive.findFolderByPath(ctx.db, target.path))) throw new DavError(405, "A folder has this name");
  await guardWrite(call, [{ path: target.path }]);
  const blob = await receiveBody(ctx, call.request.raw);
  try {
    const { created } = await landContent(ctx, actor, parent.folder, nameOf(target.path), {
      blob,
      mimeType: call.request.headers["content-type"] ?? "",
    });
    return call.reply.status(created ? 201 : 204).send();
  } finally {
    await blobStoreFor(ctx.config).discard(blob);
  }
}

export async function mkcol(call: DavCall) {
  const { ctx, actor, target } = call;
  if (hasBody(call.request)) throw new DavError(415, "MKCOL takes no body");
  if (target.path === "/") throw new DavError(405, "The root exists");
  const parent = await resolveCollection(ctx, actor, parentOf(target.path));
  if (await resolveNode(ctx, actor, target.path)) throw new DavError(405, "Something already has this name");
  if (!parent) throw new DavError(409, "The parent folder does not exist");
  if (await nameTaken(ctx, parent, nameOf(target.path))) throw new DavError(405, "Something already has this name");
  await guardWrite(call, [{ path: target.path }]);
  await createFolder(ctx, actor, { id: parent.kind === "root" ? null : parent.id }, target.path, nameOf(target.path));
  return call.reply.status(201).send();
}

export async function remove(call: DavCall) {
  const node = await requireNode(call);
  await guardWrite(call, [{ path: node.path, deep: true }]);
  await deleteNode(call.ctx, call.actor, node);
  return call.reply.status(204).send();
}

/** COPY and MOVE share their checks: destination, Overwrite, locks on both ends. */
export async function copyOrMove(call: DavCall, move: boolean) {
  const { ctx, actor } = call;
  const source = await requireNode(call);
  if (source.kind === "root") throw new DavError(403, "The root cannot be copied or moved");
  const destination = parseDestination(call.request.headers.destination?.toString());
  const depthHeader = call.request.headers.depth?.toString().toLowerCase() ?? "infinity";
  if (!["0", "infinity"].includes(depthHeader) || (move && depthHeader === "0" && source.kind !== "file")) {
    throw new DavError(400, "Depth must be 0 or infinity");
  }
  if (destination.path === source.path) throw new DavError(403, "Source and destination are the same");
  if (source.kind === "folder" && isWithin(destination.path, source.path)) {
    throw new DavError(403, "A folder cannot go inside itself");
  }
  const parent = await resolveCollection(ctx, actor, parentOf(destination.path));
  if (!parent) throw new DavError(409, "The destination's folder does not exist");
  const overwrite = (call.request.headers.overwrite?.toString().toUpperCase() ?? "T") !== "F";
  const existing = await resolveNode(ctx, actor, destination.path);
  const taken = existing !== null || (await nameTaken(ctx, parent, nameOf(destination.path)));
  if (taken && !overwrite) throw new DavError(412, "The destination exists and Overwrite is F");
  if (taken && !existing) throw new DavError(403, "Something you cannot see has that name");
  await guardWrite(call, [
    ...(move ? [{ path: source.path, deep: true }] : []),
    { path: destination.path, deep: true },
  ]);

  if (source.kind === "file") {
    if (parent.kind === "root") throw new DavError(403, "Files live in folders");
    if (existing && existing.kind !== "file") await deleteNode(ctx, actor, existing);
    if (move && source.entry.documentId) {
      if (existing?.kind === "file") {
        if (existing.entry.documentId) throw new DavError(403, "A registered document cannot replace another");
        await deleteNode(ctx, actor, existing);
      }
      const oldName = nameOf(source.path);
      const newName = nameOf(destination.path);
      const renamedAway = isTemporaryName(newName) && !isTemporaryName(oldName) && parent.id === source.folder.id;
      await moveDocumentFile(ctx, actor, source.entry.documentId, {
        folderId: parent.folder.id,
        folderPath: parent.folder.path,
        name: newName,
        previousName: renamedAway ? oldName : null,
      });
    } else {
      const landing = { ...storedLanding(source), ...(move && { consume: source.entry }) };
      await landContent(ctx, actor, parent.folder, nameOf(destination.path), landing);
      if (!move) {
        const copied = await drive.findEntry(ctx.db, parent.folder.id, nameOf(destination.path));
        if (copied) await repo.copyProperties(ctx.db, source.id, copied.id);
      }
    }
  } else {
    if (existing) await deleteNode(ctx, actor, existing);
    if (move) {
      await drive.moveFolderTree(ctx.db, source.folder, {
        parentId: parent.kind === "root" ? null : parent.id,
        name: nameOf(destination.path),
        path: destination.path,
      });
    } else {
      await copyTree(call, source, destination.path, parent.kind === "root" ? null : parent.id, depthHeader === "0");
    }
  }
  if (move) await repo.deleteLocksWithin(ctx.db, source.path, ctx.clock.now().toISOString());
  return call.reply.status(taken ? 204 : 201).send();
}

async function copyTree(call: DavCall, source: DavNode, to: string, parentId: string | null, shallow: boolean) {
  const { ctx, actor } = call;
  const folder = await createFolder(ctx, actor, { id: parentId }, to, nameOf(to));
  await repo.copyProperties(ctx.db, source.id, folder.id);
  if (shallow || source.kind === "file") return;
  for (const child of await childrenOf(ctx, actor, source)) {
    const childTarget = childPath(to, nameOf(child.path));
    if (child.kind === "file") {
      await landContent(ctx, actor, folder, nameOf(child.path), storedLanding(child));
      const copied = await drive.findEntry(ctx.db, folder.id, nameOf(child.path));
      if (copied) await repo.copyProperties(ctx.db, child.id, copied.id);
    } else {
      await copyTree(call, child, childTarget, folder.id, false);
    }
  }
}

export async function propfindMethod(call: DavCall) {
  const depth = call.request.headers.depth?.toString().toLowerCase();
  if (depth !== "0" && depth !== "1") {
    throw new DavError(403, "PROPFIND with Depth: infinity is not supported; use 0 or 1", "<D:propfind-finite-depth/>");
  }
  const request = parsePropfind(await readXmlBody(call.request));
  const node = await requireNode(call);
  const body = await propfind(call.ctx, call.actor, node, depth, request);
  return call.reply.status(207).type(XML_TYPE).send(body);
}

export async function proppatchMethod(call: DavCall) {
  const node = await requireNode(call);
  await guardWrite(call, [{ path: node.path }]);
  const body = await proppatch(call.ctx, node, await readXmlBody(call.request));
  return call.reply.status(207).type(XML_TYPE).send(body);
}

export async function lock(call: DavCall) {
  const { ctx, actor, target } = call;
  const body = await readXmlBody(call.request);
  const timeout = parseTimeout(call.request.headers.timeout?.toString());
  const lockBody = (xml: string) =>
    `${XML_HEAD}<D:prop xmlns:D="DAV:"><D:lockdiscovery>${xml}</D:lockdiscovery></D:prop>`;
  if (body.trim() === "") {
    const refreshed = await refreshLock(ctx, actor, target.path, submittedTokens(ifLists(call)), timeout);
    return call.reply
      .status(200)
      .type(XML_TYPE)
      .send(lockBody(activeLockXml(refreshed)));
  }
  const root = parseXml(body);
  if (!isDav(root, "lockinfo")) throw new DavError(400, "Expected a DAV:lockinfo body");
  const children = childElements(root);
  const scopeElement = children.find((c) => isDav(c, "lockscope"));
  const scope = scopeElement && childElements(scopeElement).some((c) => isDav(c, "shared")) ? "shared" : "exclusive";
  if (!scopeElement || !children.some((c) => isDav(c, "locktype"))) {
    throw new DavError(400, "DAV:lockinfo needs lockscope and locktype");
  }
  const owner = children.find((c) => isDav(c, "owner"));
  const depthHeader = call.request.headers.depth?.toString().toLowerCase() ?? "infinity";
  if (depthHeader !== "0" && depthHeader !== "infinity") throw new DavError(400, "Depth must be 0 or infinity");

  const node = await resolveNode(ctx, actor, target.path);
  let parentFolder: drive.FolderRow | null = null;
  if (!node) {
    const parent = await resolveCollection(ctx, actor, parentOf(target.path));
    if (!parent || parent.kind === "root") throw new DavError(409, "The parent folder does not exist");
    parentFolder = parent.folder;
  }
  await assertIfHeader(ctx, actor, target.path, ifLists(call));
  const created = await createLock(ctx, actor, {
    path: target.path,
    depth: node && node.kind !== "file" ? depthHeader : "0",
    scope,
    ownerXml: owner ? serializeChildren(owner) : null,
    timeout,
  });
  if (parentFolder) {
    // LOCK on an unmapped URL makes an empty file there (RFC 4918 §9.10.4), as editors expect before saving.
    const blob = await blobStoreFor(ctx.config).receive(Readable.from([]));
    try {
      await landContent(ctx, actor, parentFolder, nameOf(target.path), { blob, mimeType: "" });
    } catch (error) {
      await repo.deleteLock(ctx.db, created.token);
      throw error;
    } finally {
      await blobStoreFor(ctx.config).discard(blob);
    }
  }
  return call.reply
    .status(node ? 200 : 201)
    .type(XML_TYPE)
    .header("lock-token", `<${created.token}>`)
    .send(lockBody(activeLockXml(created)));
}

export async function unlockMethod(call: DavCall) {
  await requireNode(call);
  await unlock(call.ctx, call.actor, call.target.path, call.request.headers["lock-token"]?.toString());
  return call.reply.status(204).send();
}
