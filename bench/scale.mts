/**
 * `npm run bench -- --scale`: what the gateway costs as the data grows (issue #23 §2).
 *
 * One FMG emulator, one FAZ emulator (7.2: reusable tids, so a direct client can read one tid page by page)
 * and one gateway, each in its own process. For 1k / 10k / 100k firewall addresses (seeded in one control
 * call) the whole table is read three ways: directly over JSON-RPC in `range` chunks of 1000 (parsed, as a
 * client must), through the gateway in pages of `limit=10000`, and as one NDJSON stream. For 10k / 100k /
 * 1M synthetic FAZ logs a search is exported through the gateway (NDJSON, lines counted, not parsed) and
 * read directly from its tid in pages of 500. Per run: rows/s, the gateway's and the emulator's CPU per
 * 1000 rows (from /proc), and the gateway's peak RSS sampled every 50 ms, also as growth over its idle RSS.
 */
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { expectStatus, Http } from './load.mts';
import {
  cpuSeconds,
  freePort,
  loadAverage,
  rssMb,
  RssSampler,
  startNode,
  waitFor,
  type Proc,
} from './procs.mts';

const ROOT = resolve(import.meta.dirname, '..');
const ADDRESS_URL = '/pm/config/adom/root/obj/firewall/address';
const LIST_SIZES = [1_000, 10_000, 100_000];
const FAZ_SIZES = [10_000, 100_000, 1_000_000];
const CHUNK = 1000;
const FAZ_PAGE = 500;
const PAGE = 10_000;
/** The bound this benchmark checks: peak RSS over idle, whatever the table size. */
const RSS_BOUND_MB = 64;
/** A run of small tables is repeated until it lasts this long, so rates are not one request's noise. */
const MIN_RUN_S = 1.5;
const FAZ_VERSION = 'v7.2.10-build1706 241218 (GA)';
const WINDOW = { start: '2024-01-01 00:00:00', end: '2030-01-01 00:00:00' };

export interface ScaleOptions {
  nodeFlags: string[];
  /** `--cpu-prof` flags for the gateway (after nodeFlags, which the report names), or none. */
  cpuProf?: string[];
  /** Which data sets: `lists` (addresses), `faz` (log exports); both by default. */
  sets?: string[];
  bearer: string;
  /** The gateway's settings for an FMG upstream and client auth (bench/run.mts translatorEnv). */
  env: (port: number, fmgUrl: string) => Record<string, string>;
}

interface Row {
  what: string;
  size: number;
  client: 'direct' | 'gateway';
  rows: number;
  seconds: number;
  gwCpuS: number;
  emuCpuS: number;
  peakMb: number;
  idleMb: number;
}

async function rpc(http: Http, body: object): Promise<Record<string, unknown>> {
  const answer = expectStatus(await http.send('POST', '/jsonrpc', body), 200);
  return JSON.parse(answer.body) as Record<string, unknown>;
}

/** The data of a classic answer's first result, or of an analytics answer's result object. */
function dataOf(answer: Record<string, unknown>): unknown {
  const result = answer.result as { status?: { code: number; message: string }; data?: unknown }[] | object;
  if (!Array.isArray(result)) {
    if (answer.error) throw new Error(`JSON-RPC error ${JSON.stringify(answer.error)}`);
    return result;
  }
  if (result[0].status?.code !== 0) throw new Error(`status ${JSON.stringify(result[0].status)}`);
  return result[0].data;
}

async function login(http: Http): Promise<string> {
  const answer = await rpc(http, {
    id: 1,
    method: 'exec',
    params: [{ url: '/sys/login/user', data: { user: 'admin', passwd: 'admin' } }],
  });
  return answer.session as string;
}

