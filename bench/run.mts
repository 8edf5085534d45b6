/**
 * `npm run bench [-- options]`: what the gateway costs over talking JSON-RPC directly (issue #8).
 *
 * The emulator runs in its own process (seeded with a 500-policy package), each gateway variant in its
 * own process from dist/, and this process generates the load. Each workload runs at each concurrency
 * against every client kind back to back, so drifting load from elsewhere on the machine hits them alike.
 *
 *   --seconds 8 --warmup 2       measured and warm-up time per run
 *   --concurrency 1,16,64        closed-loop workers
 *   --workloads list,get,write   list 500 policies / get one object / create + delete an object
 *   --clients floor,direct,naive,gateway,gateway-nocoalesce,gateway-cache,gateway-unbatched
 *                                floor: a bare translator (bench/floor.mts, list and get only), the least a
 *                                REST translator can spend; gateway CPU per request is printed as a multiple
 *                                of it, measured in the same run; gateway-unbatched: READ_BATCH_MAX=1 and no
 *                                coalescing, every read its own upstream call (list and get only)
 *   --upstream-latency-ms 20     then again with every JSON-RPC call answered this much later, as a real
 *                                FortiManager does (0: no such pass); for these workloads and concurrencies:
 *   --latency-workloads list,get --latency-concurrency 16,64
 *   --soak 300                   instead: gateway RSS over N seconds of mixed load at concurrency 16
 *   --scale                      instead: rows/s, CPU and RSS as tables and FAZ exports grow (bench/scale.mts)
 *   --scale-sets lists,faz       with --scale: which data sets (the address tables, the FAZ log exports)
 *   --no-build                   use dist/ as it is
 *   --node-flags="..."           Node/V8 flags for the gateways (default: the Docker image's CMD, see imageNodeFlags)
 *   --cpu-prof DIR               run the gateways with --cpu-prof (profiles written to DIR on exit; also with --scale)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expectStatus, Http, runLoad, type LoadResult, type Operation } from './load.mts';
import {
  cpuSeconds,
  freePort,
  loadAverage,
  peakRssMb,
  resetPeak,
  rssMb,
  RssSampler,
  startNode,
  waitFor,
  type Proc,
} from './procs.mts';

const ROOT = resolve(import.meta.dirname, '..');
const POLICIES = 500;
const PACKAGE = 'bench';
const POLICY_URL = `/pm/config/adom/root/pkg/${PACKAGE}/firewall/policy`;
const ADDRESS_URL = '/pm/config/adom/root/obj/firewall/address';
const AUTH = {
  mode: 'jwt' as const,
  secret: 'fortirest-bench-secret-0123456789abcdef',
  algorithms: ['HS256' as const],
  issuer: 'fortirest-bench',
  audience: 'fortirest',
  clockSkewS: 30,
  scopesClaim: 'scope',
  adomsClaim: 'adoms',
};

/**
 * The gateways run with the Node flags of the Docker image's CMD, the one place they are set (the Kubernetes
 * Deployment runs the image's CMD as it is), so the numbers here are those of the image.
 */
function imageNodeFlags(): string {
  const cmd = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('CMD ['));
  if (!cmd) throw new Error('Dockerfile: no CMD [...] line');
  const argv = JSON.parse(cmd.slice('CMD '.length)) as string[];
  const script = argv.indexOf('dist/main.js');
  if (argv[0] !== 'node' || script < 0) throw new Error(`Dockerfile: unexpected CMD ${cmd}`);
  return argv.slice(1, script).join(' ');
}

type Workload = 'list' | 'get' | 'write';
type ClientKind =
  'floor' | 'direct' | 'naive' | 'gateway' | 'gateway-nocoalesce' | 'gateway-cache' | 'gateway-unbatched';
