/**
 * Deterministic FortiGate logs for the FortiAnalyzer personality: traffic, event and UTM (attack = IPS,
 * virus, webfilter, app-ctrl) for every seeded device and VDOM, spread over the week before SEED_TIME.
 * A seeded PRNG per device makes the data identical on every start, so tests can count on it.
 * Field names follow FortiOS log fields; the exact field set per FortiOS version is [U].
 */
import type { Row } from '../core/filter';
import { offsetText, wallClock } from '../core/clock';
import { SEED_TIME } from '../core/store';
import type { AdomState } from '../core/store';

export const LOG_TYPES = ['traffic', 'event', 'attack', 'virus', 'webfilter', 'app-ctrl'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** Logs cover [LOG_START, LOG_END): the 7 days before the seed clock (the fixed clock tests use). */
export const LOG_END = SEED_TIME;
export const LOG_START = SEED_TIME - 7 * 86_400;

/**
 * When the logs end and the appliance zone their `date`/`time`/`tz` fields are written in. The logs cover
 * the 7 days before `until`; the same PRNG draws give the same rows, only shifted in time.
 */
export interface LogClock {
  until: number;
  zone: string;
}

/** The fixed clock: logs in 2024-12/2025-01, UTC wall clock (what buildStore-based oracles use). */
export const FIXED_CLOCK: LogClock = { until: SEED_TIME, zone: 'UTC' };

export const logStart = (c: LogClock) => c.until - 7 * 86_400;

/** Rows per device VDOM and log type over the week (root alone holds thousands of traffic rows). */
const VOLUME: Record<LogType, number> = {
  traffic: 900,
  event: 200,
  attack: 60,
  virus: 40,
  webfilter: 150,
  'app-ctrl': 150,
};

const LOGIDS: Record<LogType, string> = {
  traffic: '0000000013',
  event: '0100032001',
  attack: '0419016384',
  virus: '0211008192',
  webfilter: '0316013056',
  'app-ctrl': '1059028704',
};

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const APPS: [app: string, appcat: string, risk: string, service: string, port: number][] = [
  ['HTTPS.BROWSER', 'Web.Client', 'medium', 'HTTPS', 443],
  ['Microsoft.Office.365', 'Collaboration', 'low', 'HTTPS', 443],
  ['YouTube', 'Video/Audio', 'elevated', 'HTTPS', 443],
  ['DNS', 'Network.Service', 'low', 'DNS', 53],
  ['SSL', 'Network.Service', 'low', 'HTTPS', 443],
  ['Zoom', 'Collaboration', 'low', 'udp/8801', 8801],
  ['Dropbox', 'Storage.Backup', 'medium', 'HTTPS', 443],
  ['BitTorrent', 'P2P', 'critical', 'tcp/6881', 6881],
  ['SSH', 'Remote.Access', 'medium', 'SSH', 22],
  ['HTTP.BROWSER', 'Web.Client', 'medium', 'HTTP', 80],
];
const DESTINATIONS: [ip: string, country: string, host: string][] = [
  ['142.250.185.78', 'United States', 'www.google.com'],
  ['13.107.42.14', 'United States', 'outlook.office365.com'],
  ['151.101.1.140', 'United States', 'www.reddit.com'],
  ['104.16.132.229', 'United States', 'cdn.cloudflare.com'],
  ['8.8.8.8', 'United States', 'dns.google'],
  ['185.199.108.153', 'Netherlands', 'github.io'],
  ['91.198.174.192', 'Netherlands', 'www.wikipedia.org'],
  ['52.84.150.11', 'Germany', 'aws.amazon.com'],
  ['194.25.0.60', 'Germany', 'www.telekom.de'],
  ['45.33.32.156', 'United States', 'scanme.nmap.org'],
  ['203.0.113.200', 'Reserved', 'partner.example.net'],
  ['198.18.7.9', 'Russian Federation', 'update-check.biz'],
];
const ATTACKS: [name: string, id: number, severity: string][] = [
  ['Apache.Log4j.Error.Log.Remote.Code.Execution', 51006, 'critical'],
  ['MS.SMB.Server.SMB1.Trans2.Secondary.Handling.Code.Execution', 43796, 'critical'],
  ['HTTP.URI.SQL.Injection', 15621, 'high'],
  ['SSH.Brute.Force.Login', 18432, 'medium'],
  ['Nmap.Script.Scanner', 24451, 'low'],
  ['PHP.CGI.Argument.Injection', 31863, 'high'],
];
const VIRUSES = [
  'EICAR_TEST_FILE',
  'W32/Agent.AB!tr',
  'JS/Miner.BP!tr',
  'PDF/Phish.A!tr',
  'MSOffice/Emotet.F!tr',
];
const CATEGORIES: [cat: number, desc: string, blocked: boolean][] = [
  [52, 'Information Technology', false],
  [41, 'Search Engines and Portals', false],
  [37, 'Social Networking', false],
  [26, 'Malicious Websites', true],
  [61, 'Phishing', true],
  [86, 'Spam URLs', true],
  [49, 'Business', false],
];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', ''];
const EVENTS: [subtype: string, logdesc: string, level: string, action: string][] = [
  ['system', 'Admin login successful', 'information', 'login'],
  ['system', 'Admin login failed', 'alert', 'login'],
  ['system', 'Configuration changed', 'information', 'Edit'],
  ['vpn', 'IPsec tunnel up', 'notice', 'tunnel-up'],
  ['vpn', 'IPsec tunnel down', 'warning', 'tunnel-down'],
  ['user', 'Authentication success', 'notice', 'auth-logon'],
  ['system', 'FortiGuard update succeeded', 'information', 'update'],
];

export interface LogSource {
  devid: string;
  devname: string;
  vd: string;
  /** Second octets of the device's internal network, e.g. "10.20". */
  net: string;
}

/** One device VDOM of an ADOM as a log source. */
export function logSources(adom: AdomState): LogSource[] {
  return adom.devices.flatMap((d, i) =>
    ((d.vdom as { name: string }[] | undefined) ?? [{ name: 'root' }]).map((v, j) => ({
      devid: String(d.sn),
      devname: String(d.name),
      vd: v.name,
      net: `10.${(hashSeed(String(d.name)) % 200) + 10 + i}.${j}`,
    })),
  );
}

/** [U] date/time/tz are written in the appliance's zone (a FortiGate writes its own; the demo shares one). */
function stamp(itime: number, zone: string): Row {
  const [date, time] = wallClock(itime * 1000, zone).split(' ');
  return {
    itime,
    date,
    time,
    eventtime: String(BigInt(itime) * 1_000_000_000n + BigInt(itime % 997) * 1000n),
    tz: offsetText(itime * 1000, zone),
  };
}

function flow(r: Rand, src: LogSource): Row {
  const [app, appcat, apprisk, service, dstport] = pick(r, APPS);
  const [dstip, dstcountry, hostname] = pick(r, DESTINATIONS);
  return {
    srcip: `${src.net}.${int(r, 10, 250)}`,
    srcport: int(r, 1024, 65535),
    srcintf: src.vd === 'guest' ? 'guest-wifi' : 'internal',
    srcintfrole: 'lan',
    srccountry: 'Reserved',
    dstip,
    dstport,
    dstintf: 'wan1',
    dstintfrole: 'wan',
    dstcountry,
    hostname,
    proto: service === 'DNS' || service.startsWith('udp') ? 17 : 6,
    service,
    app,
    appcat,
    apprisk,
    sessionid: int(r, 100_000, 9_999_999),
    policyid: int(r, 1, 12),
    user: pick(r, USERS),
  };
}

/** One log row of `type` from `src` at `itime`, its fields drawn from `r`. */
export function logRow(r: Rand, type: LogType, src: LogSource, itime: number, zone: string): Row {
  const base: Row = {
    ...stamp(itime, zone),
    logid: LOGIDS[type],
    type: type === 'traffic' || type === 'event' ? type : 'utm',
    devid: src.devid,
    devname: src.devname,
    vd: src.vd,
  };
  switch (type) {
    case 'traffic': {
      const f = flow(r, src);
      const sent = int(r, 200, 2_000_000);
      const action = r() < 0.12 ? 'deny' : pick(r, ['accept', 'close', 'close', 'timeout']);
      return {
        ...base,
        subtype: 'forward',
        level: 'notice',
        ...f,
        action,
        trandisp: 'snat',
        duration: action === 'deny' ? 0 : int(r, 1, 3600),
        sentbyte: action === 'deny' ? 0 : sent,
        rcvdbyte: action === 'deny' ? 0 : int(r, 200, 20_000_000),
        sentpkt: action === 'deny' ? 0 : Math.ceil(sent / 1200),
        rcvdpkt: action === 'deny' ? 0 : int(r, 1, 15_000),
      };
    }
    case 'event': {
      const [subtype, logdesc, level, action] = pick(r, EVENTS);
      const user = pick(r, ['admin', 'netops', 'alice', 'vpn-user1']);
      return {
        ...base,
        subtype,
        level,
        logdesc,
        action,
        user,
        ui: subtype === 'system' ? `https(${src.net}.5)` : '',
        status: level === 'alert' || level === 'warning' ? 'failed' : 'success',
        msg: `${logdesc} (${user})`,
      };
    }
    case 'attack': {
      const f = flow(r, src);
      const [attack, attackid, severity] = pick(r, ATTACKS);
      return {
        ...base,
        subtype: 'ips',
        level: severity === 'critical' || severity === 'high' ? 'alert' : 'warning',
        ...f,
        // Attacks come in from the outside: swap the direction.
        srcip: f.dstip,
        dstip: f.srcip,
        srccountry: f.dstcountry,
        dstcountry: 'Reserved',
        attack,
        attackid,
        severity,
        crlevel: severity,
        action: r() < 0.8 ? 'dropped' : 'detected',
        ref: `http://www.fortinet.com/ids/VID${attackid}`,
        msg: `${severity}: ${attack},`,
      };
    }
    case 'virus': {
      const f = flow(r, src);
      const virus = pick(r, VIRUSES);
      return {
        ...base,
        subtype: 'infected',
        level: 'warning',
        ...f,
        service: pick(r, ['HTTP', 'HTTPS', 'SMTP']),
        virus,
        virusid: hashSeed(virus) % 10_000_000,
        dtype: 'Virus',
        filename: pick(r, ['invoice.pdf', 'setup.exe', 'report.docm', 'eicar.com', 'update.js']),
        url: `https://${f.hostname as string}/download/${int(r, 1000, 9999)}`,
        action: r() < 0.9 ? 'blocked' : 'monitored',
        msg: `File is infected.`,
      };
    }
    case 'webfilter': {
      const f = flow(r, src);
      const [cat, catdesc, blocked] = pick(r, CATEGORIES);
      return {
        ...base,
        subtype: blocked ? 'ftgd_blk' : 'ftgd_allow',
        level: blocked ? 'warning' : 'notice',
        ...f,
        service: 'HTTPS',
        url: `/${pick(r, ['', 'index.html', 'login', 'search?q=report', 'assets/app.js'])}`,
        cat,
        catdesc,
        action: blocked ? 'blocked' : 'passthrough',
        msg: blocked
          ? 'URL belongs to a denied category in policy'
          : 'URL belongs to an allowed category in policy',
      };
    }
    case 'app-ctrl': {
      const f = flow(r, src);
      return {
        ...base,
        subtype: 'app-ctrl',
        level: 'information',
        ...f,
        appid: hashSeed(String(f.app)) % 50_000,
        action: f.apprisk === 'critical' ? 'block' : 'pass',
        msg: `${String(f.appcat)}: ${String(f.app)},`,
      };
    }
  }
}

/** All logs of one type for one source, newest first. */
function generate(type: LogType, src: LogSource, clock: LogClock): Row[] {
  const r = prng(hashSeed(`${src.devid}/${src.vd}/${type}`));
  const start = logStart(clock);
  const span = clock.until - start;
  const times = Array.from({ length: VOLUME[type] }, () => start + Math.floor(r() * span));
  times.sort((a, b) => b - a);
  return times.map((t) => logRow(r, type, src, t, clock.zone));
}

// Generated rows never change, so they are built once per source and type and shared.
const cache = new Map<string, Row[]>();

/** Every log of `type` from `sources`, newest first (ties by device), never mutated by callers. */
export function logsOf(type: LogType, sources: LogSource[], clock: LogClock = FIXED_CLOCK): Row[] {
  const parts = sources.map((src) => {
    const key = `${type}|${src.devid}|${src.vd}|${src.net}|${clock.until}|${clock.zone}`;
    let rows = cache.get(key);
    if (!rows) {
      rows = generate(type, src, clock);
      cache.set(key, rows);
    }
    return rows;
  });
  return parts.flat().sort((a, b) => (b.itime as number) - (a.itime as number));
}

/** Field names per log type (logfields), with a type hint. [U] FAZ also returns descriptions per version. */
export function logFields(type: LogType): { name: string; type: string }[] {
  const sample = generate(
    type,
    { devid: 'FGVM00000000000', devname: 'sample', vd: 'root', net: '10.0.0' },
    FIXED_CLOCK,
  )[0];
  return Object.entries(sample).map(([name, v]) => ({
    name,
    type: typeof v === 'number' ? 'int' : name.endsWith('ip') ? 'ip' : 'string',
  }));
}
