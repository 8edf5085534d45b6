import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'supertest';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

const V76 = 'v7.6.5-build3653 250124 (GA)';
const V74 = 'v7.4.3-build2487 240513 (GA)';

/** Issue #22: typed tables from the connected FortiManager's own `option: syntax`. */
describe('schema-typed tables', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ emulator: { version: V76 } });
  });
  afterAll(() => stack.close());

  const callsDuring = (fn: () => Promise<unknown>) => stack.control.callsDuring(fn);

  const ADDRESSES = '/adoms/root/objects/firewall%2Faddress';

  describe('schema routes', () => {
    it('should list the tables of the ADOM database with the firmware version', async () => {
      const res = await stack.http().get('/adoms/root/schema').expect(200);
      expect(res.body.version).toBe(V76);
      expect(res.body.tables).toContainEqual({
        table: 'firewall/address',
        key: 'name',
        limit: 400000,
        attributes: 14,
      });
    });

    it('should describe one table: types, enums, ranges, lengths, references, defaults and child tables', async () => {
      const res = await stack.http().get('/adoms/root/schema/firewall%2Faddress').expect(200);
      const attr = (name: string) => res.body.attributes.find((a: { name: string }) => a.name === name);
      expect(attr('type')).toMatchObject({ kind: 'enum', default: 'ipmask' });
      expect(attr('type').enum).toContain('fqdn');
      expect(attr('color')).toMatchObject({ kind: 'integer', minimum: 0, maximum: 32 });
      expect(attr('comment')).toMatchObject({ kind: 'string', maxLength: 255 });
      expect(attr('associated-interface')).toMatchObject({
        kind: 'reference',
        references: ['system/interface'],
      });
      expect(attr('tagging')).toMatchObject({ kind: 'table', table: 'firewall/address/tagging' });
    });

    it('should serve the Global ADOM and device databases too', async () => {
      const global = await stack.http().get('/global/schema/firewall%2Faddrgrp').expect(200);
      expect(global.body.attributes.map((a: { name: string }) => a.name)).toContain('member');
      const routes = await stack
        .http()
        .get('/devices/FGT-HQ-CLUSTER/vdoms/root/schema/router%2Fstatic')
        .expect(200);
      expect(routes.body).toMatchObject({ key: 'seq-num' });
      const dev = await stack.http().get('/devices/FGT-HQ-CLUSTER/global-schema').expect(200);
      expect(dev.body.tables.map((t: { table: string }) => t.table)).toEqual([
        'system/dns',
        'system/interface',
      ]);
    });

    it('should answer 404 for a table the firmware does not describe', async () => {
      const res = await stack.http().get('/adoms/root/schema/firewall%2Fnothing').expect(404);
      expectProblem(res, 404, 'SCHEMA_TABLE_NOT_FOUND');
    });
  });

  describe('validation before any upstream call', () => {
    beforeAll(() => stack.http().get('/adoms/root/schema').expect(200));

    it.each([
      ['an unknown attribute', { name: 'h_x1', colour: 3 }, 'colour', 'unknown'],
      ['a wrong enum value', { name: 'h_x2', type: 'subnet' }, 'type', 'enum'],
      ['an out-of-range number', { name: 'h_x3', color: 33 }, 'color', 'maximum'],
      ['a string too long', { name: 'h_x4', comment: 'x'.repeat(256) }, 'comment', 'maxLength'],
      ['a wrong type', { name: 'h_x5', color: 'red' }, 'color', 'type'],
      ['a bad child-table row', { name: 'h_x6', tagging: [{ name: 't', colour: 1 }] }, 'colour', 'unknown'],
    ])(
      'should refuse %s with 400 naming the attribute and the rule',
      async (_what, body, attribute, rule) => {
        let res: Response | undefined;
        const calls = await callsDuring(async () => {
          res = await stack.http().post(ADDRESSES).send(body);
        });
        expectProblem(res!, 400, 'SCHEMA_VIOLATION');
        expect(res!.body).toMatchObject({ attribute, rule });
        expect(String(res!.body.detail)).toContain(attribute);
        expect(calls.filter((c) => !c.startsWith('get '))).toEqual([]);
      },
    );

    it('should check PATCH bodies the same way', async () => {
      const res = await stack.http().patch(`${ADDRESSES}/h_web01`).send({ color: -1 });
      expectProblem(res, 400, 'SCHEMA_VIOLATION');
      expect(res.body).toMatchObject({ attribute: 'color', rule: 'minimum' });
    });

    it.each([
      ['fields', { fields: 'name,colour' }],
      ['sort', { sort: '-colour' }],
      ['filter', { filter: 'colour==3' }],
    ])('should refuse an unknown attribute in %s', async (parameter, query) => {
      const calls = await callsDuring(async () => {
        const res = await stack.http().get(ADDRESSES).query(query);
        expectProblem(res, 400, 'SCHEMA_VIOLATION');
        expect(res.body).toMatchObject({ attribute: 'colour' });
      });
      expect(calls.filter((c) => c.startsWith('get pm/config/adom/root/obj/firewall/address'))).toEqual([]);
    });

    it('should let a valid write through', async () => {
      const res = await stack
        .http()
        .post(ADDRESSES)
        .send({ name: 'h_schema_ok', type: 'ipmask', subnet: ['192.0.2.7', '255.255.255.255'], color: 3 })
        .expect(201);
      expect(res.body).toMatchObject({ name: 'h_schema_ok', color: 3 });
      await stack.http().delete(`${ADDRESSES}/h_schema_ok`).expect(204);
    });
  });

  describe('following the firmware', () => {
    afterAll(() => stack.control.firmware(V76));

    it('should change the schema, the validation and the typed document when the firmware changes', async () => {
      const typed76 = await stack.http().get('/docs/openapi.json').query({ upstream: 'fmg' }).expect(200);
      const address76 = typed76.body.components.schemas.Adom_firewall_address;
      expect(address76.properties['route-tag']).toMatchObject({ type: 'integer', minimum: 1 });
      expect(address76.properties.type.enum).toContain('route-tag');

      await stack.control.firmware(V74);
      const schema74 = await stack.http().get('/adoms/root/schema/firewall%2Faddress').expect(200);
      expect(schema74.body.version).toBe(V74);
      const names = schema74.body.attributes.map((a: { name: string }) => a.name);
      expect(names).not.toContain('route-tag');
      const typed74 = await stack.http().get('/docs/openapi.json').query({ upstream: 'fmg' }).expect(200);
      const address74 = typed74.body.components.schemas.Adom_firewall_address;
      expect(address74.properties['route-tag']).toBeUndefined();
      expect(address74.properties.type.enum).not.toContain('route-tag');
      const res = await stack.http().post(ADDRESSES).send({ name: 'h_rt', 'route-tag': 5 });
      expectProblem(res, 400, 'SCHEMA_VIOLATION');
      expect(res.body).toMatchObject({ attribute: 'route-tag', rule: 'unknown' });
    });
  });

  describe('typed document', () => {
    it('should give every table its own typed schema and operations', async () => {
      const res = await stack.http().get('/docs/openapi.json').query({ upstream: 'default' }).expect(200);
      const doc = res.body;
      expect(
        doc.paths['/adoms/{adom}/objects/firewall%2Faddress'].post.requestBody.content['application/json']
          .schema,
      ).toEqual({
        $ref: '#/components/schemas/Adom_firewall_address',
      });
      expect(doc.paths['/global/objects/firewall%2Fvip/{name}'].get.operationId).toBe(
        'getGlobalObject_firewall_vip',
      );
      // The static contract stays as it was.
      expect(doc.paths['/adoms/{adom}/objects/{table}']).toBeDefined();
      const plain = await stack.http().get('/docs/openapi.json').expect(200);
      expect(plain.body.components.schemas.Adom_firewall_address).toBeUndefined();
    });

    it('should refuse an unknown upstream name', async () => {
      const res = await stack.http().get('/docs/openapi.json').query({ upstream: 'nope' });
      expectProblem(res, 400, 'BAD_REQUEST');
    });

    it('should pass the project OpenAPI lint', async () => {
      const res = await stack.http().get('/docs/openapi.json').query({ upstream: 'fmg' }).expect(200);
      const file = join(mkdtempSync(join(tmpdir(), 'fortirest-typed-')), 'openapi.json');
      writeFileSync(file, JSON.stringify(res.body));
      const redocly = join(__dirname, '../../node_modules/.bin/redocly');
      const out = await promisify(execFile)(redocly, ['lint', '--config', '.redocly.yaml', file], {
        cwd: join(__dirname, '../..'),
      });
      expect(out.stdout + out.stderr).toMatch(/valid/i);
    });
  });
});