const GATEWAYS: Record<string, Record<string, string>> = {
  gateway: {},
  'gateway-nocoalesce': { READ_COALESCING: 'false' },
  'gateway-cache': { READ_CACHE_TTL_MS: '1000' },
  // Every read its own JSON-RPC call: the per-call cost, next to the batching default (list and get only).
  'gateway-unbatched': { READ_COALESCING: 'false', READ_BATCH_MAX: '1' },
};
/** The floor translates reads only; the unbatched gateway differs from the others on reads only. */
const FLOOR_WORKLOADS: Workload[] = ['list', 'get'];
const READS_ONLY: ClientKind[] = ['floor', 'gateway-unbatched'];
/** Without read batching: each read its own call, as the floor does. */
const UNBATCHED: ClientKind = 'gateway-unbatched';
/** The gateway measured against the floor: without read coalescing, as real clients rarely send identical reads at once. */
const FLOOR_COMPARED: ClientKind = 'gateway-nocoalesce';
/** A login per call at 64 workers would exceed FMG's login-max (32): that row says nothing new. */
const NAIVE_MAX_CONCURRENCY = 16;

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '1,16,64' },
    workloads: { type: 'string', default: 'list,get,write' },
    clients: {
      type: 'string',
      default: 'floor,direct,naive,gateway,gateway-nocoalesce,gateway-cache,gateway-unbatched',
    },
    soak: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'upstream-latency-ms': { type: 'string', default: '20' },
    'latency-workloads': { type: 'string', default: 'list,get' },
    'latency-concurrency': { type: 'string', default: '16,64' },
    'node-flags': { type: 'string', default: imageNodeFlags() },
    'cpu-prof': { type: 'string' },
    scale: { type: 'boolean', default: false },
    'scale-sets': { type: 'string', default: 'lists,faz' },
  },
});

// ---------------------------------------------------------------- build, processes, seed

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const main = join(ROOT, 'dist/main.js');
  if (args['no-build'] && existsSync(main)) return;
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  console.log('Building (dist/ is missing or older than src/)...');
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('nest build failed');
}

interface RpcResultLike {
  status: { code: number; message: string };
  data?: unknown;
}

/** One JSON-RPC call; throws unless every result has status 0. */
async function rpc(
  http: Http,
  method: string,
  params: object[],
  session?: string,
): Promise<{ result: RpcResultLike[]; session?: string }> {
  const answer = expectStatus(await http.send('POST', '/jsonrpc', { id: 1, method, params, session }), 200);
  const parsed = JSON.parse(answer.body) as { result: RpcResultLike[]; session?: string };
  const failed = parsed.result.find((r) => r.status.code !== 0);
  if (failed) throw new Error(`${method}: ${failed.status.code} ${failed.status.message}`);
  return parsed;
}

async function login(http: Http): Promise<string> {
  const { session } = await rpc(http, 'exec', [
    { url: '/sys/login/user', data: { user: 'admin', passwd: 'admin' } },
  ]);
  if (!session) throw new Error('login returned no session');
  return session;
}

