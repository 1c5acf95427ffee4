import { DOMParser, XMLSerializer, type Element, type Node } from "@xmldom/xmldom";

export const DAV_NS = "DAV:";

/** A WebDAV answer that is not a problem+json error: a status, an optional XML body (RFC 4918 precondition). */
export class DavError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly condition?: string,
  ) {
    super(message);
  }
}

export interface PropName {
  ns: string;
  name: string;
}

/** Parses a request body; bad XML (or a prefix bound to no namespace) is the client's fault: 400. */
export function parseXml(text: string): Element {
  let document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    throw new DavError(400, `The XML body is not well-formed: ${(error as Error).message}`);
  }
  const root = document.documentElement;
  if (!root) throw new DavError(400, "The XML body has no root element");
  return root;
}

export function childElements(node: Node): Element[] {
  const result: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) result.push(child as Element);
  }
  return result;
}

export const isDav = (element: Element, name: string) => element.namespaceURI === DAV_NS && element.localName === name;

export const propNameOf = (element: Element): PropName => ({
  ns: element.namespaceURI ?? "",
  name: element.localName ?? element.nodeName,
});

/** The element as text, with the namespace declarations it needs, so it can be stored and replayed verbatim. */
export const serialize = (node: Node) => new XMLSerializer().serializeToString(node);

export const serializeChildren = (node: Node) => {
  let text = "";
  for (let child = node.firstChild; child; child = child.nextSibling) text += serialize(child);
  return text;
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`);
}

/** A property element, empty or with the given inner XML, in its own namespace. */
export function propXml(prop: PropName, inner = ""): string {
  if (prop.ns === DAV_NS) return `<D:${prop.name}>${inner}</D:${prop.name}>`;
  if (prop.ns === "") return `<${prop.name} xmlns="">${inner}</${prop.name}>`;
  return `<P:${prop.name} xmlns:P="${escapeXml(prop.ns)}">${inner}</P:${prop.name}>`;
}

export const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';

export function multistatus(responses: string[]): string {
  return `${XML_HEAD}<D:multistatus xmlns:D="DAV:">${responses.join("")}</D:multistatus>`;
}

export function errorBody(condition: string): string {
  return `${XML_HEAD}<D:error xmlns:D="DAV:">${condition}</D:error>`;
}
