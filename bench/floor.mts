/**
 * The floor of `npm run bench` (issue #23): the least a REST translator in front of FortiManager can do per
 * request, to measure the gateway's CPU per request against. Fastify; an HS256 check with a key made once;
 * one FortiManager session, logged in at start and reused, over a keep-alive agent; the status check; field
 * mapping. Nothing else: no logs, metrics, rate limit, validation or problem mapping. Run by bench/run.mts
 * with PORT, FMG_URL and the bench's JWT settings in the environment.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { Agent, request } from 'node:http';
import Fastify from 'fastify';

const env = (name: string) => process.env[name] ?? '';
const key = createSecretKey(Buffer.from(env('AUTH_JWT_SECRET')));
const fmg = new URL(env('FMG_URL'));
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
type Result = { status: { code: number; message: string }; data?: unknown };

function rpc(
  method: string,
  params: object[],
  session?: string,
): Promise<{ result: Result[]; session?: string }> {
  const body = JSON.stringify({ id: 1, method, params, session });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: fmg.hostname,
        port: fmg.port,
        path: '/jsonrpc',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      },
    );
    req.on('error', reject).end(body);
  });
}

function authorized(header: string | undefined): boolean {
  const [h, p, s] = (header ?? '').replace(/^Bearer /, '').split('.');
  if (!s || JSON.parse(Buffer.from(h, 'base64url').toString()).alg !== 'HS256') return false;
  const mac = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const sig = Buffer.from(s, 'base64url');
  if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) return false;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  return (
    claims.exp > Date.now() / 1000 &&
    claims.iss === env('AUTH_JWT_ISSUER') &&
    claims.aud === env('AUTH_JWT_AUDIENCE')
  );
}

const mask = (m: string) =>
  m.split('.').reduce((n, o) => n + Number(o).toString(2).replace(/0/g, '').length, 0);
const address = (a: any) => ({
  name: a.name,
  type: a.type,
  subnet: `${a.subnet[0]}/${mask(a.subnet[1])}`,
  comment: a.comment,
  color: a.color,
  uuid: a.uuid,
});
const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const policy = (p: any) => ({
  policyid: p.policyid,
  name: p.name,
  srcintf: list(p.srcintf),
  dstintf: list(p.dstintf),
  srcaddr: list(p.srcaddr),
  dstaddr: list(p.dstaddr),
  service: list(p.service),
  action: p.action,
  schedule: p.schedule,
  status: p.status,
  logtraffic: p.logtraffic,
  nat: p.nat,
  poolname: list(p.poolname),
  comments: p.comments,
  seq: p['obj seq'],
  uuid: p.uuid,
});

const { session } = await rpc('exec', [
  { url: '/sys/login/user', data: { user: env('FMG_USERNAME'), passwd: env('FMG_PASSWORD') } },
]);
const app = Fastify();
app.addHook('onRequest', async (req, reply) => {
  if (!authorized(req.headers.authorization)) return reply.code(401).send({ title: 'Unauthorized' });
});
const fail = (r: Result) => ({ code: r.status.code === -3 ? 404 : 502, body: { title: r.status.message } });
app.get<{ Params: { adom: string; name: string } }>(
  '/adoms/:adom/firewall/addresses/:name',
  async (req, reply) => {
    const [r] = (
      await rpc(
        'get',
        [{ url: `/pm/config/adom/${req.params.adom}/obj/firewall/address/${req.params.name}` }],
        session,
      )
    ).result;
    if (r.status.code !== 0) return reply.code(fail(r).code).send(fail(r).body);
    return address(r.data);
  },
);
app.get<{ Params: { adom: string; pkg: string }; Querystring: { limit?: string; offset?: string } }>(
  '/adoms/:adom/packages/:pkg/policies',
  async (req, reply) => {
    const url = `/pm/config/adom/${req.params.adom}/pkg/${req.params.pkg}/firewall/policy`;
    const [limit, offset] = [Number(req.query.limit ?? 100), Number(req.query.offset ?? 0)];
    const [rows, count] = (
      await rpc(
        'get',
        [
          { url, range: [offset, limit], loadsub: 0 },
          { url, option: ['count'] },
        ],
        session,
      )
    ).result;
    if (rows.status.code !== 0) return reply.code(fail(rows).code).send(fail(rows).body);
    return { items: (rows.data as unknown[]).map(policy), total: count.data, offset, limit };
  },
);
await app.listen({ port: Number(env('PORT')), host: '127.0.0.1' });
console.log('floor listening');