async function startEmulator(): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const proc = startNode('emulator', [join(ROOT, 'dist/emulator/main.js')], { EMULATOR_PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const probe = new Http(new URL(url), 1);
  await waitFor(proc, 'listening', async () => (await probe.send('POST', '/jsonrpc', {})).status > 0);
  probe.close();
  return { proc, url };
}

/** A package with POLICIES policies, written over JSON-RPC like any script would. */
async function seed(http: Http): Promise<void> {
  const session = await login(http);
  await rpc(http, 'add', [{ url: '/pm/pkg/adom/root', data: { name: PACKAGE, type: 'pkg' } }], session);
  const params = Array.from({ length: POLICIES }, (_, i) => ({
    url: POLICY_URL,
    data: {
      name: `bench-${i + 1}`,
      srcintf: ['port2'],
      dstintf: ['port1'],
      srcaddr: ['all'],
      dstaddr: ['all'],
      service: ['ALL'],
      schedule: 'always',
      action: i % 10 === 9 ? 'deny' : 'accept',
      logtraffic: 'all',
      comments: `benchmark policy ${i + 1}`,
    },
  }));
  for (let i = 0; i < params.length; i += 100) await rpc(http, 'add', params.slice(i, i + 100), session);
  const { result } = await rpc(http, 'get', [{ url: POLICY_URL, option: ['count'] }], session);
  if (result[0].data !== POLICIES) throw new Error(`seeded ${String(result[0].data)} policies`);
  await rpc(http, 'exec', [{ url: '/sys/logout' }], session);
}

/** Every JSON-RPC call answered `ms` later, through the emulator's fault API (0: none). */
async function setUpstreamLatency(http: Http, ms: number): Promise<void> {
  expectStatus(await http.send('DELETE', '/__emulator/faults'), 200);
  if (ms > 0) {
    const fault = { delayMs: ms, times: 2 ** 31 - 1 };
    expectStatus(await http.send('POST', '/__emulator/faults', fault), 200);
  }
}

/** The Node flags of every translator the bench starts (--node-flags). */
const nodeFlags = (): string[] => args['node-flags'].split(/\s+/).filter(Boolean);

/** With --cpu-prof DIR: the flags that make a process write DIR/<name>.cpuprofile on exit. */
const cpuProfFlags = (name: string): string[] =>
  args['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];

/** Upstream and client-auth settings, the same for the gateways and the floor. */
function translatorEnv(port: number, emulatorUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    FMG_URL: emulatorUrl,
    FMG_USERNAME: 'admin',
    FMG_PASSWORD: 'admin',
    AUTH_JWT_SECRET: AUTH.secret,
    AUTH_JWT_ISSUER: AUTH.issuer,
    AUTH_JWT_AUDIENCE: AUTH.audience,
  };
}

async function startGateway(kind: string, emulatorUrl: string): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const node = cpuProfFlags(kind);
  const flags = nodeFlags();
  const proc = startNode(kind, [...flags, ...node, join(ROOT, 'dist/main.js')], {
    ...translatorEnv(port, emulatorUrl),
    // Several gateways share the emulator's admin (login-max 32): idle sessions go back quickly.
    FMG_SESSION_IDLE_MS: '2000',
    // One client sends everything here: per-client rate limiting would measure the limit, not the gateway.
    RATE_LIMIT_PER_MIN: '0',
    ...GATEWAYS[kind],
  });
  const url = `http://127.0.0.1:${port}`;
  const probe = new Http(new URL(url), 1);
  await waitFor(proc, 'ready', async () => (await probe.send('GET', '/health/ready')).status === 200);
  probe.close();
  console.log(
    `${kind}: pid ${proc.pid}, RSS ${rssMb(proc.pid).toFixed(0)} MB once ready (node ${flags.join(' ') || 'with default flags'})`,
  );
  return { proc, url };
}

/** The bare translator, with the gateways' Node flags so that only the code differs. */
async function startFloor(emulatorUrl: string): Promise<{ proc: Proc; url: string }> {
  const port = await freePort();
  const flags = nodeFlags();
  const proc = startNode(
    'floor',
    [...flags, join(ROOT, 'bench/floor.mts')],
    translatorEnv(port, emulatorUrl),
  );
  const url = `http://127.0.0.1:${port}`;
  const probe = new Http(new URL(url), 1);
  // Listening is enough: it logged in before it listened. Without a token every route is 401.
  await waitFor(proc, 'listening', async () => (await probe.send('GET', '/')).status > 0);
  probe.close();
  console.log(`floor: pid ${proc.pid}, RSS ${rssMb(proc.pid).toFixed(0)} MB once listening`);
  return { proc, url };
}

async function token(): Promise<string> {
  const { mintToken } = (await import(join(ROOT, 'dist/auth/tokens.js'))) as {
    mintToken: (
      auth: typeof AUTH,
      o: { subject: string; scopes: string[]; adoms: string[]; expiresInS: number },
    ) => string;
  };
  return mintToken(AUTH, { subject: 'bench', scopes: ['read', 'write'], adoms: ['*'], expiresInS: 3 * 3600 });
}

// ---------------------------------------------------------------- operations

function directOps(http: Http, session: string): Record<Workload, Operation> {
  return {
    list: async () => {
      await rpc(
        http,
        'get',
        [
          { url: POLICY_URL, range: [0, POLICIES], loadsub: 0 },
          { url: POLICY_URL, option: ['count'] },
        ],
        session,
      );
    },
    get: async () => {
      await rpc(http, 'get', [{ url: `${ADDRESS_URL}/h_web01` }], session);
    },
    write: async (w, seq) => {
      const name = `bd-${w}-${seq}`;
      await rpc(
        http,
        'add',
        [{ url: ADDRESS_URL, data: { name, subnet: ['192.0.2.1', '255.255.255.255'] } }],
        session,
      );
      await rpc(http, 'delete', [{ url: `${ADDRESS_URL}/${name}` }], session);
    },
  };
}

