/**
 * Per-table normalizers/validators. They mutate the merged row in place and throw -10 on bad data.
 * The exact FMG rules are not in the reference; these mirror FortiOS CLI constraints [U].
 */
import type { Row } from './filter';
import { E_INVALID_DATA, fail } from './status';
import { str } from './util';

const bad = (): never => fail(E_INVALID_DATA);

export function ipToInt(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m || m.slice(1).some((p) => Number(p) > 255)) return undefined;
  return m
    .slice(1)
    .map(Number)
    .reduce((acc, p) => acc * 256 + p, 0);
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isContiguous(mask: number): boolean {
  const inv = ~mask >>> 0;
  return (inv & (inv + 1)) === 0;
}

/** Accepts ["ip","mask"], "ip mask" or "ip/len"; returns ["ip","mask"] or undefined if malformed. */
export function parseSubnet(v: unknown, requireContiguous = true): [string, string] | undefined {
  let ip: unknown;
  let mask: unknown;
  if (Array.isArray(v) && v.length === 2) [ip, mask] = v;
  else if (typeof v === 'string') {
    const parts = v.trim().split(/\s+|\//);
    if (parts.length !== 2) return undefined;
    [ip, mask] = parts;
  } else return undefined;
  if (ipToInt(ip) === undefined) return undefined;
  let m = ipToInt(mask);
  if (m === undefined && typeof mask === 'string' && /^\d{1,2}$/.test(mask) && Number(mask) <= 32) {
    m = Number(mask) === 0 ? 0 : (0xffffffff << (32 - Number(mask))) >>> 0;
  }
  if (m === undefined || (requireContiguous && !isContiguous(m))) return undefined;
  return [str(ip).trim(), intToIp(m)];
}

const ADDRESS_TYPES = ['ipmask', 'iprange', 'fqdn', 'wildcard', 'geography'];

export function validateAddress(row: Row): void {
  row.type ??= 'ipmask';
  if (!ADDRESS_TYPES.includes(str(row.type))) bad();
  switch (row.type) {
    case 'ipmask':
      row.subnet = parseSubnet(row.subnet) ?? bad();
      break;
    case 'iprange': {
      const s = ipToInt(row['start-ip']);
      const e = ipToInt(row['end-ip']);
      if (s === undefined || e === undefined || s > e) bad();
      break;
    }
    case 'fqdn':
      if (typeof row.fqdn !== 'string' || row.fqdn.trim() === '') bad();
      break;
    case 'wildcard':
      // Wildcard masks are the one place a non-contiguous mask is legal.
      row.wildcard = parseSubnet(row.wildcard, false) ?? bad();
      break;
    case 'geography':
      if (typeof row.country !== 'string' || !/^[A-Z]{2}$/.test(row.country)) bad();
      break;
  }
}

const PROTOCOLS = ['TCP/UDP/SCTP', 'ICMP', 'ICMP6', 'IP', 'ALL'];
const PORTRANGE = /^\d+(-\d+)?(:\d+(-\d+)?)?$/;

export function validateService(row: Row): void {
  row.protocol ??= 'TCP/UDP/SCTP';
  if (!PROTOCOLS.includes(str(row.protocol))) bad();
  for (const attr of ['tcp-portrange', 'udp-portrange', 'sctp-portrange']) {
    const v = row[attr];
    if (v === undefined) continue;
    const tokens = Array.isArray(v) ? v.map(str) : str(v).trim().split(/\s+/).filter(Boolean);
    const ports = tokens.flatMap((t) => (PORTRANGE.test(t) ? t.split(/[-:]/).map(Number) : [NaN]));
    if (ports.some((p) => !(p >= 0 && p <= 65535))) bad();
    row[attr] = tokens;
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'none'];

export function validateSchedule(row: Row): void {
  if (row.day !== undefined) {
    // FortiOS writes days space-separated ("monday tuesday"); accept that inside a list too.
    const days = (Array.isArray(row.day) ? row.day : [row.day]).flatMap((d) => str(d).split(/\s+/));
    row.day = days.filter(Boolean);
    if (!days.every((d) => DAYS.includes(d))) bad();
  }
  for (const attr of ['start', 'end']) if (row[attr] !== undefined && !TIME.test(str(row[attr]))) bad();
}

export function validateVip(row: Row): void {
  if (ipToInt(row.extip) === undefined) bad();
  if (typeof row.mappedip === 'string') row.mappedip = [row.mappedip];
  if (!Array.isArray(row.mappedip) || row.mappedip.length === 0) bad();
}

export function validateIppool(row: Row): void {
  const s = ipToInt(row.startip);
  const e = ipToInt(row.endip);
  if (s === undefined || e === undefined || s > e) bad();
  row.type ??= 'overload';
}

const enumCheck = (row: Row, attr: string, allowed: string[]) => {
  if (row[attr] !== undefined && !allowed.includes(str(row[attr]))) bad();
};

export function validatePolicy(row: Row): void {
  enumCheck(row, 'action', ['accept', 'deny', 'ipsec']);
  enumCheck(row, 'status', ['enable', 'disable']);
  enumCheck(row, 'nat', ['enable', 'disable']);
  enumCheck(row, 'logtraffic', ['all', 'utm', 'disable']);
}
