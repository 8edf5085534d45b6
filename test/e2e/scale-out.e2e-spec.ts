import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { AppConfig, UpstreamConfig } from '../../src/config/app-config';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SEED_TIME } from '../../src/emulator/core/store';
import { SharedSessionBudget } from '../../src/upstream/session-pool/session-budget';
import { UpstreamRegistry } from '../../src/upstream/upstream.registry';
import { RedisSharedState } from '../../src/shared-state/redis-shared-state';
import { SharedState } from '../../src/shared-state/shared-state';
import { EmulatorControl } from '../support/emulator-control';
import { FazControl } from '../support/faz-stack';
import { expectProblem } from '../support/problem';
import { Stack, startGateway, startStack, upstreamConfig } from '../support/stack';
import { testToken } from '../support/tokens';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Sessions all replicas together may hold on the FortiManager. */
const BUDGET = 3;
/** Requests per client per minute, enforced by both replicas together. */
const RATE_LIMIT = 20;

interface Replica {
  app: NestFastifyApplication;
  url: string;
  id: string;
  as: (sub: string) => ReturnType<typeof request.agent>;
}

/**
 * Two gateway replicas, one FortiManager emulator, one FortiAnalyzer emulator, one Redis.
 *
 * The replicas are two Nest applications in this process, each with its own DI container, HTTP port,
 * session pool, workspace locks, Redis connection and replica id: the only channel between them is Redis
 * (and the emulators, as with real upstreams), exactly as between two processes. Processes would need a
 * `nest build` first, which this shared machine avoids; the wiring under test is the same.
 */
