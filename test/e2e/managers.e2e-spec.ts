import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SEED_TIME } from '../../src/emulator/core/store';
import { EmulatorControl } from '../support/emulator-control';
import { startGateway, upstreamConfig } from '../support/stack';
import { testToken } from '../support/tokens';
import { expectProblem } from '../support/problem';
import { ManagersStack, startManagers } from '../support/managers-stack';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

/** Issue #18: several FortiManagers behind one gateway (`east` = default, `west`). */
describe('several FortiManagers', () => {
  let stack: ManagersStack;

  beforeAll(async () => {
    stack = await startManagers();
  });
  afterAll(() => stack.close());

  it('should list both managers with version, state and pool', async () => {
    const { body } = await stack.as().get('/managers').expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ name: 'east', product: 'fortimanager', default: true, state: 'up' }),
      expect.objectContaining({ name: 'west', product: 'fortimanager', default: false, state: 'up' }),
    ]);
    expect(body.items[0].version).toEqual(expect.any(String));
    expect(body.items[1].pool).toMatchObject({ max: expect.any(Number) });
  });

  it("should answer the same route with each manager's own data; unprefixed is the default", async () => {
    const east = (await stack.as().get('/managers/east/adoms').expect(200)).body;
    const west = (await stack.as().get('/managers/west/adoms').expect(200)).body;
    const plain = (await stack.as().get('/adoms').expect(200)).body;
    expect(names(east.items)).toEqual(expect.arrayContaining(['root', 'branch-east', 'datacenter']));
    expect(names(west.items)).toEqual(['cust-acme', 'cust-globex', 'root']);
    expect(plain).toEqual(east);
    const devices = (await stack.as().get('/managers/west/adoms/cust-acme/devices').expect(200)).body;
    expect(names(devices.items)).toEqual(['FGT-ACME-LAX', 'FGT-ACME-SAN']);
    expectProblem(await stack.as().get('/managers/east/adoms/cust-acme'), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should answer 404 for a manager that does not exist, before any upstream call', async () => {
    const before = (await stack.east.control.calls()).next;
    expectProblem(await stack.as().get('/managers/north/adoms'), 404, 'UPSTREAM_NOT_FOUND');
    expect((await stack.east.control.calls(before)).calls).toEqual([]);
  });

  it('should keep a token limited to east away from west (the emulator call log proves it)', async () => {
    const eastOnly = { managers: ['east'] };
    const before = (await stack.west.control.calls()).next;
    expectProblem(await stack.as(eastOnly).get('/managers/west/adoms'), 403, 'UPSTREAM_NOT_ALLOWED');
    expectProblem(
      await stack.as(eastOnly).post('/managers/west/adoms/root/scripts').send({ name: 'x', content: 'y' }),
      403,
      'UPSTREAM_NOT_ALLOWED',
    );
    const listed = (await stack.as(eastOnly).get('/inventory/devices').expect(200)).body;
    expect(listed.managers.map((m: { name: string }) => m.name)).toEqual(['east']);
    await stack.as(eastOnly).get('/managers/east/adoms').expect(200);
    await stack.as(eastOnly).get('/adoms').expect(200);
    expect(names((await stack.as(eastOnly).get('/managers').expect(200)).body.items)).toEqual(['east']);
    expect((await stack.west.control.calls(before)).calls).toEqual([]);
  });

  it('should refuse the unprefixed routes (the default manager) to a token limited to west', async () => {
    const before = (await stack.east.control.calls()).next;
    expectProblem(await stack.as({ managers: ['w*'] }).get('/adoms'), 403, 'UPSTREAM_NOT_ALLOWED');
    expect((await stack.east.control.calls(before)).calls).toEqual([]);
    await stack
      .as({ managers: ['w*'] })
      .get('/managers/west/adoms')
      .expect(200);
  });

  it('should apply ADOM allow-lists per manager', async () => {
    const token = { adoms: { east: ['root'], west: ['*'] } };
    await stack.as(token).get('/managers/east/adoms/root/devices').expect(200);
    expectProblem(
      await stack.as(token).get('/managers/east/adoms/branch-east/devices'),
      403,
      'ADOM_NOT_ALLOWED',
    );
    await stack.as(token).get('/managers/west/adoms/cust-globex/devices').expect(200);
    // The unprefixed routes are the default manager's: east's list holds.
    expectProblem(await stack.as(token).get('/adoms/datacenter'), 403, 'ADOM_NOT_ALLOWED');
    // A manager the map does not name gets no ADOM.
    expectProblem(
      await stack.as({ adoms: { west: ['*'] } }).get('/managers/east/adoms/root'),
      403,
      'ADOM_NOT_ALLOWED',
    );
  });

  it("should keep task ids on their manager: east's task is 404 on west", async () => {
    const started = await stack.as().post('/managers/east/adoms/root/packages/default/install').send({});
    expect(started.status).toBe(202);
    const { taskId } = started.body;
    expect(started.headers['location']).toBe(`/managers/east/tasks/${taskId}`);
    await stack.as().get(`/managers/east/tasks/${taskId}`).expect(200);
    const before = (await stack.west.control.calls()).next;
    expectProblem(await stack.as().get(`/managers/west/tasks/${taskId}`), 404, 'FMG_OBJECT_NOT_FOUND');
    // West was asked (and did not know it); east was not.
    const westCalls = (await stack.west.control.calls(before)).calls;
    expect(westCalls.map((c) => c.url)).toContain(`task/task/${taskId}`);
  });

  it('should keep change sets per manager: the same ADOM name on two managers is two locks', async () => {
    await stack.east.control.workspace('root', true);
    await stack.west.control.workspace('root', true);
    try {
      await stack.as().post('/managers/east/adoms/root/workspace/lock').expect(200);
      await stack.as().post('/managers/west/adoms/root/workspace/lock').expect(200);
      expectProblem(await stack.as().post('/adoms/root/workspace/lock'), 409, 'CHANGE_SET_OPEN');
      await stack.as().post('/managers/west/adoms/root/workspace/unlock').expect(200);
      // West's unlock left east's change set open.
      expectProblem(
        await stack.as().post('/managers/east/adoms/root/workspace/lock'),
        409,
        'CHANGE_SET_OPEN',
      );
      await stack.as().post('/managers/east/adoms/root/workspace/unlock').expect(200);
    } finally {
      await stack.east.control.workspace('root', false);
      await stack.west.control.workspace('root', false);
    }
  });

  it('should send the raw passthrough to the manager in the path', async () => {
    const call = { method: 'get', params: [{ url: '/dvmdb/adom/cust-acme' }] };
    const west = await stack.as().post('/managers/west/rpc').send(call).expect(200);
    expect(west.body.result[0]).toMatchObject({ status: { code: 0 }, data: { name: 'cust-acme' } });
    const east = await stack.as().post('/rpc').send(call).expect(200);
    expect(east.body.result[0].status.code).not.toBe(0);
  });

  it('should not serve a FortiManager route under /analyzers/', async () => {
    expectProblem(await stack.as().get('/analyzers/default/adoms'), 404, 'ROUTE_NOT_ON_UPSTREAM');
  });

  it('should list the devices of every manager in one answer, each naming its manager', async () => {
    const { body } = await stack.as().get('/inventory/devices').expect(200);
    expect(body.managers).toEqual([
      { name: 'east', state: 'ok', total: expect.any(Number) },
      { name: 'west', state: 'ok', total: 3 },
    ]);
    const west = body.items.filter((d: { manager: string }) => d.manager === 'west');
    expect(names(west)).toEqual(['FGT-ACME-LAX', 'FGT-ACME-SAN', 'FGT-GLOBEX-PDX']);
    expect(
      body.items
        .filter((d: { manager: string }) => d.manager === 'east')
        .map((d: { name: string }) => d.name),
    ).toContain('FGT-NYC-01');
    const only = (await stack.as().get('/inventory/devices?manager=we*').expect(200)).body;
    expect(only.managers.map((m: { name: string }) => m.name)).toEqual(['west']);
    expectProblem(await stack.as().get('/inventory/devices?manager=EAST!'), 400, 'VALIDATION_FAILED');
  });
});

