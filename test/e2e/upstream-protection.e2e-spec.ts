import { createServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response, Test } from 'supertest';
import { DEMO_API_KEY, RunningEmulator, startEmulator } from '../../src/emulator';
import type { UpstreamConfig } from '../../src/config/app-config';
import { UpstreamRegistry } from '../../src/upstream/upstream.registry';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';
import { setTimeout as sleep } from 'node:timers/promises';

/** Upstream protection (issue #8): coalescing identical reads, the read cache, the concurrency limit. */

const ADDRESS_URL = 'pm/config/adom/root/obj/firewall/address';
const bearer = (adoms: string[]) => `Bearer ${testToken({ scope: 'read write', adoms })}`;

function protectionOf(stack: Stack) {
  return stack.app.get(UpstreamRegistry).client('fmg').protection()!;
}

/** Upstream `get` calls on exactly `url` since `since`, from the emulator's own call log. */
async function getsOn(stack: Stack, url: string, since: number): Promise<number> {
  return (await stack.control.calls(since)).calls.filter((c) => c.method === 'get' && c.url === url).length;
}

/** supertest sends lazily: `.then` starts the request now. */
const start = (t: Test): Promise<Response> => t.then((r) => r);

describe('upstream protection', () => {
  describe('coalescing identical reads', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(() => stack.close());
    afterEach(() => stack.control.clearFaults());

    it('should send 10 parallel identical GETs upstream as one call, and give each client the answer', async () => {
      const url = `${ADDRESS_URL}/h_web01`;
      // The first call is held upstream long enough for the other nine to arrive while it is in flight.
      await stack.control.fault({ match: { url }, delayMs: 400, times: 1 });
      const { next } = await stack.control.calls();
      const before = protectionOf(stack).coalesced;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => stack.http().get('/adoms/root/firewall/addresses/h_web01')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      for (const r of results) expect(r.body).toEqual(results[0].body);
      expect(results[0].body.name).toBe('h_web01');
      expect(await getsOn(stack, url, next)).toBe(1);
      expect(protectionOf(stack).coalesced - before).toBe(9);
    });

    it('should answer every client of a coalesced read in full', async () => {
      const url = `${ADDRESS_URL}/h_web02`;
      await stack.control.fault({ match: { url }, delayMs: 300, times: 1 });
      const [full, some] = await Promise.all([
        stack.http().get('/adoms/root/firewall/addresses/h_web02'),
        stack.http().get('/adoms/root/firewall/addresses/h_web02'),
      ]);
      expect(full.status).toBe(200);
      expect(some.body).toEqual(full.body);
      expect(full.body.comment).toBe('Web server 2');
    });

    it('should give every reader of a coalesced list the same full page as a read of its own', async () => {
      await stack.control.fault({ match: { url: ADDRESS_URL }, delayMs: 300, times: 1 });
      const { next } = await stack.control.calls();
      const before = protectionOf(stack).coalesced;
      const shared = await Promise.all(
        Array.from({ length: 8 }, () => stack.http().get('/adoms/root/firewall/addresses?limit=50')),
      );
      // The rows of one upstream answer were mapped once and shared (frozen): same content as a
      // reader alone gets, and later reads are not affected by the sharing.
      const alone = await stack.http().get('/adoms/root/firewall/addresses?limit=50').expect(200);
      expect(alone.body.items.length).toBeGreaterThan(5);
      for (const r of shared) {
        expect({ status: r.status, body: r.body as unknown }).toEqual({ status: 200, body: alone.body });
      }
      expect(protectionOf(stack).coalesced - before).toBe(7);
      // Two JSON-RPC calls (the shared one, the lone read), each a page and a count.
      expect(await getsOn(stack, ADDRESS_URL, next)).toBe(4);
    });

    it('should not share reads between clients with different ADOM permissions', async () => {
      const url = `${ADDRESS_URL}/h_erp01`;
      // Both first calls (one per permission context) are held, so the others arrive while they run.
      await stack.control.fault({ match: { url }, delayMs: 400, times: 2 });
      const { next } = await stack.control.calls();
      const path = '/adoms/root/firewall/addresses/h_erp01';
      const requests = [['*'], ['*'], ['*'], ['*'], ['root'], ['root'], ['root'], ['root']].map((adoms) =>
        start(stack.anonymous().get(path).set('Authorization', bearer(adoms))),
      );
      const results = await Promise.all(requests);
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      // Same params, yet one upstream call per permission context, not one for all eight.
      expect(await getsOn(stack, url, next)).toBe(2);
    });

    it('should never let a restricted client read past its allow-list, even while others read the same', async () => {
      await stack.control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 300, times: 2 });
      const [admin, restricted] = await Promise.all([
        start(
          stack
            .anonymous()
            .get('/adoms')
            .set('Authorization', bearer(['*'])),
        ),
        start(
          stack
            .anonymous()
            .get('/adoms')
            .set('Authorization', bearer(['root'])),
        ),
      ]);
      const names = (r: typeof admin) => (r.body.items as { name: string }[]).map((a) => a.name);
      expect(names(admin).length).toBeGreaterThan(1);
      expect(names(restricted)).toEqual(['root']);
      const denied = await stack
        .anonymous()
        .get('/adoms/branch-east/firewall/addresses')
        .set('Authorization', bearer(['root']));
      expectProblem(denied, 403, 'ADOM_NOT_ALLOWED');
    });

    it('should not let a read that started before a write answer a read that starts after it', async () => {
      const url = `${ADDRESS_URL}/h_db01`;
      // The first read is slow; a write to the same ADOM completes while it is still in flight.
      await stack.control.fault({ match: { url, method: 'get' }, delayMs: 600, times: 1 });
      const { next } = await stack.control.calls();
      const early = start(stack.http().get('/adoms/root/firewall/addresses/h_db01'));
      await new Promise((r) => setTimeout(r, 100));
      await stack
        .http()
        .patch('/adoms/root/firewall/addresses/h_db01')
        .send({ comment: 'patched while a read was in flight' })
        .expect(200);
      const late = await stack.http().get('/adoms/root/firewall/addresses/h_db01').expect(200);
      expect(late.body.comment).toBe('patched while a read was in flight');
      expect((await early).status).toBe(200);
      // The early read, the PATCH's read-back and the late read: three upstream gets, none shared.
      expect(await getsOn(stack, url, next)).toBe(3);
    });
  });

  describe('batching concurrent reads (READ_BATCH_MAX)', () => {
    let stack: Stack;
    beforeAll(async () => {
      // One call in flight at a time, so reads pile up behind a slow one, as on a busy FortiManager.
      stack = await startStack({ fmg: { coalesceReads: false, maxConcurrency: 1 } });
    });
    afterAll(() => stack.close());
    afterEach(() => stack.control.clearFaults());

    const names = ['h_web02', 'h_db01', 'h_mail01', 'h_dns01', 'h_erp01', 'no-such-host'];
    const read = (name: string) => start(stack.http().get(`/adoms/root/firewall/addresses/${name}`));

    /** Reads `names` while a slow read holds the only slot; returns the answers and the upstream gets. */
    async function behindSlowRead(meanwhile?: () => Promise<void>) {
      await stack.control.fault({ match: { url: `${ADDRESS_URL}/h_web01` }, delayMs: 400, times: 1 });
      const { next } = await stack.control.calls();
      const slow = read('h_web01');
      await sleep(100);
      const pending = names.map(read);
      await sleep(100);
      await meanwhile?.();
      const results = await Promise.all(pending);
      expect((await slow).body.name).toBe('h_web01');
      const calls = (await stack.control.calls(next)).calls.filter((c) => c.method === 'get');
      return { results, calls: calls.filter((c) => c.url !== `${ADDRESS_URL}/h_web01`) };
    }

    it('should send reads that wait for the upstream as one call, and answer each client with its own', async () => {
      const before = protectionOf(stack).batched;
      const { results, calls } = await behindSlowRead();
      names.forEach((name, i) => {
        if (name === 'no-such-host') expectProblem(results[i], 404, 'FMG_OBJECT_NOT_FOUND');
        else expect({ status: results[i].status, name: results[i].body.name }).toEqual({ status: 200, name });
      });
      // Six reads, one JSON-RPC call: each param has its own answer (one of them -3, not found).
      expect(calls.map((c) => c.url).sort()).toEqual(names.map((n) => `${ADDRESS_URL}/${n}`).sort());
      expect(calls.map((c) => c.batch)).toEqual(Array(names.length).fill(names.length));
      expect(calls.map((c) => c.code).sort()).toEqual([-3, 0, 0, 0, 0, 0]);
      expect(protectionOf(stack).batched - before).toBe(names.length);
    });

    it('should log in again once for a shared call whose session expired, and resend it', async () => {
      // The sessions expire while the shared call still waits for its slot.
      const { results, calls } = await behindSlowRead(() => stack.control.expireSessions());
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
      const urls = names.map((n) => `${ADDRESS_URL}/${n}`).sort();
      const sorted = (list: typeof calls) => list.map((c) => c.url).sort();
      expect(calls.every((c) => c.batch === names.length)).toBe(true);
      expect(sorted(calls.filter((c) => c.code === -11))).toEqual(urls);
      expect(sorted(calls.filter((c) => c.code !== -11))).toEqual(urls);
    });

    it('should keep each read alone with READ_BATCH_MAX=1', async () => {
      const alone = await startStack({
        reuseEmulator: stack.emulator,
        fmg: { coalesceReads: false, maxConcurrency: 1, readBatchMax: 1 },
      });
      try {
        const { next } = await alone.control.calls();
        await Promise.all(
          names.slice(0, 4).map((n) => alone.http().get(`/adoms/root/firewall/addresses/${n}`)),
        );
        const calls = (await alone.control.calls(next)).calls.filter((c) => c.method === 'get');
        expect(calls).toHaveLength(4);
        expect(calls.every((c) => c.batch === undefined)).toBe(true);
      } finally {
        await alone.close();
      }
    });
  });

  describe('read cache (READ_CACHE_TTL_MS)', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ fmg: { readCacheTtlMs: 60_000 } });
    });
    afterAll(() => stack.close());

    it('should answer a repeated configuration read from the cache, then fetch again after a write to it', async () => {
      const url = `${ADDRESS_URL}/h_mail01`;
      const path = '/adoms/root/firewall/addresses/h_mail01';
      const { next } = await stack.control.calls();
      const hitsBefore = protectionOf(stack).cacheHits;
      const first = await stack.http().get(path).expect(200);
      const second = await stack.http().get(path).expect(200);
      expect(second.body).toEqual(first.body);
      expect(await getsOn(stack, url, next)).toBe(1);
      expect(protectionOf(stack).cacheHits - hitsBefore).toBe(1);

      const invalidationsBefore = protectionOf(stack).cacheInvalidations;
      const mark = (await stack.control.calls()).next;
      await stack.http().patch(path).send({ comment: 'relay moved' }).expect(200);
      const third = await stack.http().get(path).expect(200);
      expect(third.body.comment).toBe('relay moved');
      expect(protectionOf(stack).cacheInvalidations).toBeGreaterThan(invalidationsBefore);
      // One fresh get: the PATCH's read-back, which refilled the cache for the GET after it.
      expect(await getsOn(stack, url, mark)).toBe(1);
    });

    it('should see a new object in a cached list once it was created through the gateway', async () => {
      const path = '/adoms/root/firewall/addresses?filter=name==cache-*';
      expect((await stack.http().get(path).expect(200)).body.total).toBe(0);
      expect((await stack.http().get(path).expect(200)).body.total).toBe(0);
      await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .send({ name: 'cache-new', subnet: '192.0.2.77/32' })
        .expect(201);
      const after = await stack.http().get(path).expect(200);
      expect(after.body.items.map((a: { name: string }) => a.name)).toEqual(['cache-new']);
    });

    it('should keep cached reads of other ADOMs across a write elsewhere', async () => {
      const url = `${ADDRESS_URL}/h_dns01`;
      const path = '/adoms/root/firewall/addresses/h_dns01';
      await stack.http().get(path).expect(200);
      await stack
        .http()
        .post('/adoms/branch-east/firewall/addresses')
        .send({ name: 'east-cache-probe', subnet: '192.0.2.78/32' })
        .expect(201);
      const { next } = await stack.control.calls();
      await stack.http().get(path).expect(200);
      expect(await getsOn(stack, url, next)).toBe(0);
    });

    it('should not share cached reads across permission contexts', async () => {
      const url = `${ADDRESS_URL}/h_erp01`;
      const path = '/adoms/root/firewall/addresses/h_erp01';
      const { next } = await stack.control.calls();
      await stack
        .anonymous()
        .get(path)
        .set('Authorization', bearer(['*']))
        .expect(200);
      await stack
        .anonymous()
        .get(path)
        .set('Authorization', bearer(['root']))
        .expect(200);
      await stack
        .anonymous()
        .get(path)
        .set('Authorization', bearer(['root']))
        .expect(200);
      expect(await getsOn(stack, url, next)).toBe(2);
    });

    it('should never cache device, workspace or task state', async () => {
      const { next } = await stack.control.calls();
      await stack.http().get('/adoms/root').expect(200);
      await stack.http().get('/adoms/root').expect(200);
      expect(await getsOn(stack, 'dvmdb/adom/root', next)).toBe(2);
    });
  });

  describe('concurrency limit (FMG_MAX_CONCURRENCY)', () => {
    let emulator: RunningEmulator;
    let proxy: CountingProxy;
    beforeAll(async () => {
      emulator = await startEmulator();
      proxy = await countingProxy(emulator.url);
    });
    afterAll(async () => {
      await proxy.close();
      await emulator.close();
    });

    it.each<[string, Partial<UpstreamConfig>]>([
      ['password sessions', {}],
      ['an API key (no sessions)', { auth: { mode: 'api-key', apiKey: DEMO_API_KEY } }],
    ])('with %s should never have more than the limit in flight upstream', async (_label, fmg) => {
      const stack = await startStack({
        reuseEmulator: emulator,
        // Every read its own call (no batching): the limit is what is under test.
        fmg: {
          url: proxy.url,
          maxSessions: 8,
          maxConcurrency: 2,
          queueTimeoutMs: 10_000,
          readBatchMax: 1,
          ...fmg,
        },
      });
      try {
        await stack.control.fault({ match: { url: ADDRESS_URL }, delayMs: 150, times: 8 });
        proxy.reset();
        // Eight different reads (nothing to coalesce), all at once.
        const names = [
          'h_web01',
          'h_web02',
          'h_db01',
          'h_mail01',
          'h_dns01',
          'h_erp01',
          'net_guest',
          'range_guest_dhcp',
        ];
        const results = await Promise.all(
          names.map((n) => stack.http().get(`/adoms/root/firewall/addresses/${n}`)),
        );
        expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
        expect(proxy.calls).toBeGreaterThanOrEqual(8);
        expect(proxy.peak).toBe(2);
        expect(protectionOf(stack).peakInFlight).toBe(2);
      } finally {
        await stack.control.clearFaults();
        await stack.close();
      }
    });

    it('should answer 503 UPSTREAM_BUSY with Retry-After when no call finishes within the wait', async () => {
      const stack = await startStack({
        reuseEmulator: emulator,
        fmg: { maxSessions: 4, maxConcurrency: 1, queueTimeoutMs: 300 },
      });
      try {
        await stack.control.fault({ match: { url: `${ADDRESS_URL}/h_web01` }, delayMs: 1500, times: 1 });
        const slow = start(stack.http().get('/adoms/root/firewall/addresses/h_web01'));
        await new Promise((r) => setTimeout(r, 150));
        const refused = await stack.http().get('/adoms/root/firewall/addresses/h_web02');
        const problem = expectProblem(refused, 503, 'UPSTREAM_BUSY');
        expect(problem.detail).toMatch(/in flight/);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect((await slow).status).toBe(200);
        expect(protectionOf(stack).rejected).toBe(1);
      } finally {
        await stack.control.clearFaults();
        await stack.close();
      }
    });
  });
});

interface CountingProxy {
  url: string;
  /** JSON-RPC calls forwarded since reset(), logins excluded. */
  calls: number;
  /** Most of them in flight at once. */
  peak: number;
  reset(): void;
  close(): Promise<void>;
}

/** A loopback HTTP proxy in front of the emulator that counts JSON-RPC calls in flight (not logins). */
async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  let active = 0;
  const state: CountingProxy = {
    url: '',
    calls: 0,
    peak: 0,
    reset() {
      state.calls = 0;
      state.peak = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const counted = req.url === '/jsonrpc' && !body.toString().includes('sys/login');
      if (counted) {
        state.calls++;
        active++;
        state.peak = Math.max(state.peak, active);
      }
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => {
            if (counted) active--;
          });
        },
      );
      out.on('error', () => {
        if (counted) active--;
        res.destroy();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
