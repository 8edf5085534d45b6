/**
 * FortiOS `/api/v2/monitor/...` answers (the `results` part) for the emulated FortiGates. The shapes
 * follow FortiOS 7.0 REST answers as public clients read them; every number is [U] made up, but
 * deterministic per device so that tests can rely on it.
 */
import type { Row } from '../core/filter';
import { str } from '../core/util';

type MonitorBody = (dev: Row, vdom: string, query: URLSearchParams) => unknown;

/** A small stable number per device, so two devices do not answer the same counters. */
function seed(dev: Row): number {
  return [...str(dev.sn)].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 9973, 7);
}

const ip = (dev: Row): string => (typeof dev.ip === 'string' ? dev.ip : '0.0.0.0');
const gateway = (dev: Row): string => `${ip(dev).split('.').slice(0, 3).join('.')}.1`;
const isHa = (dev: Row): boolean => str(dev.ha_mode) !== 'standalone' && str(dev.ha_mode) !== '';

export const MONITOR_BODIES: Record<string, MonitorBody> = {
  'system/status': (dev) => ({
    model_name: 'FortiGate',
    model_number: str(dev.platform_str).replace(/^FortiGate-/, ''),
    model: str(dev.platform_str).replace(/^FortiGate-/, 'FG'),
    hostname: dev.hostname ?? dev.name,
    log_disk_status: 'available',
  }),
  'system/interface': (dev, _vdom, query) => {
    const all: Row = {
      port1: { id: 'port1', name: 'port1', alias: 'wan', ip: ip(dev), mask: 24, link: true, speed: 1000 },
      port2: {
        id: 'port2',
        name: 'port2',
        alias: 'lan',
        ip: '192.168.1.99',
        mask: 24,
        link: true,
        speed: 1000,
      },
      port3: { id: 'port3', name: 'port3', alias: '', ip: '0.0.0.0', mask: 0, link: false, speed: 0 },
    };
    const s = seed(dev);
    for (const [i, port] of Object.values(all).entries()) {
      const p = port as Row;
      Object.assign(p, {
        duplex: p.link ? 1 : -1,
        tx_packets: p.link ? s * 1000 + i : 0,
        rx_packets: p.link ? s * 1200 + i : 0,
        tx_bytes: p.link ? s * 640000 + i : 0,
        rx_bytes: p.link ? s * 910000 + i : 0,
        tx_errors: 0,
        rx_errors: 0,
      });
    }
    const only = query.get('interface_name');
    return only ? Object.fromEntries(Object.entries(all).filter(([k]) => k === only)) : all;
  },
  'system/resource/usage': (dev) => {
    const s = seed(dev);
    const point = (current: number) => [
      { interval: '1-min', current, historical: { 'last-1-min': current } },
    ];
    return {
      cpu: point(5 + (s % 40)),
      mem: point(30 + (s % 35)),
      disk: point(10 + (s % 20)),
      session: point(200 + (s % 5000)),
      setuprate: point(s % 90),
    };
  },
  'router/ipv4': (dev) => [
    {
      ip_version: 4,
      type: 'static',
      ip_mask: '0.0.0.0/0',
      distance: 10,
      metric: 0,
      priority: 1,
      gateway: gateway(dev),
      interface: 'port1',
      is_tunnel_route: false,
    },
    {
      ip_version: 4,
      type: 'connect',
      ip_mask: `${ip(dev).split('.').slice(0, 3).join('.')}.0/24`,
      distance: 0,
      metric: 0,
      priority: 0,
      gateway: '0.0.0.0',
      interface: 'port1',
      is_tunnel_route: false,
    },
  ],
  'vpn/ipsec': (dev) => {
    const s = seed(dev);
    return [
      {
        name: 'to-hq',
        comments: '',
        wizard_type: 'custom',
        connection_count: 1,
        creation_time: 3600 + s,
        type: 'automatic',
        incoming_bytes: s * 4096,
        outgoing_bytes: s * 3072,
        rgwy: '192.0.2.10',
        tun_id: '192.0.2.10',
        proxyid: [
          {
            p2name: 'to-hq',
            status: 'up',
            proxy_src: [{ subnet: '10.0.0.0/255.0.0.0', port: 0, protocol: 0 }],
            proxy_dst: [{ subnet: '10.10.0.0/255.255.0.0', port: 0, protocol: 0 }],
            expire: 1200,
            incoming_bytes: s * 4096,
            outgoing_bytes: s * 3072,
          },
        ],
      },
    ];
  },
  'system/ha-peer': (dev) =>
    isHa(dev)
      ? [0, 1].map((i) => ({
          serial_no: i === 0 ? dev.sn : `${str(dev.sn).slice(0, -1)}${i + 1}`,
          vcluster_id: 0,
          priority: i === 0 ? 200 : 100,
          hostname: i === 0 ? dev.hostname : `${str(dev.hostname)}-B`,
          master: i === 0,
          primary: i === 0,
        }))
      : [],
  'firewall/policy': (dev, _vdom, query) => {
    const s = seed(dev);
    const now = 1_764_000_000;
    const rows = [1, 2, 3].map((policyid) => ({
      policyid,
      active_sessions: (s * policyid) % 40,
      software_bytes: s * policyid * 1500,
      asic_bytes: 0,
      bytes: s * policyid * 1500,
      packets: s * policyid * 12,
      hit_count: s * policyid,
      session_count: s * policyid,
      first_used: now - 86_400 * policyid,
      last_used: now - 60 * policyid,
    }));
    const only = query.get('policyid');
    return only ? rows.filter((r) => String(r.policyid) === only) : rows;
  },
  'license/status': (dev) => ({
    forticare: { status: 'registered', account: 'demo@example.com', registration_status: 'registered' },
    antivirus: { type: 'paid', status: 'licensed', expires: 1_798_761_600 },
    ips: { type: 'paid', status: 'licensed', expires: 1_798_761_600 },
    web_filtering: { type: 'paid', status: 'licensed', expires: 1_798_761_600 },
    vdom: {
      type: 'platform',
      status: 'licensed',
      max: 10,
      used: Array.isArray(dev.vdom) ? dev.vdom.length : 1,
    },
  }),
};