/** As many scripts do it: log in, make the call, log out. */
function naiveOps(http: Http): Record<Workload, Operation> {
  const wrap =
    (op: (session: string, w: number, seq: number) => Promise<void>): Operation =>
    async (w, seq) => {
      const session = await login(http);
      try {
        await op(session, w, seq);
      } finally {
        await rpc(http, 'exec', [{ url: '/sys/logout' }], session);
      }
    };
  return {
    list: wrap((s) => directOps(http, s).list(0, 0)),
    get: wrap((s) => directOps(http, s).get(0, 0)),
    write: wrap((s, w, seq) => directOps(http, s).write(w, seq + 1e9)),
  };
}

function gatewayOps(http: Http, bearer: string, tag: string): Record<Workload, Operation> {
  const auth = { authorization: `Bearer ${bearer}` };
  return {
    list: async () => {
      expectStatus(
        await http.send('GET', `/adoms/root/packages/${PACKAGE}/policies?limit=${POLICIES}`, undefined, auth),
        200,
      );
    },
    get: async () => {
      expectStatus(await http.send('GET', '/adoms/root/firewall/addresses/h_web01', undefined, auth), 200);
    },
    write: async (w, seq) => {
      const name = `bg${tag}-${w}-${seq}`;
      const body = { name, subnet: '192.0.2.1/32' };
      expectStatus(await http.send('POST', '/adoms/root/firewall/addresses', body, auth), 201);
      expectStatus(await http.send('DELETE', `/adoms/root/firewall/addresses/${name}`, undefined, auth), 204);
    },
  };
}

// ---------------------------------------------------------------- runs and report

interface Row extends LoadResult {
  workload: Workload;
  concurrency: number;
  client: ClientKind;
  /** Delay the emulator adds to every JSON-RPC call. */
  upstreamMs: number;
  gatewayPeakMb?: number;
  gatewayCpu?: number;
  emulatorCpu: number;
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits);

/** The row of `client` measured with the same workload, concurrency and upstream latency as `r`. */
const sibling = (rows: Row[], r: Row, client: ClientKind) =>
  rows.find(
    (d) =>
      d.client === client &&
      d.workload === r.workload &&
      d.concurrency === r.concurrency &&
      d.upstreamMs === r.upstreamMs,
  );

/** CPU ms per operation of the gateway (or the floor) in a row. */
const cpuMsPerOp = (r: Row | undefined) =>
  r?.gatewayCpu === undefined ? undefined : (r.gatewayCpu * 1000) / r.opsPerSec;

function table(rows: Row[]): string {
  const lines = [
    '| workload | conc. | client | ops/s | p50 ms | p99 ms | errors | ops/s vs direct | added p50 ms | gateway peak RSS MB | gateway CPU ms/op | CPU × floor | CPU gateway / emulator |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const d = r.client === 'direct' ? undefined : sibling(rows, r, 'direct');
    const floor = r.client === 'floor' ? undefined : cpuMsPerOp(sibling(rows, r, 'floor'));
    const cpu = cpuMsPerOp(r);
    lines.push(
      `| ${r.workload}${r.upstreamMs ? ` +${r.upstreamMs} ms` : ''} | ${r.concurrency} | ${r.client} | ${fmt(r.opsPerSec, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.errors} | ${d ? fmt(r.opsPerSec / d.opsPerSec, 2) : ''} | ${d ? fmt(r.p50 - d.p50, 2) : ''} | ${fmt(r.gatewayPeakMb, 0)} | ${fmt(cpu, 2)} | ${cpu !== undefined && floor ? fmt(cpu / floor, 1) : ''} | ${r.gatewayCpu === undefined ? '' : `${fmt(r.gatewayCpu * 100, 0)}% / `}${fmt(r.emulatorCpu * 100, 0)}% |`,
    );
  }
  return lines.join('\n');
}

