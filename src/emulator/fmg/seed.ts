/** Deterministic demo data: a small company with an HQ, two branch regions and a datacenter. */
import { deviceScope } from './devicedb';
import { createAdom } from './dvmdb';
import type { Row } from '../core/filter';
import { newPackage } from './pkg';
import { seedUnregistered } from './provisioning';
import { OBJ_TABLES, POLICY_TABLE } from '../core/schema';
import { SEED_TIME, Store, type AdomConfig, type AdomState } from '../core/store';
import { tableOp } from '../core/table';

/** `demo`: the company above; `west`: a second FortiManager of another region (other ADOMs and devices). */
export type DataSet = 'demo' | 'west';

export function buildStore(seed: boolean, dataSet: DataSet = 'demo'): Store {
  const store = new Store();
  // Every FMG has a root ADOM, so even an unseeded emulator starts with an empty one.
  const rootDesc = dataSet === 'west' ? 'Region West (Seattle)' : 'Headquarters (Frankfurt)';
  createAdom(store, { name: 'root', desc: seed ? rootDesc : '' }, SEED_TIME);
  if (!seed) return store;
  if (dataSet === 'west') return seedWest(store);
  seedRoot(store);
  seedBranch(
    store,
    'branch-east',
    'East region branches',
    'east-std',
    '10.20',
    [0, 7, 367],
    [
      ['FGT-NYC-01', 'FortiGate-100F', 'FG100FTK22004711', '198.51.100.21', 1],
      ['FGT-BOS-01', 'FortiGate-60F', 'FGT60FTK22031842', '198.51.100.22', 1],
      ['FGT-PHL-01', 'FortiGate-40F', 'FGT40FTK22057310', '198.51.100.23', 2],
    ],
  );
  seedBranch(
    store,
    'branch-west',
    'West region branches',
    'west-std',
    '10.30',
    [2, 5, 1517],
    [
      ['FGT-SFO-01', 'FortiGate-100F', 'FG100FTK22004988', '203.0.113.41', 1],
      ['FGT-SEA-01', 'FortiGate-60F', 'FGT60FTK22032107', '203.0.113.42', 1],
    ],
  );
  seedDatacenter(store);
  seedGlobal(store);
  // Seeded last so that the oids of everything above stay as they were before these existed.
  seedRootExtras(store);
  for (const adom of store.adoms.values()) for (const dev of adom.devices) deviceScope(store, dev);
  seedGroupsAndRevisions(store);
  seedUnregistered(store);
  return store;
}

/**
 * The second demo FortiManager (issue #18): customer ADOMs with devices of their own, none of whose names
 * the first one has, so a test can tell which manager answered.
 */
function seedWest(store: Store): Store {
  seedBranch(store, 'cust-acme', 'Customer ACME', 'acme-std', '10.40', HQ_FOS, [
    ['FGT-ACME-LAX', 'FortiGate-100F', 'FG100FTK23007001', '198.51.100.61', 1],
    ['FGT-ACME-SAN', 'FortiGate-60F', 'FGT60FTK23007002', '198.51.100.62', 1],
  ]);
  seedBranch(
    store,
    'cust-globex',
    'Customer Globex',
    'globex-std',
    '10.50',
    [2, 5, 1517],
    [['FGT-GLOBEX-PDX', 'FortiGate-40F', 'FGT40FTK23007101', '203.0.113.71', 2]],
  );
  for (const adom of store.adoms.values()) for (const dev of adom.devices) deviceScope(store, dev);
  return store;
}

/** One device group per branch region, and a baseline revision of root (its seeded config). */
function seedGroupsAndRevisions(store: Store): void {
  for (const [adomName, group] of [
    ['branch-east', 'east-branches'],
    ['branch-west', 'west-branches'],
  ]) {
    const adom = store.adoms.get(adomName)!;
    adom.groups.push({
      name: group,
      desc: `All ${adomName} FortiGates`,
      os_type: 'fos',
      type: 'normal',
      oid: store.newOid(),
      'object member': adom.devices.map((d) => ({ name: d.name, vdom: 'root' })),
    });
  }
  const root = store.adoms.get('root')!;
  root.revisions.push({
    row: {
      version: 1,
      name: 'Baseline',
      desc: 'As seeded',
      created_by: 'admin',
      created_time: SEED_TIME,
      locked: 1,
    },
    snapshot: structuredClone(root.config),
  });
}

type DevSpec = [name: string, platform: string, sn: string, ip: string, conn: number];

/** FortiOS `[minor, patch, build]` of major 7; branch sites run older releases than HQ, as in the field. */
type FosVersion = [mr: number, patch: number, build: number];
const HQ_FOS: FosVersion = [4, 7, 2731];

