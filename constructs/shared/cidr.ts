/** An IPv4 CIDR block as a numeric range, for containment and overlap checks. */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for anything else, including host bits set. */
export function parseCidr(cidr: string): Ipv4Range | undefined {
  const match = CIDR.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { first: address, last: address + size - 1 };
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** A rule: a valid IPv4 CIDR block with no host bits set. */
export function cidrBlock(value: string): string | undefined {
  return parseCidr(value) ? undefined : "must be an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set";
}
