import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where webhooks may be sent (server-side request forgery guard). A webhook URL is chosen by the API's caller
 * but fetched from inside our network, so: https only (plain http to hosts an operator lists), no credentials
 * in the URL, never the API itself, and no address in a loopback, private, link-local (169.254/16 holds the
 * cloud metadata services), CGNAT, multicast or reserved range unless an operator allows it. The address check
 * runs when the endpoint is saved and again at every connection (DNS can change between the two).
 */
export interface TargetPolicy {
  allowHttpHosts: string[];
  /** Addresses or CIDR ranges allowed even though they are blocked below. */
  allowPrivate: string[];
  /** The API's own origins (PUBLIC_URL, and HOST:PORT), never a target. */
  apiOrigins: { host: string; port: string }[];
}

export type TargetRefusal =
  | 'invalid_url'
  | 'https_required'
  | 'credentials_in_url'
  | 'api_itself'
  | 'metadata_host'
  | 'unresolvable'
  | 'address_not_allowed';

export class TargetRefusedError extends Error {
  readonly code = 'ETARGETREFUSED';
  constructor(
    readonly reason: TargetRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT; also Alibaba's metadata 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: AWS/GCP/Azure metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const BLOCKED_V6: [string, number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d (e.g. [::127.0.0.1])
  ['64:ff9b::', 96], // NAT64 reaches IPv4 space
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2001::', 32], // Teredo tunnels to IPv4 addresses
  ['2002::', 16], // 6to4 embeds an IPv4 address
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local; AWS metadata fd00:ec2::254
  ['fe80::', 10],
  ['ff00::', 8],
];
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data']);

const blocked = new BlockList();
for (const [net, prefix] of BLOCKED_V4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of BLOCKED_V6) blocked.addSubnet(net, prefix, 'ipv6');

function allowListOf(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(prefix), family);
  }
  return list;
}

const WILDCARD = new Set(['0.0.0.0', '::']);
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
const familyOf = (address: string) => (isIP(address) === 6 ? ('ipv6' as const) : ('ipv4' as const));

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:1.2.3.4`, or `::ffff:102:304` as URLs write it). */
function mappedV4(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [hi, lo] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();

export function createTargetGuard(policy: TargetPolicy, resolve: typeof dnsLookup = dnsLookup) {
  const allowed = allowListOf(policy.allowPrivate);
  const httpHosts = new Set(policy.allowHttpHosts.map((h) => bareHost(h)));

  /** Whether a connection to this resolved address may be made. */
  function addressAllowed(address: string): boolean {
    const v4 = mappedV4(address);
    const [addr, family] = v4 ? [v4, 'ipv4' as const] : [address, familyOf(address)];
    return allowed.check(addr, family) || !blocked.check(addr, family);
  }

  /** Its host or address is one the API listens on (a loopback address counts when the API listens on all). */
  function isApiItself(host: string, port: string, address?: string): boolean {
    return policy.apiOrigins.some((o) => {
      if (o.port !== port) return false;
      const own = bareHost(o.host);
      if (own === host || own === address) return true;
      return (
        address !== undefined &&
        (WILDCARD.has(own) || own === 'localhost') &&
        loopback.check(address, familyOf(address))
      );
    });
  }

  /** The URL's own rules, before any DNS: returns the parsed URL. */
  function checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new TargetRefusedError('invalid_url', 'not an absolute URL');
    }
    const host = bareHost(url.hostname);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new TargetRefusedError('https_required', 'use an https:// URL');
    if (url.protocol === 'http:' && !httpHosts.has(host))
      throw new TargetRefusedError(
        'https_required',
        'use an https:// URL; plain http is allowed only to hosts an operator lists',
      );
    if (url.username || url.password)
      throw new TargetRefusedError('credentials_in_url', 'put no user name or password in the URL');
    if (METADATA_HOSTS.has(host))
      throw new TargetRefusedError('metadata_host', 'cloud metadata services are never a target');
    if (isApiItself(host, portOf(url)))
      throw new TargetRefusedError('api_itself', 'the API cannot send webhooks to itself');
    return url;
  }

  function lookupAll(host: string): Promise<LookupAddress[]> {
    return new Promise((ok, fail) =>
      resolve(host, { all: true, verbatim: true }, (err, addresses) => (err ? fail(err) : ok(addresses))),
    );
  }

  /** The URL's rules plus where its host resolves now: every address must be allowed. */
  async function check(raw: string): Promise<URL> {
    const url = checkUrl(raw);
    const host = bareHost(url.hostname);
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = (await lookupAll(host)).map((a) => a.address);
      } catch {
        throw new TargetRefusedError('unresolvable', `the host ${host} does not resolve`);
      }
    }
    for (const address of addresses) {
      if (!addressAllowed(address))
        throw new TargetRefusedError('address_not_allowed', `${host} resolves to an address webhooks may not reach`);
      if (isApiItself(host, portOf(url), address))
        throw new TargetRefusedError('api_itself', 'the API cannot send webhooks to itself');
    }
    return url;
  }

  /** A `lookup` for http.request: the connection goes only to an address that is allowed. */
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address));
      if (refused || list.length === 0) {
        const error = new TargetRefusedError(
          'address_not_allowed',
          'the host resolves to an address webhooks may not reach',
        );
        return callback(error as unknown as NodeJS.ErrnoException, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };

  return { check, checkUrl, addressAllowed, guardedLookup };
}
export type TargetGuard = ReturnType<typeof createTargetGuard>;

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The policy from the configuration. */
export function targetPolicyOf(config: {
  WEBHOOK_ALLOW_HTTP_HOSTS: string[];
  WEBHOOK_ALLOW_PRIVATE_TARGETS: string[];
  PUBLIC_URL?: string | undefined;
  HOST: string;
  PORT: number;
}): TargetPolicy {
  const apiOrigins = [{ host: config.HOST, port: String(config.PORT) }];
  if (config.PUBLIC_URL) {
    const u = new URL(config.PUBLIC_URL);
    apiOrigins.push({ host: u.hostname, port: portOf(u) });
  }
  return {
    allowHttpHosts: config.WEBHOOK_ALLOW_HTTP_HOSTS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    apiOrigins,
  };
}
