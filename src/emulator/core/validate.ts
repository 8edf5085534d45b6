/**
 * Per-table normalizers/validators. They mutate the merged row in place and throw -10 on bad data.
 * The exact FMG rules are not in the reference; these mirror FortiOS CLI constraints [U].
 */
import type { Row } from './filter';
import { E, fail } from './status';
import { str } from './util';

const bad = (): never => fail(E.INVALID_DATA);

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

/** An IPv4 address or an "a.b.c.d-e.f.g.h" range (low end first). */
function isIpOrRange(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const [lo, hi, ...rest] = v.split('-');
  if (rest.length > 0) return false;
  const a = ipToInt(lo);
  if (hi === undefined) return a !== undefined;
  const b = ipToInt(hi);
  return a !== undefined && b !== undefined && a <= b;
}

/** Port or port range "80" / "8080-8090"; answers the number of ports, or undefined if malformed. */
function portSpan(v: unknown): number | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(str(v).trim());
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= hi && hi <= 65535 ? hi - lo + 1 : undefined;
}

const VIP_TYPES = ['static-nat', 'load-balance', 'server-load-balance', 'dns-translation', 'fqdn'];
const VIP_PROTOCOLS = ['tcp', 'udp', 'sctp', 'icmp'];

export function validateVip(row: Row): void {
  enumCheck(row, 'type', VIP_TYPES);
  // FortiOS accepts a single external address or a range.
  if (!isIpOrRange(row.extip)) bad();
  if (!Array.isArray(row.mappedip) || row.mappedip.length === 0 || !row.mappedip.every(isIpOrRange)) bad();
  if (typeof row.extintf !== 'string' || row.extintf === '') bad();
  enumCheck(row, 'portforward', ['enable', 'disable']);
  enumCheck(row, 'protocol', VIP_PROTOCOLS);
  if (row.portforward !== 'enable') return;
  // [U] Port forwarding without an external port is refused; the mapped port defaults to it and must
  // be a single port or a range as wide as the external one (FortiOS CLI rules, not in the reference).
  const ext = row.extport === undefined ? undefined : portSpan(row.extport);
  if (ext === undefined) bad();
  row.extport = str(row.extport).trim();
  row.mappedport = row.mappedport === undefined ? row.extport : str(row.mappedport).trim();
  const mapped = portSpan(row.mappedport);
  if (mapped === undefined || (mapped !== 1 && mapped !== ext)) bad();
}

// FortiOS pool types; [U] the reference lists none, and type-specific attributes are not checked.
const IPPOOL_TYPES = ['overload', 'one-to-one', 'fixed-port-range', 'port-block-allocation'];

export function validateIppool(row: Row): void {
  const s = ipToInt(row.startip);
  const e = ipToInt(row.endip);
  if (s === undefined || e === undefined || s > e) bad();
  row.type ??= 'overload';
  enumCheck(row, 'type', IPPOOL_TYPES);
}

const ONETIME = /^([01]\d|2[0-3]):([0-5]\d) (\d{4})\/(\d{2})\/(\d{2})$/;

/** "HH:MM YYYY/MM/DD" → sortable minute count, or undefined for malformed or impossible dates. */
function onetimeStamp(v: unknown): number | undefined {
  const m = ONETIME.exec(str(v).trim());
  if (!m) return undefined;
  const [hh, mm, y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2025/02/30 over into March; a rolled date is not a real one.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return date.getTime() / 60_000 + hh * 60 + mm;
}

export function validateOnetime(row: Row): void {
  // [U] start and end are required here; FortiOS would fill in "now" for a missing one.
  const start = onetimeStamp(row.start);
  const end = onetimeStamp(row.end);
  if (start === undefined || end === undefined || start > end) bad();
  row.start = str(row.start).trim();
  row.end = str(row.end).trim();
  validateColor(row);
}

/** FortiOS object colours are 0 (none) to 32. */
export function validateColor(row: Row): void {
  if (row.color === undefined) return;
  const c = Number(row.color);
  if (!Number.isInteger(c) || c < 0 || c > 32 || typeof row.color === 'boolean') bad();
  row.color = c;
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

const ALLOWACCESS = [
  'ping',
  'https',
  'ssh',
  'http',
  'telnet',
  'snmp',
  'fgfm',
  'radius-acct',
  'probe-response',
  'fabric',
  'ftm',
  'speed-test',
];
const INTERFACE_TYPES = ['physical', 'vlan', 'aggregate', 'redundant', 'loopback', 'tunnel', 'hard-switch'];

/** Device DB `system/interface` (global scope). */
export function validateInterface(row: Row): void {
  // FortiOS interface names are at most 15 characters.
  if (str(row.name).length > 15) bad();
  // Interface addresses are host addresses with a mask, so the host bits are kept as given.
  row.ip = parseSubnet(row.ip) ?? bad();
  // The CLI form is space-separated ("ping https ssh"); accept that inside a list too.
  const access = (Array.isArray(row.allowaccess) ? row.allowaccess : [])
    .flatMap((a) => str(a).split(/\s+/))
    .filter(Boolean);
  if (!access.every((a) => ALLOWACCESS.includes(a))) bad();
  row.allowaccess = [...new Set(access)];
  enumCheck(row, 'status', ['up', 'down']);
  enumCheck(row, 'type', INTERFACE_TYPES);
  enumCheck(row, 'mode', ['static', 'dhcp', 'pppoe']);
  if (row.type === 'vlan') {
    // A VLAN needs its parent interface and a tag.
    const id = Number(row.vlanid);
    if (!Number.isInteger(id) || id < 1 || id > 4094) bad();
    if (typeof row.interface !== 'string' || row.interface === '') bad();
    row.vlanid = id;
  }
}

/** Device DB `router/static` (vdom scope). */
export function validateStaticRoute(row: Row): void {
  row.dst = parseSubnet(row.dst) ?? bad();
  if (ipToInt(row.gateway) === undefined) bad();
  const distance = Number(row.distance);
  if (!Number.isInteger(distance) || distance < 1 || distance > 255) bad();
  row.distance = distance;
  const priority = Number(row.priority);
  if (!Number.isInteger(priority) || priority < 0 || priority > 65535) bad();
  row.priority = priority;
  enumCheck(row, 'status', ['enable', 'disable']);
}

/** Device DB `system/dns` (global scope, a single object). */
export function validateDns(row: Row): void {
  for (const attr of ['primary', 'secondary']) if (ipToInt(row[attr]) === undefined) bad();
  enumCheck(row, 'protocol', ['cleartext', 'dot', 'doh']);
  // [U] FortiOS keeps search domains as a sub-table; a plain list of names stands in for it.
  if (!Array.isArray(row.domain)) {
    row.domain = row.domain === undefined || row.domain === '' ? [] : [row.domain];
  }
}
