import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/** A webhook target that DOCKET_WEBHOOK_ALLOW_PRIVATE=false forbids: it is, or resolves to, a non-public address. */
export class WebhookTargetRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    /** ipaddr.js's name of the range: loopback, private, linkLocal, uniqueLocal, unspecified, … */
    readonly range: string,
  ) {
    super(
      `Webhook target ${host}${host === address ? "" : ` (${address})`} is a ${range} address; ` +
        "DOCKET_WEBHOOK_ALLOW_PRIVATE=false allows only public addresses",
    );
  }
}

/**
 * The special range an address belongs to, or null for an ordinary public unicast address. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries. Anything ipaddr.js does not call "unicast" is
 * refused — loopback, RFC 1918, fc00::/7, link-local, unspecified, and also multicast, CGNAT, NAT64 and the reserved
 * blocks, which can carry a private address inside them.
 */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  const range = ipaddr.process(address).range();
  return range === "unicast" ? null : range;
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");

function assertPublic(host: string, addresses: string[]): void {
  for (const address of addresses) {
    const range = nonPublicRange(address);
    if (range) throw new WebhookTargetRefused(host, address, range);
  }
}

/**
 * Checked when a robot is saved: the URL's host, or every address its name resolves to now, must be public. A name
 * that does not resolve yet is let through; it is checked again, address by address, on every delivery.
 */
export async function assertPublicWebhookUrl(url: string): Promise<void> {
  const host = hostOf(url);
  if (isIP(host)) return assertPublic(host, [host]);
  let resolved: dns.LookupAddress[];
  try {
    resolved = await dns.promises.lookup(host, { all: true });
  } catch {
    return;
  }
  assertPublic(
    host,
    resolved.map((r) => r.address),
  );
}

/** For a delivery: an IP literal in the URL never reaches `lookup` (the socket connects to it directly). */
export function assertPublicLiteral(url: string): void {
  const host = hostOf(url);
  if (isIP(host)) assertPublic(host, [host]);
}

/**
 * The socket's own name resolution, checked: the connection goes to exactly the addresses judged here, so a DNS
 * answer that changes between a check and the connect (DNS rebinding) cannot slip a private address through.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    try {
      assertPublic(
        hostname,
        addresses.map((a) => a.address),
      );
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};