describe('several FortiManagers, one of them stopped', () => {
  let stack: ManagersStack;

  beforeAll(async () => {
    stack = await startManagers();
    await stack.west.emulator.close();
  });
  afterAll(() => stack.close());

  it('should list the inventory of the managers that answer and report the one that did not', async () => {
    const { body } = await stack.as().get('/inventory/devices').expect(200);
    expect(body.managers).toEqual([
      { name: 'east', state: 'ok', total: expect.any(Number) },
      { name: 'west', state: 'unavailable', error: expect.any(String) },
    ]);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((d: { manager: string }) => d.manager === 'east')).toBe(true);
  });

  it("should fail the stopped manager's routes only, and stay ready", async () => {
    // As with a single upstream: 502 while the calls fail, 503 once its own breaker opens.
    expectProblem(await stack.as().get('/managers/west/adoms'), 502, 'UPSTREAM_UNREACHABLE');
    await stack.as().get('/managers/east/adoms').expect(200);
    const ready = await stack.as().get('/health/ready').expect(200);
    expect(ready.body.upstreams).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'fmg:west', label: 'west', state: 'down' })]),
    );
  });
});

describe('two replicas on Redis with two managers', () => {
  it("should keep each manager's own session budget across both replicas", async () => {
    const east = await startEmulator();
    const west = await startEmulator({ dataSet: 'west' });
    const redis = { url: REDIS_URL, keyPrefix: `fortirest-test:${randomUUID()}:` };
    const BUDGET = 2;
    const a = await startManagers({ redis }, { east, west }, BUDGET);
    const b = await startManagers({ redis }, { east, west }, BUDGET);
    try {
      for (const m of [a.east, a.west]) {
        await m.control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 60, times: 10_000 });
      }
      // Distinct queries (no coalescing) on both managers through both replicas.
      const requests = Array.from({ length: 48 }, (_, i) =>
        (i % 2 ? a : b)
          .as({ sub: `load-${i % 4}` })
          .get(`/managers/${i % 4 < 2 ? 'east' : 'west'}/adoms?limit=1&offset=${i}`)
          .then((r) => r.status),
      );
      expect(await Promise.all(requests)).toEqual(Array(48).fill(200));
      for (const m of [a.east, a.west]) {
        const sessions = await m.control.sessions();
        // Each manager's budget is its own: neither is held to (or allowed beyond) a shared total.
        expect(sessions.maxLiveByUser.admin).toBe(BUDGET);
      }
    } finally {
      await a.close();
      await b.close();
      await Promise.all([east.close(), west.close()]);
    }
  }, 60_000);
});