describe('scale-out: two replicas on one Redis', () => {
  const keyPrefix = `fortirest-test:${randomUUID()}:`;
  let fmg: RunningEmulator;
  let faz: RunningEmulator;
  let control: EmulatorControl;
  let fmgConfig: UpstreamConfig;
  let a: Replica;
  let b: Replica;
  let observer: RedisSharedState;

  async function startReplica(): Promise<Replica> {
    const gateway: Pick<AppConfig, 'redis' | 'rateLimit'> = {
      redis: { url: REDIS_URL, keyPrefix },
      rateLimit: { perMinute: RATE_LIMIT },
    };
    const app = await startGateway(
      { fmg: fmgConfig, faz: upstreamConfig(faz.url, { name: 'faz' }) },
      undefined,
      { gateway },
    );
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      app,
      url,
      id: app.get(SharedState).replicaId,
      as: (sub) => request.agent(url).set('Authorization', `Bearer ${testToken({ sub })}`),
    };
  }

  beforeAll(async () => {
    fmg = await startEmulator();
    faz = await startEmulator({ product: 'fortianalyzer', logsUntil: SEED_TIME });
    control = new EmulatorControl(fmg.url);
    fmgConfig = upstreamConfig(fmg.url, { maxSessions: BUDGET, queueTimeoutMs: 20_000 });
    observer = new RedisSharedState({ url: REDIS_URL, keyPrefix });
    [a, b] = await Promise.all([startReplica(), startReplica()]);
  });

  afterAll(async () => {
    await Promise.all([a, b].map((r) => r?.app.close()));
    await observer.deleteAllKeys();
    await observer.close();
    await Promise.all([fmg?.close(), faz?.close()]);
  });

  it('should run as two replicas with their own identity on the shared store', () => {
    expect(a.id).not.toBe(b.id);
    expect(a.app.get(SharedState).kind).toBe('redis');
  });

  it('should never hold more upstream sessions across both replicas than the shared budget', async () => {
    // Slow upstream reads, so both replicas want every session they can get.
    await control.fault({
      match: { url: 'pm/config/adom/root/obj/firewall/address' },
      delayMs: 60,
      times: 10_000,
    });
    try {
      // Distinct queries (no coalescing), six clients (well under their rate limit), through both replicas.
      const requests = Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b)
          .as(`load-${i % 6}`)
          .get(`/adoms/root/firewall/addresses?limit=1&offset=${i}`)
          .then((r) => r.status),
      );
      expect(await Promise.all(requests)).toEqual(Array(60).fill(200));
    } finally {
      await control.clearFaults();
    }
    const sessions = await control.sessions();
    expect(sessions.maxLiveByUser.admin).toBeLessThanOrEqual(BUDGET);
    expect(sessions.maxLiveByUser.admin).toBe(BUDGET); // the load really wanted more than the budget
    for (const replica of [a, b]) {
      expect(replica.app.get(UpstreamRegistry).client('fmg').stats()!.logins).toBeGreaterThan(0);
    }
    const holders = await SharedSessionBudget.forUpstream(observer, fmgConfig).holders();
    expect(holders.length).toBeLessThanOrEqual(BUDGET);
  }, 60_000);

  it('should count one rate limit for a client across replicas, and not limit health probes', async () => {
    const half = RATE_LIMIT / 2;
    for (const replica of [a, b]) {
      for (let i = 0; i < half; i++) await replica.as('rl-client').get('/adoms/root').expect(200);
    }
    const limited = await a.as('rl-client').get('/adoms/root');
    const problem = expectProblem(limited, 429, 'RATE_LIMITED');
    expect(problem.retryable).toBe(true);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['ratelimit-limit']).toBe(String(RATE_LIMIT));
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expectProblem(await b.as('rl-client').get('/adoms/root'), 429, 'RATE_LIMITED');
    // Another client is not affected, and sees its own budget.
    const other = await b.as('rl-other').get('/adoms/root').expect(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(RATE_LIMIT - 1));
    for (let i = 0; i < RATE_LIMIT + 5; i++) {
      const probe = await request(a.url).get('/health/live').expect(200);
      expect(probe.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  describe('Idempotency-Key across replicas', () => {
    const path = '/adoms/root/firewall/addresses';

    async function addsOf(name: string, since: number): Promise<number> {
      const { calls } = await control.calls(since);
      return calls.filter((c) => c.method === 'add' && c.url.endsWith('obj/firewall/address') && c.code === 0)
        .length;
    }

    it('should replay the stored response on the other replica without writing again', async () => {
      const { next } = await control.calls();
      const key = randomUUID();
      const body = { name: 'idem-1', subnet: '192.0.2.41/32', comment: 'first' };
      const first = await a.as('idem-client').post(path).set('Idempotency-Key', key).send(body).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // Same body with another key order: the same request.
      const replay = await b
        .as('idem-client')
        .post(path)
        .set('Idempotency-Key', key)
        .send({ comment: 'first', subnet: '192.0.2.41/32', name: 'idem-1' })
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(replay.headers['etag']).toBe(first.headers['etag']);
      expect(await addsOf('idem-1', next)).toBe(1);
      // Without the key the same POST really runs again, and the object exists.
      expectProblem(await b.as('idem-client').post(path).send(body), 409, 'FMG_OBJECT_EXISTS');
    });

    it('should refuse the same key with a different body (422), for the same client only', async () => {
      const key = randomUUID();
      await a
        .as('idem-client')
        .post(path)
        .set('Idempotency-Key', key)
        .send({ name: 'idem-2', subnet: '192.0.2.42/32' })
        .expect(201);
      const reused = await b
        .as('idem-client')
        .post(path)
        .set('Idempotency-Key', key)
        .send({ name: 'idem-3', subnet: '192.0.2.43/32' });
      expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      // Keys belong to a client: another client's identical key is a new request.
      await b
        .as('idem-other')
        .post(path)
        .set('Idempotency-Key', key)
        .send({ name: 'idem-3', subnet: '192.0.2.43/32' })
        .expect(201);
    });

    it('should answer 409 to a duplicate that arrives while the first is still running', async () => {
      const key = randomUUID();
      const body = { name: 'idem-4', subnet: '192.0.2.44/32' };
      await control.fault({
        match: { method: 'add', url: 'pm/config/adom/root/obj/firewall/address' },
        delayMs: 1500,
        times: 1,
      });
      const first = a
        .as('idem-client')
        .post(path)
        .set('Idempotency-Key', key)
        .send(body)
        .then((r) => r);
      await new Promise((r) => setTimeout(r, 400)); // the first is now waiting on the slow add
      const duplicate = await b.as('idem-client').post(path).set('Idempotency-Key', key).send(body);
      expectProblem(duplicate, 409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
      expect((await first).status).toBe(201);
      const replay = await b.as('idem-client').post(path).set('Idempotency-Key', key).send(body).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });

    it('should not keep a failed response: a retry with the key runs again', async () => {
      const key = randomUUID();
      const bad = { name: 'idem-5', subnet: '10.0.0.0/255.0.255.0' };
      expectProblem(
        await a.as('idem-client').post(path).set('Idempotency-Key', key).send(bad),
        422,
        'FMG_INVALID_DATA',
      );
      const retried = await b.as('idem-client').post(path).set('Idempotency-Key', key).send(bad);
      expectProblem(retried, 422, 'FMG_INVALID_DATA');
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expectProblem(
        await a.as('idem-client').post(path).set('Idempotency-Key', 'bad key with spaces').send(bad),
        400,
        'IDEMPOTENCY_KEY_INVALID',
      );
    });
  });

  describe('workspace change sets across replicas', () => {
    const adom = 'branch-east';
    const path = `/adoms/${adom}/firewall/addresses`;
    const address = (name: string) => ({ name, subnet: '198.51.100.7/32' });

    beforeAll(() => control.workspace(adom, true));

    it('should name the holding client and replica on the other replica, and let it write again after unlock', async () => {
      const opened = await a.as('ws-client').post(`/adoms/${adom}/workspace/lock`).expect(200);
      expect(opened.body).toMatchObject({
        locked: true,
        changeSetOwner: 'ws-client',
        changeSetReplica: a.id,
      });
      // The other replica knows who holds it ...
      const seen = await b.as('ws-other').get(`/adoms/${adom}/workspace`).expect(200);
      expect(seen.body).toMatchObject({ locked: true, changeSetOwner: 'ws-client', changeSetReplica: a.id });
      // ... and refuses what needs that lock, naming the holder instead of an anonymous FMG lock error.
      const write = await b.as('ws-other').post(path).send(address('ws-b-1'));
      expect(expectProblem(write, 423, 'CHANGE_SET_ON_OTHER_REPLICA')).toMatchObject({
        lockedBy: 'ws-client',
        replica: a.id,
      });
      expectProblem(
        await b.as('ws-client').post(`/adoms/${adom}/workspace/commit`),
        423,
        'CHANGE_SET_ON_OTHER_REPLICA',
      );
      const second = await b.as('ws-other').post(`/adoms/${adom}/workspace/lock`);
      expect(expectProblem(second, 409, 'CHANGE_SET_OPEN')).toMatchObject({
        lockedBy: 'ws-client',
        replica: a.id,
      });
      // The holding replica goes on normally.
      await a.as('ws-client').post(path).send(address('ws-a-1')).expect(201);
      await a.as('ws-client').post(`/adoms/${adom}/workspace/commit`).expect(200);
      await a.as('ws-client').post(`/adoms/${adom}/workspace/unlock`).expect(200);
      // Released everywhere: the other replica writes (auto lock/commit/unlock) and sees no change set.
      await b.as('ws-other').post(path).send(address('ws-b-2')).expect(201);
      const after = await b.as('ws-other').get(`/adoms/${adom}/workspace`).expect(200);
      expect(after.body).toMatchObject({ locked: false });
      expect(after.body.changeSetOwner).toBeUndefined();
      await b.as('ws-other').get(`${path}/ws-a-1`).expect(200);
    });
  });

  it('should read, page and delete a FortiAnalyzer log search on the replica that did not start it', async () => {
    const fazControl = new FazControl(faz.url);
    await fazControl.speed({ searchMs: 100 });
    const created = await a
      .as('faz-client')
      .post('/adoms/root/logs/searches')
      .send({ logType: 'traffic', from: '2024-12-30T09:00:00Z', to: '2025-01-06T09:00:00Z' });
    expect([201, 202]).toContain(created.status);
    const href = created.body.href as string;
    let page = await b.as('faz-client').get(href).query({ limit: 5 }).expect(200);
    while (page.body.status !== 'done') {
      await new Promise((r) => setTimeout(r, 100));
      page = await b.as('faz-client').get(href).query({ limit: 5 }).expect(200);
    }
    expect(page.body.id).toBe(created.body.id);
    expect(page.body.items.length).toBeGreaterThan(0);
    // Searches belong to their client on every replica.
    expect((await b.as('faz-other').get(href)).status).toBe(404);
    await b.as('faz-client').delete(href).expect(204);
    expect((await a.as('faz-client').get(href)).status).toBe(404);
  });

  it('should document Idempotency-Key on every POST and the 429 on authenticated operations', async () => {
    const doc = (await a.as('docs-client').get('/docs/openapi.json').expect(200)).body;
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const create = doc.paths['/adoms/{adom}/firewall/addresses'].post;
    expect(create.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['409', '422', '429']));
    expect(create.responses['201'].headers['Idempotent-Replayed']).toBeDefined();
    expect(doc.paths['/adoms/{adom}/firewall/addresses'].get.responses['429']).toBeDefined();
    expect(doc.paths['/health/live'].get.responses['429']).toBeUndefined();
  });

  it('should give its budget slots back when a replica shuts down', async () => {
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        b
          .as(`close-${i}`)
          .get(`/adoms/root/firewall/addresses?limit=1&offset=${100 + i}`)
          .expect(200),
      ),
    );
    const budget = SharedSessionBudget.forUpstream(observer, fmgConfig);
    const before = await budget.holders();
    expect(before.some((h) => h.startsWith(b.id))).toBe(true);
    await b.app.close();
    const after = await budget.holders();
    expect(after.filter((h) => h.startsWith(b.id))).toEqual([]);
    b = undefined as unknown as Replica;
  });
});