/** The gateway without read coalescing against the floor: CPU per request and the multiple (target ≤ 2). */
function floorTable(rows: Row[]): string {
  const lines = [
    `| workload | conc. | floor CPU ms/op | ${FLOOR_COMPARED} CPU ms/op | × floor | ${UNBATCHED} CPU ms/op | × floor | floor p50 ms | ${FLOOR_COMPARED} p50 ms | ${UNBATCHED} p50 ms |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of rows.filter((r) => r.client === 'floor')) {
    const [g, u] = [sibling(rows, f, FLOOR_COMPARED), sibling(rows, f, UNBATCHED)];
    const floor = cpuMsPerOp(f);
    const times = (x: number | undefined) => (x !== undefined && floor ? fmt(x / floor, 1) : '');
    const [gateway, unbatched] = [cpuMsPerOp(g), cpuMsPerOp(u)];
    lines.push(
      `| ${f.workload}${f.upstreamMs ? ` +${f.upstreamMs} ms` : ''} | ${f.concurrency} | ${fmt(floor, 3)} | ${fmt(gateway, 3)} | ${times(gateway)} | ${fmt(unbatched, 3)} | ${times(unbatched)} | ${fmt(f.p50, 2)} | ${fmt(g?.p50, 2)} | ${fmt(u?.p50, 2)} |`,
    );
  }
  return lines.join('\n');
}

/** Issue #23's targets, met or not, from the rows of this run (a target whose rows did not run is left out). */
function summary(rows: Row[]): string {
  const lines = ['| target | measured | goal | |', '|---|---:|---:|---|'];
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const row = (client: ClientKind, workload: Workload, concurrency: number, upstreamMs = 0) =>
    rows.find(
      (r) =>
        r.client === client &&
        r.workload === workload &&
        r.concurrency === concurrency &&
        r.upstreamMs === upstreamMs,
    );
  for (const workload of FLOOR_WORKLOADS) {
    for (const kind of [FLOOR_COMPARED, UNBATCHED]) {
      const [g, f] = [row(kind, workload, 16), row('floor', workload, 16)];
      const [gateway, floor] = [cpuMsPerOp(g), cpuMsPerOp(f)];
      if (gateway === undefined || !floor) continue;
      lines.push(
        `| ${workload} c16 CPU/op: ${kind} ${fmt(gateway, 3)} ms, floor ${fmt(floor, 3)} ms | ${fmt(gateway / floor, 2)}× | ≤ 2.0× | ${verdict(gateway / floor <= 2)} |`,
      );
    }
  }
  const [g1, d1, f1] = [row(FLOOR_COMPARED, 'get', 1), row('direct', 'get', 1), row('floor', 'get', 1)];
  if (f1 && d1) {
    // Context, like the floor's throughput rows: the second HTTP hop alone, which every translator adds.
    lines.push(`| get c1 added p50 (floor − direct) | ${fmt(f1.p50 - d1.p50, 2)} ms | (reference) |  |`);
  }
  if (g1 && d1) {
    const added = g1.p50 - d1.p50;
    lines.push(
      `| get c1 added p50 (${FLOOR_COMPARED} − direct) | ${fmt(added, 2)} ms | ≤ 0.5 ms | ${verdict(added <= 0.5)} |`,
    );
  }
  const latency = [...new Set(rows.map((r) => r.upstreamMs).filter((ms) => ms > 0))];
  for (const ms of latency) {
    for (const r of rows.filter(
      (x) => x.upstreamMs === ms && [FLOOR_COMPARED, 'gateway', UNBATCHED, 'floor'].includes(x.client),
    )) {
      const d = sibling(rows, r, 'direct');
      if (!d) continue;
      const ratio = r.opsPerSec / d.opsPerSec;
      // The floor's own ratio is context: on two shared cores even it takes CPU from the emulator.
      const goal = r.client === 'floor' ? '(reference)' : '≥ 0.95';
      lines.push(
        `| ${r.workload} +${ms} ms c${r.concurrency} throughput ${r.client} / direct | ${fmt(ratio, 2)} | ${goal} | ${r.client === 'floor' ? '' : verdict(ratio >= 0.95)} |`,
      );
    }
  }
  return lines.join('\n');
}

async function measure(
  op: Operation,
  concurrency: number,
  emulator: Proc,
  gateway: Proc | undefined,
): Promise<Omit<Row, 'workload' | 'client' | 'concurrency' | 'upstreamMs'>> {
  const sampler = gateway ? new RssSampler(gateway.pid, 100) : undefined;
  let cpu0 = { emu: 0, gw: 0, t: 0 };
  let cpu1 = cpu0;
  const cpuNow = () => ({
    emu: cpuSeconds(emulator.pid),
    gw: gateway ? cpuSeconds(gateway.pid) : 0,
    t: performance.now(),
  });
  if (gateway) resetPeak(gateway.pid);
  sampler?.start();
  const result = await runLoad({
    concurrency,
    seconds: Number(args.seconds),
    warmupSeconds: Number(args.warmup),
    op,
    onMeasureStart: () => (cpu0 = cpuNow()),
    onMeasureEnd: () => (cpu1 = cpuNow()),
  });
  sampler?.stop();
  const wall = (cpu1.t - cpu0.t) / 1000;
  return {
    ...result,
    gatewayPeakMb: gateway ? Math.max(sampler!.max, peakRssMb(gateway.pid)) : undefined,
    gatewayCpu: gateway ? (cpu1.gw - cpu0.gw) / wall : undefined,
    emulatorCpu: (cpu1.emu - cpu0.emu) / wall,
  };
}

function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}; all on loopback`;
}

async function benchmark(emulator: { proc: Proc; url: string }, bearer: string): Promise<void> {
  const concurrencies = args.concurrency.split(',').map(Number);
  const workloads = args.workloads.split(',') as Workload[];
  const clients = args.clients.split(',') as ClientKind[];
  const latencyMs = Number(args['upstream-latency-ms']);
  const latencyWorkloads = args['latency-workloads'].split(',').filter(Boolean) as Workload[];
  const latencyConcurrencies = args['latency-concurrency'].split(',').filter(Boolean).map(Number);
  const sockets = Math.max(...concurrencies, ...(latencyMs > 0 ? latencyConcurrencies : []));
  const emuHttp = new Http(new URL(emulator.url), sockets);
  const session = await login(emuHttp);
  const gateways = new Map<string, { proc: Proc; http: Http }>();
  for (const kind of clients.filter((c) => c in GATEWAYS || c === 'floor')) {
    const gw = kind === 'floor' ? await startFloor(emulator.url) : await startGateway(kind, emulator.url);
    gateways.set(kind, { proc: gw.proc, http: new Http(new URL(gw.url), sockets) });
  }
  const rows: Row[] = [];
  const pass = async (workloads: Workload[], concurrencies: number[], upstreamMs: number) => {
    for (const workload of workloads) {
      for (const concurrency of concurrencies) {
        for (const client of clients) {
          if (client === 'naive' && concurrency > NAIVE_MAX_CONCURRENCY) continue;
          if (READS_ONLY.includes(client) && !FLOOR_WORKLOADS.includes(workload)) continue;
          const gw = gateways.get(client);
          const ops = gw
            ? gatewayOps(gw.http, bearer, client.replace(/\W/g, ''))
            : client === 'naive'
              ? naiveOps(emuHttp)
              : directOps(emuHttp, session);
          const row: Row = {
            workload,
            concurrency,
            client,
            upstreamMs,
            ...(await measure(ops[workload], concurrency, emulator.proc, gw?.proc)),
          };
          rows.push(row);
          console.log(
            `${workload.padEnd(5)}${upstreamMs ? ` +${upstreamMs} ms` : ''} c=${String(concurrency).padEnd(3)} ${client.padEnd(19)} ${fmt(row.opsPerSec, 0).padStart(6)} ops/s  p50 ${fmt(row.p50, 2)} ms  p99 ${fmt(row.p99, 2)} ms  errors ${row.errors}${row.firstError ? ` (${row.firstError})` : ''}  load ${loadAverage()}`,
          );
        }
      }
    }
  };
  try {
    await pass(workloads, concurrencies, 0);
    if (latencyMs > 0) {
      // A delay-only fault: the call runs as usual, answered latencyMs later (logins included).
      await setUpstreamLatency(emuHttp, latencyMs);
      try {
        await pass(latencyWorkloads, latencyConcurrencies, latencyMs);
      } finally {
        await setUpstreamLatency(emuHttp, 0);
      }
    }
  } finally {
    for (const gw of gateways.values()) {
      gw.http.close();
      await gw.proc.stop();
    }
    emuHttp.close();
  }
  console.log(`\nMachine: ${machine()}. Load average at the end: ${loadAverage()}.`);
  console.log(
    `Runs: ${args.warmup} s warm-up + ${args.seconds} s measured each; ops/s and latency per operation (write = create + delete).\n`,
  );
  console.log(table(rows.filter((r) => r.upstreamMs === 0)));
  if (latencyMs > 0) {
    console.log(
      `\nThe same, with the emulator answering every JSON-RPC call ${latencyMs} ms late (a real FortiManager takes tens of ms):\n`,
    );
    console.log(table(rows.filter((r) => r.upstreamMs === latencyMs)));
  }
  if (rows.some((r) => r.client === 'floor')) {
    console.log(
      `\nCPU per request against the floor (bench/floor.mts, a bare translator), same run; the gateway with READ_COALESCING=false (target: ≤ 2× at concurrency 16):\n`,
    );
    console.log(floorTable(rows));
  }
  console.log(
    `\nSummary against the targets of issue #23 (the gateway with READ_COALESCING=false unless named):\n`,
  );
  console.log(summary(rows));
}

async function soak(emulator: { proc: Proc; url: string }, bearer: string, seconds: number): Promise<void> {
  const gw = await startGateway('gateway', emulator.url);
  const http = new Http(new URL(gw.url), 16);
  const ops = gatewayOps(http, bearer, 'soak');
  // Mostly reads, some writes: every code path that could hold on to memory gets exercised.
  const mixed: Operation = (w, seq) =>
    seq % 10 === 0 ? ops.write(w, seq) : seq % 2 === 0 ? ops.list(w, seq) : ops.get(w, seq);
  const sampler = new RssSampler(gw.proc.pid, 1000).start();
  const progress = setInterval(() => {
    const last = sampler.samples.at(-1);
    if (last) console.log(`  t=${fmt(last.t, 0)} s  RSS ${fmt(last.mb)} MB  load ${loadAverage()}`);
  }, 30_000);
  try {
    const result = await runLoad({ concurrency: 16, seconds, warmupSeconds: 0, op: mixed });
    sampler.stop();
    const warm = Math.min(60, seconds / 5);
    const after = sampler.samples.filter((s) => s.t >= warm);
    const avg = (xs: { mb: number }[]) => xs.reduce((a, s) => a + s.mb, 0) / xs.length;
    const n = after.length;
    const mt = after.reduce((a, s) => a + s.t, 0) / n;
    const mm = avg(after);
    const slope =
      after.reduce((a, s) => a + (s.t - mt) * (s.mb - mm), 0) /
      after.reduce((a, s) => a + (s.t - mt) ** 2, 0);
    console.log(
      `\nSoak: ${seconds} s of mixed load (45% list 500, 45% get, 10% create+delete) at concurrency 16 through the gateway.`,
    );
    console.log(
      `  ${fmt(result.opsPerSec, 0)} ops/s, p50 ${fmt(result.p50, 2)} ms, p99 ${fmt(result.p99, 2)} ms, errors ${result.errors}`,
    );
    console.log(
      `  gateway RSS after ${fmt(warm, 0)} s warm-up: start ${fmt(avg(after.slice(0, 10)))} MB, end ${fmt(avg(after.slice(-10)))} MB, ` +
        `min ${fmt(Math.min(...after.map((s) => s.mb)))} MB, max ${fmt(Math.max(...after.map((s) => s.mb)))} MB, trend ${fmt(slope * 60, 2)} MB/min`,
    );
    console.log(`  Machine: ${machine()}. Load average at the end: ${loadAverage()}.`);
  } finally {
    clearInterval(progress);
    http.close();
    await gw.proc.stop();
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  if (args.scale) {
    const { runScale } = await import('./scale.mts');
    const sets = args['scale-sets'].split(',').filter(Boolean);
    return runScale({
      nodeFlags: nodeFlags(),
      cpuProf: cpuProfFlags('gateway-scale'),
      sets,
      bearer: await token(),
      env: translatorEnv,
    });
  }
  const emulator = await startEmulator();
  try {
    const http = new Http(new URL(emulator.url), 1);
    await seed(http);
    http.close();
    const bearer = await token();
    if (args.soak) await soak(emulator, bearer, Number(args.soak));
    else await benchmark(emulator, bearer);
  } finally {
    await emulator.proc.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