async function startEmulator(product: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const proc = startNode(`${product}-emulator`, [join(ROOT, 'dist/emulator/main.js')], {
    EMULATOR_PORT: String(port),
    EMULATOR_PRODUCT: product,
    EMULATOR_TZ: 'UTC',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  const http = new Http(new URL(url), 4);
  await waitFor(proc, 'listening', async () => (await http.send('POST', '/jsonrpc', {})).status > 0);
  return { proc, url, http };
}

/** GET `path` and count the lines of the answer as it arrives, without keeping it. */
function countLines(base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      if (res.statusCode !== 200) {
        fail(new Error(`${path}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => done(lines));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** Runs `once` (which reads `size` rows) until MIN_RUN_S have passed, measuring both processes. */
async function measure(
  what: string,
  size: number,
  client: Row['client'],
  gw: Proc,
  emu: Proc,
  once: () => Promise<number>,
): Promise<Row> {
  const idleMb = rssMb(gw.pid);
  const sampler = new RssSampler(gw.pid, 50).start();
  const gw0 = cpuSeconds(gw.pid);
  const emu0 = cpuSeconds(emu.pid);
  const t0 = performance.now();
  let rows = 0;
  do {
    const got = await once();
    if (got < size) throw new Error(`${what} ${client}: read ${got} rows of ${size}`);
    rows += got;
  } while ((performance.now() - t0) / 1000 < MIN_RUN_S);
  const seconds = (performance.now() - t0) / 1000;
  sampler.stop();
  const row: Row = {
    what,
    size,
    client,
    rows,
    seconds,
    gwCpuS: cpuSeconds(gw.pid) - gw0,
    emuCpuS: cpuSeconds(emu.pid) - emu0,
    peakMb: Math.max(sampler.max, rssMb(gw.pid)),
    idleMb,
  };
  console.log(`  ${what} ${fmtSize(size)} ${client}: ${fmt(rows / seconds, 0)} rows/s`);
  return row;
}

async function lists(gw: Gateway, emu: Emulator, opts: ScaleOptions, out: Row[]): Promise<void> {
  const gwHttp = new Http(new URL(gw.url), 1);
  const auth = { authorization: `Bearer ${opts.bearer}` };
  try {
    for (const size of LIST_SIZES) {
      // A reset forgets sessions too: log in again after it.
      expectStatus(await emu.http.send('POST', '/__emulator/reset'), 200);
      const session = await login(emu.http);
      const seeded = expectStatus(
        await emu.http.send('POST', '/__emulator/tables/seed', {
          adom: 'root',
          table: 'firewall/address',
          count: size,
        }),
        200,
      );
      const total = (JSON.parse(seeded.body) as { size: number }).size;
      await new Promise((r) => setTimeout(r, 300));
      out.push(
        await measure('addresses', size, 'direct', gw.proc, emu.proc, async () => {
          let rows = 0;
          for (let at = 0; at < total; at += CHUNK) {
            const answer = await rpc(emu.http, {
              id: 1,
              method: 'get',
              params: [{ url: ADDRESS_URL, range: [at, CHUNK], loadsub: 0 }],
              session,
            });
            rows += (dataOf(answer) as unknown[]).length;
          }
          return rows;
        }),
      );
      out.push(
        await measure('addresses pages', size, 'gateway', gw.proc, emu.proc, async () => {
          let rows = 0;
          for (let at = 0; at < total; at += PAGE) {
            const res = expectStatus(
              await gwHttp.send(
                'GET',
                `/adoms/root/firewall/addresses?limit=${PAGE}&offset=${at}`,
                undefined,
                auth,
              ),
              200,
            );
            rows += (JSON.parse(res.body) as { items: unknown[] }).items.length;
          }
          return rows;
        }),
      );
      out.push(
        await measure('addresses NDJSON', size, 'gateway', gw.proc, emu.proc, () =>
          countLines(gw.url, '/adoms/root/firewall/addresses', { ...auth, accept: 'application/x-ndjson' }),
        ),
      );
    }
  } finally {
    gwHttp.close();
  }
}

async function exports(gw: Gateway, faz: Emulator, opts: ScaleOptions, out: Row[]): Promise<void> {
  const gwHttp = new Http(new URL(gw.url), 1);
  const auth = { authorization: `Bearer ${opts.bearer}` };
  try {
    expectStatus(await faz.http.send('POST', '/__emulator/faz/speed', { searchMs: 0 }), 200);
    const session = await login(faz.http);
    const call = (method: string, url: string, params: object = {}) =>
      rpc(faz.http, { id: 1, jsonrpc: '2.0', method, params: [{ url, apiver: 3, ...params }], session });
    for (const size of FAZ_SIZES) {
      expectStatus(
        await faz.http.send('POST', '/__emulator/faz/logs/size', { adom: 'root', rows: size }),
        200,
      );
      out.push(
        await measure('FAZ export', size, 'direct', gw.proc, faz.proc, async () => {
          const started = dataOf(
            await call('add', '/logview/adom/root/logsearch', { logtype: 'traffic', 'time-range': WINDOW }),
          ) as { tid: number };
          const url = `/logview/adom/root/logsearch/${started.tid}`;
          let rows = 0;
          for (let total = Infinity; rows < total;) {
            const page = dataOf(await call('get', url, { offset: rows, limit: FAZ_PAGE })) as {
              'total-count': number;
              data: unknown[];
            };
            total = page['total-count'];
            rows += page.data.length;
            if (page.data.length === 0) break;
          }
          await call('delete', url);
          return rows;
        }),
      );
      out.push(
        await measure('FAZ export', size, 'gateway', gw.proc, faz.proc, async () => {
          const created = await gwHttp.send(
            'POST',
            '/adoms/root/logs/searches',
            { logType: 'traffic', from: '2024-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' },
            auth,
          );
          if (created.status !== 201 && created.status !== 202)
            throw new Error(`search: HTTP ${created.status}`);
          const { href } = JSON.parse(created.body) as { href: string };
          return countLines(gw.url, `${href}/export`, auth);
        }),
      );
    }
  } finally {
    gwHttp.close();
  }
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Gateway = { proc: Proc; url: string };

async function startGateway(fmgUrl: string, fazUrl: string, opts: ScaleOptions): Promise<Gateway> {
  const port = await freePort();
  const proc = startNode(
    'gateway',
    [...opts.nodeFlags, ...(opts.cpuProf ?? []), join(ROOT, 'dist/main.js')],
    {
      ...opts.env(port, fmgUrl),
      FAZ_URL: fazUrl,
      FAZ_USERNAME: 'admin',
      FAZ_PASSWORD: 'admin',
      RATE_LIMIT_PER_MIN: '0',
      // A million rows take a while: the upstream timeout is per call, but be generous.
      FMG_TIMEOUT_MS: '120000',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const probe = new Http(new URL(url), 1);
  await waitFor(proc, 'ready', async () => (await probe.send('GET', '/health/ready')).status === 200);
  probe.close();
  return { proc, url };
}

export async function runScale(opts: ScaleOptions): Promise<void> {
  const started = performance.now();
  const fmg = await startEmulator('fortimanager');
  const faz = await startEmulator('fortianalyzer', { EMULATOR_VERSION: FAZ_VERSION });
  const gw = await startGateway(fmg.url, faz.url, opts);
  const out: Row[] = [];
  try {
    // One small read of each kind first, so the idle RSS is that of a gateway that has served.
    const auth = { authorization: `Bearer ${opts.bearer}` };
    const warm = new Http(new URL(gw.url), 1);
    expectStatus(await warm.send('GET', '/adoms/root/firewall/addresses?limit=10', undefined, auth), 200);
    warm.close();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(gw.proc.pid);
    console.log(`gateway: pid ${gw.proc.pid}, idle RSS ${fmt(idle)} MB (node ${opts.nodeFlags.join(' ')})`);
    const sets = opts.sets ?? ['lists', 'faz'];
    if (sets.includes('lists')) await lists(gw, fmg, opts, out);
    if (sets.includes('faz')) await exports(gw, faz, opts, out);
    console.log(report(out, idle, (performance.now() - started) / 1000));
  } finally {
    fmg.http.close();
    faz.http.close();
    await gw.proc.stop();
    await fmg.proc.stop();
    await faz.proc.stop();
  }
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtSize = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

function report(rows: Row[], idle: number, seconds: number): string {
  const direct = (r: Row) =>
    rows.find(
      (d) => d.what.split(' ')[0] === r.what.split(' ')[0] && d.size === r.size && d.client === 'direct',
    );
  const rate = (r: Row) => r.rows / r.seconds;
  const header =
    '| data | rows | client | rows/s | vs direct | gateway CPU ms / 1k rows | emulator CPU ms / 1k rows | gateway peak RSS MB | over idle MB |';
  const lines = [header, '|---|---:|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    const d = direct(r);
    lines.push(
      `| ${r.what} | ${fmtSize(r.size)} | ${r.client} | ${fmt(rate(r), 0)} | ${r.client === 'direct' || !d ? '' : fmt(rate(r) / rate(d), 2)} | ` +
        `${r.client === 'direct' ? '' : fmt((r.gwCpuS * 1e6) / r.rows, 1)} | ${fmt((r.emuCpuS * 1e6) / r.rows, 1)} | ` +
        `${r.client === 'direct' ? '' : fmt(r.peakMb)} | ${r.client === 'direct' ? '' : fmt(r.peakMb - idle)} |`,
    );
  }
  const gateway = rows.filter((r) => r.client === 'gateway');
  const over = Math.max(...gateway.map((r) => r.peakMb - idle));
  const exportsRatio = gateway
    .filter((r) => r.what === 'FAZ export')
    .map((r) => ({ size: r.size, ratio: rate(r) / rate(direct(r)!) }));
  const worst = Math.min(...exportsRatio.map((e) => e.ratio));
  const growth = (what: string) => {
    const runs = gateway.filter((r) => r.what === what);
    return runs.length ? fmt(runs.at(-1)!.peakMb - runs[0].peakMb) : '-';
  };
  return [
    '',
    `Scale: the whole data set read once per run (repeated to ${MIN_RUN_S} s for small sets); direct = JSON-RPC in chunks of ${CHUNK} (lists) / pages of ${FAZ_PAGE} on one tid (FAZ ${FAZ_VERSION.split('-')[0]}), parsed.`,
    `Gateway idle RSS ${fmt(idle)} MB. Load average at the end: ${loadAverage()}. Took ${fmt(seconds, 0)} s.`,
    '',
    ...lines,
    '',
    `FAZ export ≥ 0.8 of direct: ${!exportsRatio.length ? 'not run' : worst >= 0.8 ? 'met' : 'NOT met'} (${exportsRatio.map((e) => `${fmtSize(e.size)}: ${fmt(e.ratio, 2)}`).join(', ')}).`,
    `Gateway RSS growth bounded (≤ ${RSS_BOUND_MB} MB over idle at every size): ${over <= RSS_BOUND_MB ? 'met' : 'NOT met'} (largest: ${fmt(over)} MB). ` +
      `Peak growth from the smallest to the largest set: pages ${growth('addresses pages')} MB, NDJSON ${growth('addresses NDJSON')} MB, FAZ export ${growth('FAZ export')} MB.`,
  ].join('\n');
}