function device(
  store: Store,
  adom: AdomState,
  spec: DevSpec,
  vdoms: string[] = ['root'],
  ha = 'standalone',
  [mr, patch, build]: FosVersion = HQ_FOS,
): void {
  const [name, platform, sn, ip, conn] = spec;
  adom.devices.push({
    name,
    hostname: name,
    sn,
    ip,
    platform_str: platform,
    os_type: 'fos',
    os_ver: '7.0',
    mr,
    patch,
    build,
    conn_status: conn,
    ha_mode: ha,
    mgmt_mode: 'fmg',
    desc: '',
    oid: store.newOid(),
    vdom: vdoms.map((v) => ({ name: v, opmode: 'nat', status: 'enable', oid: store.newOid() })),
  });
}

function objects(store: Store, cfg: AdomConfig, path: string, rows: Row[]): void {
  const env = store.env(() => cfg);
  for (const data of rows) {
    tableOp('add', { rows: cfg.obj[path], def: OBJ_TABLES[path], path }, { data }, env);
  }
}

function policies(store: Store, cfg: AdomConfig, pkg: string, rows: Row[]): void {
  const env = store.env(() => cfg);
  const target = { rows: cfg.policies[pkg], def: POLICY_TABLE, path: 'firewall/policy' };
  for (const data of rows) tableOp('add', target, { data }, env);
}

function pkg(store: Store, cfg: AdomConfig, parent: Row[], name: string, scope: Row[]): void {
  parent.push(newPackage(store, name, { 'scope member': scope }));
  cfg.policies[name] = [];
}

function pol(
  policyid: number,
  name: string,
  intf: [string, string],
  srcaddr: string[],
  dstaddr: string[],
  service: string[],
  extra: Row = {},
): Row {
  const [srcintf, dstintf] = intf;
  return {
    policyid,
    name,
    srcintf: [srcintf],
    dstintf: [dstintf],
    srcaddr,
    dstaddr,
    service,
    action: 'accept',
    ...extra,
  };
}

const host = (name: string, ip: string, comment = ''): Row => ({
  name,
  subnet: [ip, '255.255.255.255'],
  comment,
});
const net = (name: string, cidr: string, comment = ''): Row => ({ name, subnet: cidr, comment });

/** Services and schedules every ADOM has (FMG ships these as ADOM defaults). */
function baseObjects(store: Store, cfg: AdomConfig): void {
  objects(store, cfg, 'firewall/service/custom', [
    { name: 'HTTP', 'tcp-portrange': '80', category: 'Web Access' },
    { name: 'HTTPS', 'tcp-portrange': '443', category: 'Web Access' },
    { name: 'DNS', 'tcp-portrange': '53', 'udp-portrange': '53', category: 'Network Services' },
    { name: 'SSH', 'tcp-portrange': '22', category: 'Remote Access' },
    { name: 'SMTP', 'tcp-portrange': '25', category: 'Email' },
    { name: 'NTP', 'tcp-portrange': '123', 'udp-portrange': '123', category: 'Network Services' },
    { name: 'PING', protocol: 'ICMP', icmptype: 8, category: 'Network Services' },
  ]);
  objects(store, cfg, 'firewall/service/group', [{ name: 'Web Access', member: ['HTTP', 'HTTPS'] }]);
  objects(store, cfg, 'firewall/schedule/recurring', [
    { name: 'always', start: '00:00', end: '00:00' },
    { name: 'business-hours', day: 'monday tuesday wednesday thursday friday', start: '07:00', end: '19:00' },
  ]);
}

