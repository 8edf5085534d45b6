/**
 * Issue #22's cost figures for a FortiManager-sized schema: a synthetic `option: syntax` answer of
 * TABLES tables × ATTRS attributes (the mix of types FMG uses), compiled as the gateway does, with the
 * heap it holds and the time one body check takes. Run after `nest build`: `node bench/schema.mts`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { compileDatabase, checkBody } = require('../dist/schema/table-schema.js');

const TABLES = Number(process.env.TABLES ?? 1200);
const ATTRS = Number(process.env.ATTRS ?? 40);

function attribute(i: number): Record<string, unknown> {
  switch (i % 5) {
    case 0:
      return { type: 'string', max: 255, sz: 256, help: `String attribute ${i}.` };
    case 1:
      return { type: 'uint32', opts: { disable: 0, enable: 1 }, default: 'disable', sz: 4, help: `Switch ${i}.` };
    case 2:
      return { type: 'uint32', min: 0, max: 65535, default: 0, sz: 4, help: `Number ${i}.` };
    case 3:
      return { type: 'datasrc', max_argv: -1, ref: [{ category: 'firewall address', mkey: 'name' }], help: `Ref ${i}.` };
    default:
      return { type: 'ipv4-classnet', sz: 8, help: `Subnet ${i}.` };
  }
}

const data: Record<string, unknown> = {};
for (let t = 0; t < TABLES; t++) {
  const attr: Record<string, unknown> = { name: { type: 'string', max: 79, sz: 80 } };
  for (let a = 1; a < ATTRS; a++) attr[`attr-${a}`] = attribute(a);
  data[`table${t} sub${t % 7}`] = { mkey: 'name', alimit: 4096, attr };
}
const json = JSON.stringify(data);
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
const tables = compileDatabase(JSON.parse(json));
const compileMs = performance.now() - started;
globalThis.gc?.();
const held = process.memoryUsage().heapUsed - before;

const table = tables.get('table0/sub0');
const body: Record<string, unknown> = { name: 'x' };
for (let a = 1; a < ATTRS; a++) {
  body[`attr-${a}`] = [ 'text', 'enable', 42, ['a', 'b'], ['10.0.0.0', '255.0.0.0'] ][a % 5];
}
const N = 20_000;
const t0 = performance.now();
for (let i = 0; i < N; i++) checkBody(table, body, (c: string) => tables.get(c));
const perCheckUs = ((performance.now() - t0) / N) * 1000;

console.log(
  JSON.stringify({
    tables: tables.size,
    attributesPerTable: ATTRS,
    syntaxBytes: json.length,
    compileMs: Math.round(compileMs),
    heapHeldMB: +(held / 1048576).toFixed(1),
    checkBodyMicroseconds: +perCheckUs.toFixed(2),
  }),
);
