import { isIPv4, isIPv6 } from 'node:net';

/** Why an address may not receive a delivery; undefined means it is a public unicast address. */
export type BlockReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'not-an-ip';

interface Range4 {
  base: number;
  bits: number;
  reason: BlockReason;
}

const range4 = (cidr: string, reason: BlockReason): Range4 => {
  const [address, bits] = cidr.split('/');
  return { base: parseIPv4(address)!, bits: Number(bits), reason };
};

/** IANA IPv4 special-purpose registry: everything that is not globally reachable unicast. */
const IPV4_BLOCKED: readonly Range4[] = [
  range4('0.0.0.0/8', 'unspecified'),
  range4('10.0.0.0/8', 'private'),
  range4('100.64.0.0/10', 'cgnat'),
  range4('127.0.0.0/8', 'loopback'),
  range4('169.254.0.0/16', 'link-local'),
  range4('172.16.0.0/12', 'private'),
  range4('192.0.0.0/24', 'reserved'),
  range4('192.0.2.0/24', 'documentation'),
  range4('192.88.99.0/24', 'reserved'), // the deprecated 6to4 relay anycast prefix
  range4('192.168.0.0/16', 'private'),
  range4('198.18.0.0/15', 'benchmarking'),
  range4('198.51.100.0/24', 'documentation'),
  range4('203.0.113.0/24', 'documentation'),
  range4('224.0.0.0/4', 'multicast'),
  range4('240.0.0.0/4', 'reserved'), // includes 255.255.255.255
];

export function parseIPv4(text: string): number | undefined {
  if (!isIPv4(text)) return undefined;
  return text.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function classifyIPv4(value: number): BlockReason | undefined {
  for (const range of IPV4_BLOCKED) {
    const size = 2 ** (32 - range.bits);
    if (value >= range.base && value < range.base + size) return range.reason;
  }
  return undefined;
}

/** 16 bytes of an IPv6 address (zone id dropped, embedded dotted IPv4 tail understood). */
export function parseIPv6(text: string): Uint8Array | undefined {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  let head = address;
  const tail: number[] = [];
  if (address.includes('.')) {
    // `::ffff:10.0.0.1`, `64:ff9b::10.0.0.1`: the last group is a dotted IPv4 address.
    const cut = address.lastIndexOf(':');
    const v4 = parseIPv4(address.slice(cut + 1));
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    head = address.slice(0, cut + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').filter((g) => g !== '') : []);
  const leftGroups = groups(left).map((g) => parseInt(g, 16));
  const rightGroups = groups(right).map((g) => parseInt(g, 16));
  const missing = 8 - tail.length - leftGroups.length - rightGroups.length;
  if (missing < 0 || (right === undefined && missing !== 0)) return undefined;
  const words = [...leftGroups, ...new Array<number>(missing).fill(0), ...rightGroups, ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[byte] & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const v4At = (bytes: Uint8Array, offset: number): number =>
  ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];

function classifyIPv6(bytes: Uint8Array): BlockReason | undefined {
  if (bytes.every((b) => b === 0)) return 'unspecified';
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return 'loopback';
  // Forms that carry an IPv4 address: the embedded one decides, or `::ffff:127.0.0.1`
  // would reach loopback and `64:ff9b::a00:1` a private network through a NAT64 gateway.
  const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
  if (startsWith(bytes, mapped, 96)) return classifyIPv4(v4At(bytes, 12));
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b], 96)) return classifyIPv4(v4At(bytes, 12));
  if (startsWith(bytes, [0x20, 0x02], 16)) return classifyIPv4(v4At(bytes, 2)); // 6to4
  if (startsWith(bytes, [0xfc], 7)) return 'private'; // unique local
  if (startsWith(bytes, [0xfe, 0x80], 10)) return 'link-local';
  if (startsWith(bytes, [0xfe, 0xc0], 10)) return 'private'; // deprecated site-local
  if (startsWith(bytes, [0xff], 8)) return 'multicast';
  // Only 2000::/3 is allocated as global unicast; the rest (::/96 IPv4-compatible, 100::/64
  // discard, 64:ff9b:1::/48 local NAT64, …) is reserved.
  if (!startsWith(bytes, [0x20], 3)) return 'reserved';
  if (startsWith(bytes, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'documentation';
  if (startsWith(bytes, [0x3f, 0xff], 20)) return 'documentation';
  // IETF protocol assignments, including Teredo (2001::/32), whose client address is obfuscated.
  if (startsWith(bytes, [0x20, 0x01, 0x00], 23)) return 'reserved';
  return undefined;
}

/**
 * Classifies one IP address (v4, or v6 with or without brackets). Deliveries go only to addresses
 * for which this returns undefined, unless the destination host is allowlisted.
 */
export function classifyAddress(address: string): BlockReason | undefined {
  const v4 = parseIPv4(address);
  if (v4 !== undefined) return classifyIPv4(v4);
  const v6 = parseIPv6(address);
  if (v6 !== undefined) return classifyIPv6(v6);
  return 'not-an-ip';
}

/** True for an IP literal (either family, IPv6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== undefined || parseIPv6(host) !== undefined;
}
