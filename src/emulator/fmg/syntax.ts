/**
 * `get` with `option: syntax` (docs/upstream-api.md §3.5): the attribute definitions of the emulated
 * tables, keyed by category (the cli path with spaces, "firewall address"), in the shape FMG answers.
 * The attribute facts follow the emulated tables (core/schema.ts, core/validate.ts); the firmware
 * version decides the few attributes that differ between releases.
 */
import type { FirmwareVersion } from '../core/product';
import { E, fail } from '../core/status';

/** One attribute as FMG describes it; `min`, `mkey` and `category` are guesses ([U], emulator README). */
export interface SyntaxAttr {
  type: string;
  help?: string;
  default?: unknown;
  opts?: Record<string, number>;
  /** Strings: longest value; integers: the upper bound. */
  max?: number;
  min?: number;
  sz?: number;
  /** A list attribute: at most this many values (-1 = no limit). */
  max_argv?: number;
  ref?: { category: string; mkey: string }[];
  /** A child table: its own category. */
  category?: string;
  excluded?: boolean;
}

export interface SyntaxCategory {
  alimit?: number;
  mkey?: string;
  attr: Record<string, SyntaxAttr>;
}

const ENABLE = { disable: 0, enable: 1 };
const str = (max: number, help: string, extra: Partial<SyntaxAttr> = {}): SyntaxAttr => ({
  type: 'string',
  max,
  sz: max + 1,
  help,
  ...extra,
});
const uint = (min: number, max: number, help: string, def?: number): SyntaxAttr => ({
  type: 'uint32',
  min,
  max,
  sz: 4,
  help,
  ...(def === undefined ? {} : { default: def }),
});
const choice = (opts: Record<string, number>, help: string, def?: string): SyntaxAttr => ({
  type: 'uint32',
  opts,
  sz: 4,
  help,
  ...(def === undefined ? {} : { default: def }),
});
const refs = (help: string, categories: string[], maxArgv = -1): SyntaxAttr => ({
  type: 'datasrc',
  help,
  max_argv: maxArgv,
  ref: categories.map((category) => ({ category, mkey: 'name' })),
});
const NAME = str(79, 'Name.');
const COLOR = uint(0, 32, 'Color of icon on the GUI.', 0);
const COMMENT = str(255, 'Comment.');
const UUID: SyntaxAttr = { type: 'uuid', sz: 37, help: 'Universally Unique Identifier.' };
const ADDRESSES = ['firewall address', 'firewall addrgrp'];
const SERVICES = ['firewall service custom', 'firewall service group'];

/** The firewall address types of FMG 7.4; 7.6 adds `route-tag` (with the attribute of that name). */
const ADDRESS_TYPES_74 = { ipmask: 0, iprange: 1, fqdn: 2, wildcard: 3, geography: 6, mac: 11 };

function address(v76: boolean): SyntaxCategory {
  return {
    alimit: 400000,
    mkey: 'name',
    attr: {
      name: NAME,
      uuid: UUID,
      type: choice(
        v76 ? { ...ADDRESS_TYPES_74, 'route-tag': 13 } : ADDRESS_TYPES_74,
        'Type of address.',
        'ipmask',
      ),
      subnet: { type: 'ipv4-classnet', sz: 8, help: 'IP address and subnet mask of address.' },
      'start-ip': { type: 'ipv4-address-any', sz: 4, help: 'First IP address (inclusive) in the range.' },
      'end-ip': { type: 'ipv4-address-any', sz: 4, help: 'Final IP address (inclusive) in the range.' },
      fqdn: str(255, 'Fully Qualified Domain Name address.'),
      country: str(2, 'IP addresses associated to a specific country.'),
      'associated-interface': refs('Network interface associated with address.', ['system interface'], 1),
      'allow-routing': {
        ...choice(ENABLE, 'Enable/disable use of this address in routing.', 'disable'),
        excluded: true,
      },
      color: COLOR,
      comment: COMMENT,
      ...(v76 ? { 'route-tag': uint(1, 4294967295, 'route-tag address.') } : {}),
      tagging: { type: 'table', category: 'firewall address tagging', help: 'Config object tagging.' },
    },
  };
}