function seedRoot(store: Store): void {
  const root = store.adoms.get('root')!;
  const cfg = root.config;
  device(
    store,
    root,
    ['FGT-HQ-CLUSTER', 'FortiGate-600F', 'FG6H0FTB23900101', '192.0.2.10', 1],
    ['root', 'guest'],
    'a-p',
  );
  device(store, root, ['FGT-HQ-LAB', 'FortiGate-VM64', 'FGVM04TM24001234', '192.0.2.99', 2]);
  baseObjects(store, cfg);
  objects(store, cfg, 'firewall/service/custom', [
    { name: 'tcp_8443', 'tcp-portrange': '8443', comment: 'Admin portals' },
    { name: 'app_erp', 'tcp-portrange': '7000-7010', comment: 'ERP application servers' },
  ]);
  objects(store, cfg, 'firewall/service/group', [{ name: 'erp-services', member: ['app_erp', 'HTTPS'] }]);
  objects(store, cfg, 'firewall/address', [
    net('net_10.0.0.0/24', '10.0.0.0/24', 'HQ user LAN'),
    net('net_10.0.10.0/24', '10.0.10.0 255.255.255.0', 'HQ server VLAN'),
    { ...host('h_web01', '10.0.10.11', 'Web server 1'), 'associated-interface': 'port3' },
    { ...host('h_web02', '10.0.10.12', 'Web server 2'), 'associated-interface': 'port3' },
    host('h_db01', '10.0.10.21', 'PostgreSQL primary'),
    host('h_mail01', '10.0.10.25', 'Mail relay'),
    host('h_dns01', '10.0.10.53', 'Internal resolver'),
    host('h_erp01', '10.0.10.70', 'ERP application server'),
    {
      name: 'fqdn_partner-portal',
      type: 'fqdn',
      fqdn: 'portal.partner.example.com',
      comment: 'Supplier portal',
    },
    { name: 'range_guest_dhcp', type: 'iprange', 'start-ip': '10.0.50.100', 'end-ip': '10.0.50.200' },
    net('net_guest', '10.0.50.0/24', 'Guest Wi-Fi'),
  ]);
  objects(store, cfg, 'firewall/addrgrp', [
    { name: 'web-servers', member: ['h_web01', 'h_web02'], comment: 'Public web farm' },
    { name: 'dmz-servers', member: ['web-servers', 'h_mail01'] },
  ]);
  objects(store, cfg, 'firewall/vip', [
    { name: 'vip_web01', extip: '192.0.2.80', mappedip: '10.0.10.11', extintf: 'port1' },
  ]);
  objects(store, cfg, 'firewall/ippool', [
    { name: 'pool_hq_nat', startip: '192.0.2.20', endip: '192.0.2.21' },
  ]);
  cfg.pkgs.push({ name: 'branches', type: 'folder', oid: store.newOid(), subobj: [] });
  pkg(store, cfg, cfg.pkgs[1].subobj as Row[], 'branch-std', []);
  pkg(store, cfg, cfg.pkgs, 'dc-core', []);
  cfg.pkgs[0]['scope member'] = [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }];
  const lan: [string, string] = ['port2', 'port1'];
  policies(store, cfg, 'default', [
    pol(1, 'LAN-to-Internet', lan, ['net_10.0.0.0/24'], ['all'], ['ALL'], {
      nat: 'enable',
      logtraffic: 'all',
    }),
    pol(2, 'LAN-to-web', ['port2', 'port3'], ['net_10.0.0.0/24'], ['web-servers'], ['Web Access']),
    pol(3, 'Internet-to-web01', ['port1', 'port3'], ['all'], ['vip_web01'], ['HTTPS'], { logtraffic: 'all' }),
    pol(4, 'LAN-to-DNS', ['port2', 'port3'], ['net_10.0.0.0/24'], ['h_dns01'], ['DNS']),
    pol(5, 'Mail-relay-out', ['port3', 'port1'], ['h_mail01'], ['all'], ['SMTP'], { nat: 'enable' }),
    pol(6, 'Admin-SSH', ['port2', 'port3'], ['net_10.0.0.0/24'], ['net_10.0.10.0/24'], ['SSH'], {
      schedule: 'business-hours',
    }),
    pol(7, 'ERP-access', ['port2', 'port3'], ['net_10.0.0.0/24'], ['h_erp01'], ['erp-services']),
    pol(8, 'Guest-Internet', ['guest', 'port1'], ['range_guest_dhcp'], ['all'], ['Web Access'], {
      nat: 'enable',
      poolname: ['pool_hq_nat'],
    }),
    pol(9, 'Partner-portal', lan, ['net_10.0.0.0/24'], ['fqdn_partner-portal'], ['HTTPS'], { nat: 'enable' }),
    pol(10, 'Deny-all', ['any', 'any'], ['all'], ['all'], ['ALL'], { action: 'deny', logtraffic: 'all' }),
  ]);
  policies(store, cfg, 'branch-std', [
    pol(1, 'Branch-to-HQ', ['internal', 'vpn-hq'], ['all'], ['net_10.0.10.0/24'], ['ALL']),
    pol(2, 'Branch-Internet', ['internal', 'wan1'], ['all'], ['all'], ['Web Access', 'DNS'], {
      nat: 'enable',
    }),
    pol(3, 'Deny-all', ['any', 'any'], ['all'], ['all'], ['ALL'], { action: 'deny' }),
  ]);
  policies(store, cfg, 'dc-core', [
    pol(1, 'App-to-DB', ['port5', 'port6'], ['net_10.0.10.0/24'], ['h_db01'], ['ALL']),
    pol(2, 'Deny-all', ['any', 'any'], ['all'], ['all'], ['ALL'], { action: 'deny' }),
  ]);
}

