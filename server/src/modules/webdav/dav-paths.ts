import { DavError } from "./dav-xml.js";

export const DAV_PREFIX = "/dav";

/** A drive path: "/" or "/Договоры/2026/x.pdf", each segment decoded. */
export interface DavPath {
  path: string;
  segments: string[];
}

const FORBIDDEN_NAME = /[\p{Cc}/\\]/u;

/** A name a WebDAV client may give a file or folder: anything a desktop could show, nothing that climbs out. */
export const validName = (name: string) =>
  name !== "" && name !== "." && name !== ".." && name.length <= 255 && !FORBIDDEN_NAME.test(name);

/** "/dav/a%20b/c" (query dropped) → { path: "/a b/c" }; 400 for what is not under /dav or does not decode. */
export function parseDavTarget(target: string): DavPath {
  // A fragment never belongs in a request target: refusing it beats acting on the part before "#".
  if (target.includes("#")) throw new DavError(400, "The request target carries a fragment");
  const pathname = target.split("?")[0] ?? "";
  if (pathname !== DAV_PREFIX && !pathname.startsWith(`${DAV_PREFIX}/`)) throw new DavError(400, "Not a /dav/ path");
  const segments: string[] = [];
  for (const raw of pathname.slice(DAV_PREFIX.length).split("/")) {
    if (raw === "") continue;
    let name: string;
    try {
      name = decodeURIComponent(raw).normalize("NFC");
    } catch {
      throw new DavError(400, `"${raw}" is not a valid URL segment`);
    }
    if (!validName(name)) throw new DavError(400, `"${name}" is not a valid name`);
    segments.push(name);
  }
  return { path: `/${segments.join("/")}`, segments };
}

/** The Destination header: an absolute URL on this server or an absolute path (RFC 4918 §10.3). */
export function parseDestination(header: string | undefined): DavPath {
  if (!header) throw new DavError(400, "A Destination header is required");
  let pathname: string;
  try {
    pathname = new URL(header, "http://destination.invalid").pathname;
  } catch {
    throw new DavError(400, "The Destination header is not a URL");
  }
  if (pathname !== DAV_PREFIX && !pathname.startsWith(`${DAV_PREFIX}/`)) {
    throw new DavError(502, "The destination is not on this drive");
  }
  return parseDavTarget(pathname);
}

const encodeSegment = (name: string) =>
  encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function hrefOf(path: string, collection: boolean): string {
  const encoded = path
    .split("/")
    .filter((s) => s !== "")
    .map(encodeSegment)
    .join("/");
  if (encoded === "") return `${DAV_PREFIX}/`;
  return `${DAV_PREFIX}/${encoded}${collection ? "/" : ""}`;
}

export const parentOf = (path: string) => {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
};
export const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** `path` is `ancestor` or lies inside it. */
export const isWithin = (path: string, ancestor: string) =>
  ancestor === "/" || path === ancestor || path.startsWith(`${ancestor}/`);

/**
 * Files office programs and desktops write beside a document while they work: lock and owner files, temporary
 * saves, macOS and Windows metadata. They stay plain drive files and never become registered documents.
 */
const TEMPORARY_NAMES = [
  /^~\$/, // MS Office owner file: ~$Договор.docx
  /^\.~lock\..*#$/, // LibreOffice lock file: .~lock.Договор.docx#
  /\.tmp$/i, // x.tmp, ~WRL0001.tmp, LibreOffice's lu12345.tmp
  /^~.*\.tmp$/i,
  /^\._/, // macOS AppleDouble
  /^\.DS_Store$/,
  /^Thumbs\.db$/i,
  /^desktop\.ini$/i,
];
export const isTemporaryName = (name: string) => TEMPORARY_NAMES.some((pattern) => pattern.test(name));
