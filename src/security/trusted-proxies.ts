import { BlockList, isIP } from 'node:net';

/**
 * Which peers' `X-Forwarded-For` the server believes (setting `TRUST_PROXY`): a list of addresses and CIDR ranges
 * (`10.0.0.0/8, 127.0.0.1, fd00::/8`, or `loopback`), or a number of proxy hops in front of the server. Nothing set:
 * no one is believed and the socket's address is the client's.
 */
export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };

/** `::ffff:10.0.0.1` is 10.0.0.1: a dual-stack socket reports IPv4 peers that way. */
function plainAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? (mapped[1] as string) : trimmed;
}

/** Parses `TRUST_PROXY`; throws an Error naming the first entry it cannot read (the settings report it). */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return { kind: 'none' };
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value.trim());
    if (hops < 1 || hops > 10) throw new Error('as a number of proxy hops must be between 1 and 10');
    return { kind: 'hops', hops };
  }
  const list = new BlockList();
  for (const raw of value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    if (raw === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits, extra] = raw.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new Error(`"${raw}" is not an IP address, a CIDR range or "loopback"`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${raw}" has a prefix length that is not valid for its address`);
    list.addSubnet(address, prefix, type);
  }
  return { kind: 'list', list };
}

/** True when `address` is one of the trusted proxies of a list. */
function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address as far as the trusted proxies vouch for it: from the socket's peer, back along
 * `X-Forwarded-For` (right to left) while each hop is a trusted proxy. An untrusted peer's header is ignored, so a
 * caller cannot pick its own address to dodge a limit.
 */
export function clientAddress(trusted: TrustedProxies, socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string {
  const peer = plainAddress(socketAddress ?? 'unknown');
  if (trusted.kind === 'none' || forwardedFor === undefined) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map(plainAddress).filter(Boolean);
  // hops, nearest first: the socket's peer, then what each proxy says it heard from
  const chain = [peer, ...forwarded.reverse()];
  if (trusted.kind === 'hops') return chain[Math.min(trusted.hops, chain.length - 1)] as string;
  let index = 0;
  while (index < chain.length - 1 && isTrusted(trusted.list, chain[index] as string)) index += 1;
  const found = chain[index] as string;
  // a hop that is not an address at all (a forged "unknown" or garbage) is not believed past
  return isIP(found) === 0 ? (chain[index - 1] ?? peer) : found;
}
