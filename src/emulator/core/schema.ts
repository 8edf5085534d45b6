/** Table definitions: mkey, ordering, list attributes, references and validators. */
import type { Row } from './filter';
import {
  validateAddress,
  validateDns,
  validateInterface,
  validateIppool,
  validateOnetime,
  validatePolicy,
  validateSchedule,
  validateService,
  validateStaticRoute,
  validateVip,
} from './validate';

export interface RefSpec {
  /** Object tables (cli paths under `obj/`) a name may point into. */
  tables: string[];
  /** Names that always exist on a FortiGate ("all", "ALL", "always"). */
  builtin?: string[];
}

export interface TableDef {
  /** Human label used in -10131 messages, e.g. "firewall policy". */
  label: string;
  key: string;
  intKey?: boolean;
  /** Ordered tables report `obj seq` and support `move`. */
  ordered?: boolean;
  /** Integer key assigned as max+1 when absent or 0. */
  autoKey?: boolean;
  uuid?: boolean;
  /** Attributes holding name lists; a plain string is accepted and stored as a 1-element list. */
  listAttrs?: string[];
  refs?: Record<string, RefSpec>;
  defaults?: Row;
  validate?: (row: Row) => void;
}

const ADDR_TABLES = ['firewall/address', 'firewall/addrgrp'];
const SVC_TABLES = ['firewall/service/custom', 'firewall/service/group'];
const SCHEDULE_TABLES = ['firewall/schedule/recurring', 'firewall/schedule/onetime'];

export const OBJ_TABLES: Record<string, TableDef> = {
  'firewall/address': {
    label: 'firewall address',
    key: 'name',
    uuid: true,
    listAttrs: ['associated-interface'],
    defaults: { type: 'ipmask', color: 0, comment: '' },
    validate: validateAddress,
  },
  'firewall/addrgrp': {
    label: 'firewall addrgrp',
    key: 'name',
    uuid: true,
    listAttrs: ['member'],
    refs: { member: { tables: ADDR_TABLES } },
    defaults: { member: [], comment: '', color: 0 },
  },
  'firewall/service/custom': {
    label: 'firewall service custom',
    key: 'name',
    defaults: { protocol: 'TCP/UDP/SCTP', category: 'General', comment: '', color: 0 },
    validate: validateService,
  },
  'firewall/service/group': {
    label: 'firewall service group',
    key: 'name',
    listAttrs: ['member'],
    refs: { member: { tables: SVC_TABLES } },
    defaults: { member: [], comment: '', color: 0 },
  },
  'firewall/schedule/recurring': {
    label: 'firewall schedule recurring',
    key: 'name',
    listAttrs: ['day'],
    defaults: { day: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] },
    validate: validateSchedule,
  },
  'firewall/schedule/onetime': {
    label: 'firewall schedule onetime',
    key: 'name',
    defaults: { color: 0 },
    validate: validateOnetime,
  },
  'firewall/vip': {
    label: 'firewall vip',
    key: 'name',
    uuid: true,
    listAttrs: ['mappedip'],
    defaults: { type: 'static-nat', extintf: 'any', portforward: 'disable', protocol: 'tcp', comment: '' },
    validate: validateVip,
  },
  'firewall/ippool': {
    label: 'firewall ippool',
    key: 'name',
    defaults: { type: 'overload', comments: '' },
    validate: validateIppool,
  },
  // Metadata variables: an ADOM-level default and per-device values in `dynamic_mapping`
  // (`[{_scope: [{name, vdom}], value}]`, docs/upstream-api.md §8.11). [U] Neither is validated further.
  'fmg/variable': {
    label: 'fmg variable',
    key: 'name',
    defaults: { value: '', description: '', dynamic_mapping: [] },
  },
};

// [U] Interfaces are not modelled, so srcintf/dstintf are not reference-checked.
export const POLICY_TABLE: TableDef = {
  label: 'firewall policy',
  key: 'policyid',
  intKey: true,
  ordered: true,
  autoKey: true,
  uuid: true,
  listAttrs: ['srcintf', 'dstintf', 'srcaddr', 'dstaddr', 'service', 'poolname'],
  refs: {
    srcaddr: { tables: ADDR_TABLES, builtin: ['all'] },
    dstaddr: { tables: [...ADDR_TABLES, 'firewall/vip'], builtin: ['all'] },
    service: { tables: SVC_TABLES, builtin: ['ALL'] },
    schedule: { tables: SCHEDULE_TABLES, builtin: ['always'] },
    poolname: { tables: ['firewall/ippool'] },
  },
  defaults: {
    name: '',
    action: 'deny',
    schedule: 'always',
    status: 'enable',
    logtraffic: 'utm',
    nat: 'disable',
    comments: '',
  },
  validate: validatePolicy,
};

export const DEVICE_TABLE: TableDef = {
  label: 'device',
  key: 'name',
  defaults: { conn_status: 2, ha_mode: 'standalone', mgmt_mode: 'fmg', os_ver: '7.0', mr: 6, vdom: [] },
};

/** A config object that is not a table (e.g. `system/dns`): get/set/update on its own url. */
export interface SingleDef {
  label: string;
  defaults: Row;
  validate?: (row: Row) => void;
}

// Device DB (docs/upstream-api.md §8.5). Interfaces always live in the global scope.
export const DEVICE_GLOBAL_TABLES: Record<string, TableDef> = {
  'system/interface': {
    label: 'system interface',
    key: 'name',
    listAttrs: ['allowaccess'],
    // A VLAN's parent must be another interface of the same device.
    refs: { interface: { tables: ['system/interface'] } },
    defaults: {
      vdom: 'root',
      mode: 'static',
      ip: ['0.0.0.0', '0.0.0.0'],
      allowaccess: [],
      status: 'up',
      type: 'physical',
      alias: '',
      description: '',
    },
    validate: validateInterface,
  },
};

export const DEVICE_GLOBAL_SINGLES: Record<string, SingleDef> = {
  'system/dns': {
    label: 'system dns',
    // FortiGuard's anycast resolvers are the FortiOS factory default.
    defaults: { primary: '96.45.45.45', secondary: '96.45.46.46', protocol: 'cleartext', domain: [] },
    validate: validateDns,
  },
};

export const DEVICE_VDOM_TABLES: Record<string, TableDef> = {
  'router/static': {
    label: 'router static',
    key: 'seq-num',
    intKey: true,
    autoKey: true,
    // [U] Whether the interface belongs to the route's vdom is not checked.
    refs: { device: { tables: ['system/interface'] } },
    // [U] priority defaults to 1 as on FortiOS 7.x (0 on older releases).
    defaults: {
      dst: ['0.0.0.0', '0.0.0.0'],
      gateway: '0.0.0.0',
      device: '',
      distance: 10,
      priority: 1,
      status: 'enable',
      comment: '',
    },
    validate: validateStaticRoute,
  },
  'firewall/address': OBJ_TABLES['firewall/address'],
};