describe('read caches across replicas', () => {
  const keyPrefix = `fortirest-test:${randomUUID()}:`;
  const path = '/adoms/root/firewall/addresses/h_web02';
  const url = 'pm/config/adom/root/obj/firewall/address/h_web02';
  let fmg: RunningEmulator;
  let control: EmulatorControl;
  let replicas: NestFastifyApplication[] = [];
  let observer: RedisSharedState;

  async function replica(): Promise<ReturnType<typeof request.agent>> {
    // A TTL far longer than the test: only a notice from the other replica can drop the cached read.
    const app = await startGateway({ fmg: upstreamConfig(fmg.url, { readCacheTtlMs: 60_000 }) }, undefined, {
      gateway: { redis: { url: REDIS_URL, keyPrefix } },
    });
    replicas.push(app);
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return request.agent(base).set('Authorization', `Bearer ${testToken({ sub: 'cache-client' })}`);
  }

  const getsOf = async (since: number) =>
    (await control.calls(since)).calls.filter((c) => c.method === 'get' && c.url === url).length;

  beforeAll(async () => {
    fmg = await startEmulator();
    control = new EmulatorControl(fmg.url);
    observer = new RedisSharedState({ url: REDIS_URL, keyPrefix });
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    replicas = [];
    await observer.deleteAllKeys();
    await observer.close();
    await fmg?.close();
  });

  it("should drop a replica's cached read when the other replica writes that object", async () => {
    const [a, b] = [await replica(), await replica()];
    const { next } = await control.calls();
    const before = await b.get(path).expect(200);
    await b.get(path).expect(200);
    expect(await getsOf(next)).toBe(1); // the second read came from b's cache
    await a.patch(path).send({ comment: 'changed on replica a' }).expect(200);
    // The notice travels through Redis pub/sub: allow it a moment, far below the 60 s TTL.
    let seen = before.body as { comment?: string };
    for (let i = 0; i < 40 && seen.comment !== 'changed on replica a'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = (await b.get(path).expect(200)).body as { comment?: string };
    }
    expect(seen.comment).toBe('changed on replica a');
  });
});

describe('one instance without Redis', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ gateway: { rateLimit: { perMinute: 4 } } });
  });
  afterAll(() => stack.close());

  it('should keep idempotency records and rate-limit counters in memory', async () => {
    expect(stack.app.get(SharedState).kind).toBe('memory');
    const as = () => request.agent(stack.url).set('Authorization', `Bearer ${testToken({ sub: 'solo' })}`);
    const key = randomUUID();
    const body = { name: 'solo-1', subnet: '192.0.2.51/32' };
    const first = await as().post('/adoms/root/firewall/addresses').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const replay = await as().post('/adoms/root/firewall/addresses').set('Idempotency-Key', key).send(body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['ratelimit-remaining']).toBe('2');
    await as().get('/adoms/root').expect(200);
    const last = await as().get('/adoms/root').expect(200);
    expect(last.headers['ratelimit-remaining']).toBe('0');
    expectProblem(await as().get('/adoms/root'), 429, 'RATE_LIMITED');
  });
});
