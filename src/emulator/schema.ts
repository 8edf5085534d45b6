/** Table definitions: mkey, ordering, list attributes, references and validators. */
import type { Row } from './filter';
import {
  validateAddress,
  validateIppool,
  validatePolicy,
  validateSchedule,
  validateService,
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
  'firewall/vip': {
    label: 'firewall vip',
    key: 'name',
    uuid: true,
    listAttrs: ['mappedip'],
    defaults: { type: 'static-nat', extintf: 'any', portforward: 'disable', comment: '' },
    validate: validateVip,
  },
  'firewall/ippool': {
    label: 'firewall ippool',
    key: 'name',
    defaults: { type: 'overload', comments: '' },
    validate: validateIppool,
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
    schedule: { tables: ['firewall/schedule/recurring'], builtin: ['always'] },
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
