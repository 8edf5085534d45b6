import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

/** Every typed object family: the same CRUD contract, with bodies that are valid for each. */
const CASES: {
  route: string;
  create: Record<string, unknown>;
  patch: Record<string, unknown>;
  put: Record<string, unknown>;
  invalid: Record<string, unknown>;
}[] = [
  {
    route: 'firewall/addresses',
    create: { subnet: '192.0.2.0/28', comment: 'c' },
    patch: { comment: 'patched' },
    put: { type: 'fqdn', fqdn: 'svc.example.com' },
    invalid: { subnet: 'not-a-subnet' },
  },
  {
    route: 'firewall/address-groups',
    create: { member: ['net_10.0.0.0/24'] },
    patch: { comment: 'patched' },
    put: { member: ['h_web01'] },
    invalid: { member: 'not-a-list' },
  },
  {
    route: 'firewall/services',
    create: { protocol: 'TCP/UDP/SCTP', tcpPortRange: ['8443'] },
    patch: { comment: 'patched' },
    put: { protocol: 'TCP/UDP/SCTP', udpPortRange: ['5353'] },
    invalid: { tcpPortRange: ['http'] },
  },
  {
    route: 'firewall/service-groups',
    create: { member: ['HTTPS'] },
    patch: { comment: 'patched' },
    put: { member: ['HTTP'] },
    invalid: { member: [''] },
  },
  {
    route: 'firewall/schedules/recurring',
    create: { day: ['monday', 'friday'], start: '08:00', end: '18:00' },
    patch: { end: '19:00' },
    put: { day: ['sunday'], start: '00:00', end: '23:59' },
    invalid: { start: '25:00' },
  },
  {
    route: 'firewall/schedules/onetime',
    create: { start: '22:00 2026/12/24', end: '23:00 2026/12/24' },
    patch: { end: '23:30 2026/12/24' },
    put: { start: '01:00 2027/01/01', end: '02:00 2027/01/01' },
    invalid: { start: 'tomorrow' },
  },
  {
    route: 'firewall/vips',
    create: { extip: '203.0.113.50', mappedip: ['10.0.0.50'], extintf: 'port1' },
    patch: { comment: 'patched' },
    put: { extip: '203.0.113.51', mappedip: ['10.0.0.51'], extintf: 'any' },
    invalid: { extip: '999.1.1' },
  },
  {
    route: 'firewall/ip-pools',
    create: { type: 'overload', startip: '203.0.113.100', endip: '203.0.113.110' },
    patch: { comment: 'patched' },
    put: { type: 'one-to-one', startip: '203.0.113.120', endip: '203.0.113.121' },
    invalid: { startip: 'nope' },
  },
];

describe('typed ADOM objects', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  describe.each(CASES)('$route', ({ route, create, patch, put, invalid }) => {
    const base = `/adoms/root/${route}`;
    const name = `e2e ${route.split('/').pop()}/1`; // a space and a slash in every name
    const member = `${base}/${encodeURIComponent(name)}`;

    it('should create, read, list, update, replace and delete', async () => {
      const created = await stack
        .http()
        .post(base)
        .send({ name, ...create })
        .expect(201);
      expect(created.body).toMatchObject({ name, ...create });
      expect(created.headers['etag']).toBeDefined();
      await stack.http().get(member).expect(200);
      const listed = await stack
        .http()
        .get(base)
        .query({ filter: `name=="${name}"` })
        .expect(200);
      expect(listed.body).toMatchObject({ total: 1, items: [expect.objectContaining({ name })] });
      const patched = await stack.http().patch(member).send(patch).expect(200);
      expect(patched.body).toMatchObject({ ...create, ...patch, name });
      const replaced = await stack.http().put(member).send(put).expect(200);
      expect(replaced.body).toMatchObject({ ...put, name });
      await stack.http().delete(member).expect(204);
      await stack.http().get(member).expect(404);
    });

    it('should refuse an invalid body with a 400 naming the field, before calling the upstream', async () => {
      const res = await stack
        .http()
        .post(base)
        .send({ name: 'invalid', ...create, ...invalid });
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(Object.keys(invalid)[0]);
    });

    it('should answer 409 for a duplicate and 404 for a missing object', async () => {
      await stack
        .http()
        .post(base)
        .send({ name: `${name}-dup`, ...create })
        .expect(201);
      expectProblem(
        await stack
          .http()
          .post(base)
          .send({ name: `${name}-dup`, ...create }),
        409,
        'FMG_OBJECT_EXISTS',
      );
      await stack.http().delete(`${member}-dup`).expect(204);
      expectProblem(await stack.http().get(`${base}/does-not-exist`), 404, 'FMG_OBJECT_NOT_FOUND');
    });
  });

  describe('where used', () => {
    it('should list the groups and policies that reference an address, and refuse to delete it', async () => {
      await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .send({ name: 'wu-host', subnet: '192.0.2.77/32' })
        .expect(201);
      await stack
        .http()
        .post('/adoms/root/firewall/address-groups')
        .send({ name: 'wu-group', member: ['wu-host'] })
        .expect(201);
      const policy = await stack
        .http()
        .post('/rpc')
        .send({
          method: 'add',
          params: [
            {
              url: '/pm/config/adom/root/pkg/default/firewall/policy',
              data: {
                name: 'wu-policy',
                srcintf: ['any'],
                dstintf: ['any'],
                srcaddr: ['all'],
                dstaddr: ['wu-host'],
                service: ['ALL'],
                action: 'accept',
                schedule: 'always',
              },
            },
          ],
        })
        .expect(200);
      expect(policy.body.result[0].status.code).toBe(0);

      const used = await stack.http().get('/adoms/root/firewall/addresses/wu-host/where-used').expect(200);
      expect(used.body.groups).toEqual([{ table: 'firewall/addrgrp', name: 'wu-group' }]);
      expect(used.body.policies).toEqual([
        expect.objectContaining({
          package: 'default',
          name: 'wu-policy',
          fields: ['dstaddr'],
          policyid: expect.any(Number),
        }),
      ]);
      expectProblem(
        await stack.http().delete('/adoms/root/firewall/addresses/wu-host'),
        409,
        'FMG_OBJECT_IN_USE',
      );
    });

    it('should report nothing for an unused object and 404 for a missing one', async () => {
      await stack
        .http()
        .post('/adoms/root/firewall/services')
        .send({ name: 'wu-unused', tcpPortRange: ['9999'] })
        .expect(201);
      const used = await stack.http().get('/adoms/root/firewall/services/wu-unused/where-used').expect(200);
      expect(used.body).toEqual({ groups: [], policies: [] });
      expectProblem(
        await stack.http().get('/adoms/root/firewall/vips/nope/where-used'),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
    });
  });
});