function tables(version: FirmwareVersion): Record<string, SyntaxCategory> {
  const v76 = version.major > 7 || (version.major === 7 && version.minor >= 6);
  return {
    'firewall address': address(v76),
    'firewall address tagging': {
      mkey: 'name',
      attr: {
        name: str(63, 'Tagging entry name.'),
        category: str(63, 'Tag category.'),
        tags: refs('Tags.', []),
      },
    },
    'firewall addrgrp': {
      alimit: 40000,
      mkey: 'name',
      attr: {
        name: NAME,
        uuid: UUID,
        member: refs('Address objects contained within the group.', ADDRESSES),
        color: COLOR,
        comment: COMMENT,
      },
    },
    'firewall service custom': {
      alimit: 8192,
      mkey: 'name',
      attr: {
        name: NAME,
        protocol: choice({ 'TCP/UDP/SCTP': 5, ICMP: 1, ICMP6: 2, IP: 3 }, 'Protocol type.', 'TCP/UDP/SCTP'),
        'tcp-portrange': { type: 'string', max_argv: -1, sz: 128, help: 'Multiple TCP port ranges.' },
        'udp-portrange': { type: 'string', max_argv: -1, sz: 128, help: 'Multiple UDP port ranges.' },
        'protocol-number': uint(0, 254, 'IP protocol number.', 0),
        category: refs('Service category.', ['firewall service category'], 1),
        color: COLOR,
        comment: COMMENT,
      },
    },
    'firewall service group': {
      alimit: 8192,
      mkey: 'name',
      attr: {
        name: NAME,
        member: refs('Service objects contained within the group.', SERVICES),
        color: COLOR,
        comment: COMMENT,
      },
    },
    'firewall schedule recurring': {
      mkey: 'name',
      attr: {
        name: str(31, 'Recurring schedule name.'),
        day: {
          ...choice(
            {
              none: 0,
              sunday: 1,
              monday: 2,
              tuesday: 4,
              wednesday: 8,
              thursday: 16,
              friday: 32,
              saturday: 64,
            },
            'One or more days of the week.',
          ),
          max_argv: -1,
        },
        start: { type: 'time', sz: 8, help: 'Time of day to start the schedule, format hh:mm.' },
        end: { type: 'time', sz: 8, help: 'Time of day to end the schedule, format hh:mm.' },
        color: COLOR,
      },
    },
    'firewall schedule onetime': {
      mkey: 'name',
      attr: {
        name: str(31, 'Onetime schedule name.'),
        start: { type: 'datetime', sz: 16, help: 'Schedule start date and time, format hh:mm yyyy/mm/dd.' },
        end: { type: 'datetime', sz: 16, help: 'Schedule end date and time, format hh:mm yyyy/mm/dd.' },
        'expiration-days': uint(
          0,
          100,
          'Write an event log message this many days before the schedule expires.',
          3,
        ),
        color: COLOR,
      },
    },
    'firewall vip': {
      alimit: 16384,
      mkey: 'name',
      attr: {
        name: NAME,
        uuid: UUID,
        type: choice(
          { 'static-nat': 0, 'load-balance': 1, 'server-load-balance': 2, 'dns-translation': 3, fqdn: 4 },
          'Configure a static NAT or load balance VIP.',
          'static-nat',
        ),
        extip: str(35, 'IP address or address range on the external interface.'),
        mappedip: {
          type: 'string',
          max_argv: -1,
          sz: 36,
          help: 'IP address or address range on the destination network.',
        },
        extintf: refs('Interface connected to the source network.', ['system interface'], 1),
        portforward: choice(ENABLE, 'Enable/disable port forwarding.', 'disable'),
        protocol: choice(
          { tcp: 0, udp: 1, sctp: 2, icmp: 3 },
          'Protocol to use when forwarding packets.',
          'tcp',
        ),
        extport: str(35, 'Incoming port number range.'),
        mappedport: str(35, 'Port number range on the destination network.'),
        ...(v76 ? { 'h2-support': choice(ENABLE, 'Enable/disable HTTP2 support.', 'enable') } : {}),
        comment: COMMENT,
      },
    },
    'firewall ippool': {
      alimit: 2048,
      mkey: 'name',
      attr: {
        name: NAME,
        type: choice(
          { overload: 0, 'one-to-one': 1, 'fixed-port-range': 2, 'port-block-allocation': 3 },
          'IP pool type.',
          'overload',
        ),
        startip: { type: 'ipv4-address-any', sz: 4, help: 'First IPv4 address (inclusive) in the range.' },
        endip: { type: 'ipv4-address-any', sz: 4, help: 'Final IPv4 address (inclusive) in the range.' },
        comments: COMMENT,
      },
    },
  };
}