describe('two FortiAnalyzers', () => {
  const FROM = '2024-12-30T09:00:00Z';
  const TO = '2025-01-06T09:00:00Z';
  let app: NestFastifyApplication;
  let url: string;
  let lab: RunningEmulator;
  let main: RunningEmulator;
  const http = () => request.agent(url).set('Authorization', `Bearer ${testToken()}`);

  beforeAll(async () => {
    main = await startEmulator({ product: 'fortianalyzer', logsUntil: SEED_TIME });
    lab = await startEmulator({ product: 'fortianalyzer', logsUntil: SEED_TIME });
    app = await startGateway({
      faz: upstreamConfig(main.url, { name: 'faz' }),
      'faz:lab': upstreamConfig(lab.url, { name: 'faz:lab', product: 'faz', label: 'lab' }),
    });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([main.close(), lab.close()]);
  });

  it('should list both analyzers and keep a log search on the analyzer that made it', async () => {
    const listed = (await http().get('/analyzers').expect(200)).body;
    expect(names(listed.items)).toEqual(['default', 'lab']);
    const created = await http()
      .post('/analyzers/lab/adoms/root/logs/searches')
      .send({ logType: 'traffic', from: FROM, to: TO })
      .expect(202);
    const id = created.body.id as string;
    expect(created.headers['location']).toBe(`/analyzers/lab/adoms/root/logs/searches/${id}`);
    await http().get(`/analyzers/lab/adoms/root/logs/searches/${id}`).expect(200);
    const before = (await new EmulatorControl(main.url).calls()).next;
    expectProblem(await http().get(`/adoms/root/logs/searches/${id}`), 404, 'LOG_SEARCH_NOT_FOUND');
    // Refused by the gateway: the other analyzer was never asked about a tid that is not its own.
    expect((await new EmulatorControl(main.url).calls(before)).calls).toEqual([]);
    await http().delete(`/analyzers/lab/adoms/root/logs/searches/${id}`).expect(204);
  });

  it('should not serve a FortiAnalyzer route under /managers/', async () => {
    expectProblem(
      await http()
        .post('/managers/default/adoms/root/logs/searches')
        .send({ logType: 'traffic', from: FROM, to: TO }),
      404,
      'ROUTE_NOT_ON_UPSTREAM',
    );
  });
});