function seedBranch(
  store: Store,
  name: string,
  desc: string,
  pkgName: string,
  prefix: string,
  fos: FosVersion,
  devs: DevSpec[],
) {
  const adom = store.adoms.get(createAdom(store, { name, desc, mr: 4 }, SEED_TIME).name as string)!;
  const cfg = adom.config;
  devs.forEach((d) => device(store, adom, d, undefined, undefined, fos));
  baseObjects(store, cfg);
  objects(store, cfg, 'firewall/address', [
    net('net_branch_lan', `${prefix}.0.0/16`, 'All branch LANs'),
    net('net_hq_servers', '10.0.10.0/24', 'HQ server VLAN'),
    host('h_branch_printer', `${prefix}.1.250`),
  ]);
  pkg(
    store,
    cfg,
    cfg.pkgs,
    pkgName,
    devs.map(([dev]) => ({ name: dev, vdom: 'root' })),
  );
  policies(store, cfg, pkgName, [
    pol(1, 'LAN-to-HQ', ['internal', 'vpn-hq'], ['net_branch_lan'], ['net_hq_servers'], ['ALL']),
    pol(2, 'LAN-to-Internet', ['internal', 'wan1'], ['net_branch_lan'], ['all'], ['Web Access', 'DNS'], {
      nat: 'enable',
    }),
    pol(3, 'Printer-isolation', ['internal', 'wan1'], ['h_branch_printer'], ['all'], ['ALL'], {
      action: 'deny',
    }),
  ]);
}

function seedDatacenter(store: Store): void {
  createAdom(store, { name: 'datacenter', desc: 'Datacenter edge and core', workspace_mode: 1 }, SEED_TIME);
  const adom = store.adoms.get('datacenter')!;
  const cfg = adom.config;
  const edge = ['root', 'edge', 'internal'];
  device(store, adom, ['FGT-DC1-EDGE', 'FortiGate-1800F', 'FG180FTK23000301', '192.0.2.130', 1], edge, 'a-p');
  device(store, adom, ['FGT-DC2-EDGE', 'FortiGate-1800F', 'FG180FTK23000302', '192.0.2.131', 1], edge, 'a-p');
  device(
    store,
    adom,
    ['FGT-DC-CORE', 'FortiGate-3000F', 'FG3K0FTK23000410', '192.0.2.140', 1],
    ['root', 'core'],
  );
  baseObjects(store, cfg);
  objects(store, cfg, 'firewall/address', [
    net('net_dc_servers', '10.100.0.0/16', 'Datacenter server ranges'),
    host('h_dc_lb01', '10.100.0.10', 'Load balancer VIP'),
    host('h_dc_backup', '10.100.9.9', 'Backup appliance'),
  ]);
  objects(store, cfg, 'firewall/addrgrp', [{ name: 'dc-critical', member: ['h_dc_lb01', 'h_dc_backup'] }]);
  pkg(store, cfg, cfg.pkgs, 'dc-edge', [
    { name: 'FGT-DC1-EDGE', vdom: 'edge' },
    { name: 'FGT-DC2-EDGE', vdom: 'edge' },
  ]);
  policies(store, cfg, 'dc-edge', [
    pol(1, 'Internet-to-LB', ['port1', 'port2'], ['all'], ['h_dc_lb01'], ['HTTPS']),
    pol(2, 'Backup-replication', ['port2', 'port3'], ['net_dc_servers'], ['h_dc_backup'], ['SSH']),
    pol(3, 'Deny-all', ['any', 'any'], ['all'], ['all'], ['ALL'], { action: 'deny', logtraffic: 'all' }),
  ]);
}

function seedGlobal(store: Store): void {
  const cfg = store.globalScope.config;
  baseObjects(store, cfg);
  objects(store, cfg, 'firewall/address', [
    net('g_rfc1918_10', '10.0.0.0/8', 'RFC 1918'),
    net('g_rfc1918_172', '172.16.0.0/12', 'RFC 1918'),
    net('g_rfc1918_192', '192.168.0.0/16', 'RFC 1918'),
  ]);
  objects(store, cfg, 'firewall/addrgrp', [
    { name: 'g_rfc1918', member: ['g_rfc1918_10', 'g_rfc1918_172', 'g_rfc1918_192'] },
  ]);
}

/** Root objects added later: a onetime maintenance window, a port-forward VIP, a one-to-one pool. */
function seedRootExtras(store: Store): void {
  const cfg = store.adoms.get('root')!.config;
  objects(store, cfg, 'firewall/schedule/onetime', [
    { name: 'maint-2025-02-15', start: '22:00 2025/02/15', end: '04:00 2025/02/16', color: 5 },
  ]);
  objects(store, cfg, 'firewall/vip', [
    {
      name: 'vip_mail_smtp',
      extip: '192.0.2.25',
      mappedip: '10.0.10.25',
      extintf: 'port1',
      portforward: 'enable',
      protocol: 'tcp',
      extport: '25',
      mappedport: '25',
      comment: 'Inbound mail to the relay',
    },
  ]);
  objects(store, cfg, 'firewall/ippool', [
    { name: 'pool_dmz_1to1', type: 'one-to-one', startip: '192.0.2.40', endip: '192.0.2.47' },
  ]);
}
