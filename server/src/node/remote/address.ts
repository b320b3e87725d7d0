/**
 * Addresses that are not on the public internet: a post copied from a feed must not make a CI runner or an editor
 * request its own loopback, its network's private hosts or the cloud metadata service (169.254.169.254). Checked on
 * the address a name resolves to, for every request (each redirect hop included), so a public name that resolves to a
 * private address is refused too.
 */
import * as dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the machine itself
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier NAT; some clouds' metadata, 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata address among them
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast, and below the broadcast
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
INTERNAL.addAddress('::', 'ipv6');
INTERNAL.addAddress('::1', 'ipv6');
INTERNAL.addSubnet('fc00::', 7, 'ipv6'); // unique local
INTERNAL.addSubnet('fe80::', 10, 'ipv6'); // link-local
INTERNAL.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** Whether an IP address (v4, v6, or v4 mapped into v6) is loopback, private, link-local or otherwise not public. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  return INTERNAL.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

export const INTERNAL_CODE = 'ENEWSDESK_INTERNAL';

/** The error a refused address fails the request with. */
export function internalAddressError(host: string, address: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(host === address ? `${address} is a private or local address` : `${host} resolves to ${address}, a private or local address`);
  error.code = INTERNAL_CODE;
  return error;
}

/** `dns.lookup` that fails when any address the name resolves to is internal (either could be the one connected to). */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) return callback(internalAddressError(hostname, internal.address), '', 0);
    if (options.all) return callback(null, addresses);
    const first = addresses.find((entry) => !options.family || entry.family === options.family) ?? addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};