function deviceGlobal(): Record<string, SyntaxCategory> {
  return {
    'system interface': {
      mkey: 'name',
      attr: {
        name: str(15, 'Name.'),
        vdom: refs('Interface is in this virtual domain.', ['system vdom'], 1),
        mode: choice({ static: 0, dhcp: 1, pppoe: 2 }, 'Addressing mode.', 'static'),
        ip: { type: 'ipv4-classnet-host', sz: 8, help: 'Interface IPv4 address and subnet mask.' },
        allowaccess: {
          ...choice(
            { ping: 1, https: 2, ssh: 4, snmp: 8, http: 16, telnet: 32, fgfm: 64 },
            'Permitted types of management access.',
          ),
          max_argv: -1,
        },
        status: choice({ down: 0, up: 1 }, 'Bring the interface up or shut it down.', 'up'),
        type: choice(
          { physical: 0, vlan: 1, aggregate: 2, loopback: 3, tunnel: 4 },
          'Interface type.',
          'physical',
        ),
        interface: refs('Interface name.', ['system interface'], 1),
        vlanid: uint(1, 4094, 'VLAN ID.'),
        alias: str(25, 'Alias.'),
        description: str(255, 'Description.'),
      },
    },
    'system dns': {
      attr: {
        primary: { type: 'ipv4-address', sz: 4, help: 'Primary DNS server IP address.' },
        secondary: { type: 'ipv4-address', sz: 4, help: 'Secondary DNS server IP address.' },
        protocol: { ...choice({ cleartext: 1, dot: 2, doh: 4 }, 'DNS transport protocols.'), max_argv: -1 },
        domain: { type: 'string', max_argv: -1, sz: 128, help: 'Search suffix list for hostname lookup.' },
      },
    },
  };
}

function deviceVdom(version: FirmwareVersion): Record<string, SyntaxCategory> {
  return {
    'router static': {
      mkey: 'seq-num',
      attr: {
        'seq-num': uint(0, 4294967295, 'Sequence number.'),
        dst: { type: 'ipv4-classnet', sz: 8, help: 'Destination IP and mask for this route.' },
        gateway: { type: 'ipv4-address', sz: 4, help: 'Gateway IP for this route.' },
        device: refs('Gateway out interface or tunnel.', ['system interface'], 1),
        distance: uint(1, 255, 'Administrative distance.', 10),
        priority: uint(0, 65535, 'Administrative priority.', 1),
        status: choice(ENABLE, 'Enable/disable this static route.', 'enable'),
        comment: COMMENT,
      },
    },
    'firewall address': tables(version)['firewall address'],
  };
}

/** The categories of one database, by the url the syntax was asked for (a whole database or a table). */
export function syntaxOf(
  db: 'obj' | 'device-global' | 'device-vdom',
  cli: string[],
  version: FirmwareVersion,
): Record<string, SyntaxCategory> {
  const all = db === 'obj' ? tables(version) : db === 'device-global' ? deviceGlobal() : deviceVdom(version);
  if (cli.length === 0) return all;
  const prefix = cli.join(' ');
  const hits = Object.entries(all).filter(([c]) => c === prefix || c.startsWith(`${prefix} `));
  return hits.length > 0 ? Object.fromEntries(hits) : fail(E.INVALID_URL);
}
