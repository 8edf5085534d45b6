import { statusCode, useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const POLICY = 'pm/config/adom/root/pkg/default/firewall/policy';

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

type Pol = { policyid: number; 'obj seq': number; name: string };

/** [policyid, obj seq] pairs in table order. */
async function order(extra: Record<string, unknown> = {}): Promise<[number, number][]> {
  const r = await c.one('get', POLICY, { fields: ['policyid'], ...extra });
  expect(r.status.code).toBe(0);
  return (r.data as Pol[]).map((p) => [p.policyid, p['obj seq']]);
}

const ids = async (extra: Record<string, unknown> = {}) => (await order(extra)).map(([id]) => id);

describe('clone', () => {
  it('auto-assigns a new policyid, appends the clone and applies overrides', async () => {
    const r = await c.one('clone', `${POLICY}/4`, { data: { name: 'LAN-to-DNS-2', dstaddr: ['h_web01'] } });
    expect(r.status.code).toBe(0);
    expect(r.data).toEqual({ policyid: 11 });
    const src = (await c.one('get', `${POLICY}/4`)).data;
    const copy = (await c.one('get', `${POLICY}/11`)).data;
    expect(copy).toMatchObject({
      name: 'LAN-to-DNS-2',
      dstaddr: ['h_web01'],
      srcaddr: src.srcaddr,
      service: src.service,
      'obj seq': 11,
    });
    expect(copy.uuid).not.toBe(src.uuid);
    expect(copy.oid).not.toBe(src.oid);
  });

  it('takes an explicit policyid, and 0 means auto', async () => {
    expect((await c.one('clone', `${POLICY}/1`, { data: { policyid: 50 } })).data).toEqual({ policyid: 50 });
    expect((await c.one('clone', `${POLICY}/1`, { data: { policyid: 0 } })).data).toEqual({ policyid: 51 });
    expect((await c.one('clone', `${POLICY}/1`, { data: { policyid: '60' } })).data).toEqual({
      policyid: 60,
    });
    expect(await code('clone', `${POLICY}/1`, { data: { policyid: 2 } })).toBe(-2);
  });

  it('checks overrides like any write and leaves nothing behind on failure', async () => {
    expect(await code('clone', `${POLICY}/1`, { data: { srcaddr: ['ghost'] } })).toBe(-10131);
    expect(await code('clone', `${POLICY}/1`, { data: { action: 'maybe' } })).toBe(-10);
    expect(await code('clone', `${POLICY}/99`, { data: {} })).toBe(-3);
    expect(await code('clone', POLICY, { data: {} })).toBe(-9);
    expect((await c.one('get', POLICY, { option: 'count' })).data).toBe(10);
  });
});

describe('move', () => {
  it('moves before and after a target; obj seq follows the order', async () => {
    expect(await code('move', `${POLICY}/7`, { option: 'before', target: '2' })).toBe(0);
    expect(await order()).toEqual([
      [1, 1],
      [7, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [8, 8],
      [9, 9],
      [10, 10],
    ]);
    expect((await c.one('get', `${POLICY}/7`)).data['obj seq']).toBe(2);
    expect(await code('move', `${POLICY}/1`, { option: 'after', target: '10' })).toBe(0);
    expect(await ids()).toEqual([7, 2, 3, 4, 5, 6, 8, 9, 10, 1]);
    expect((await c.one('get', `${POLICY}/1`)).data['obj seq']).toBe(10);
  });

  it('moves a clone into place', async () => {
    const r = await c.one('clone', `${POLICY}/10`, { data: { name: 'Deny-guest' } });
    expect(await code('move', `${POLICY}/${r.data.policyid}`, { option: 'before', target: '8' })).toBe(0);
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 8, 9, 10]);
  });

  it('treats a move next to itself as a no-op', async () => {
    expect(await code('move', `${POLICY}/5`, { option: 'before', target: '5' })).toBe(0);
    expect(await code('move', `${POLICY}/5`, { option: 'after', target: 5 })).toBe(0);
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('rejects bad moves', async () => {
    expect(await code('move', `${POLICY}/5`, { target: '1' })).toBe(-8);
    expect(await code('move', `${POLICY}/5`, { option: 'before' })).toBe(-8);
    expect(await code('move', `${POLICY}/5`, { option: 'before', target: { policyid: 1 } })).toBe(-8);
    expect(await code('move', `${POLICY}/55`, { option: 'before', target: '1' })).toBe(-3);
    expect(await code('move', POLICY, { option: 'before', target: '1' })).toBe(-9);
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('bumps the package version', async () => {
    const ver = async () => (await c.one('get', 'pm/pkg/adom/root/default')).data['obj ver'];
    const before = await ver();
    expect(await code('move', `${POLICY}/2`, { option: 'after', target: '3' })).toBe(0);
    expect(await ver()).toBe(before + 1);
  });
});

describe('queries on policies', () => {
  it('filters on list attributes with contain, and counts', async () => {
    expect(await ids({ filter: ['srcaddr', 'contain', 'net_10.0.0.0/24'] })).toEqual([1, 2, 4, 6, 7, 9]);
    expect(
      (await c.one('get', POLICY, { filter: ['srcaddr', 'contain', 'net_10.0.0.0/24'], option: 'count' }))
        .data,
    ).toBe(6);
    expect(
      await ids({ filter: [['service', 'contain', 'Web Access'], '||', ['action', '==', 'deny']] }),
    ).toEqual([2, 8, 10]);
    expect(await ids({ filter: ['!', 'nat', '==', 'enable'], range: [0, 3] })).toEqual([2, 3, 4]);
    // obj seq is the position in the whole table, not in the filtered result.
    expect(await order({ filter: ['action', '==', 'deny'] })).toEqual([[10, 10]]);
  });

  it('sorts and pages', async () => {
    expect(await ids({ sortings: [{ policyid: -1 }], range: [0, 3] })).toEqual([10, 9, 8]);
    expect(await ids({ sortings: [{ nat: -1 }, { policyid: 1 }] })).toEqual([1, 5, 8, 9, 2, 3, 4, 6, 7, 10]);
    expect(await ids({ range: [8] })).toEqual([9, 10]);
    expect(await ids({ range: [20, 5] })).toEqual([]);
    expect(await code('get', POLICY, { range: [-1, 2] })).toBe(-8);
    expect(await code('get', POLICY, { sortings: [{ policyid: 2 }] })).toBe(-8);
  });

  it('keeps obj seq consistent after deletes and moves', async () => {
    expect(await code('delete', `${POLICY}/1`)).toBe(0);
    expect(await code('move', `${POLICY}/10`, { option: 'before', target: '2' })).toBe(0);
    expect((await order()).slice(0, 3)).toEqual([
      [10, 1],
      [2, 2],
      [3, 3],
    ]);
    // A new policy still gets max+1, wherever the highest id sits.
    const r = await c.one('add', POLICY, {
      data: { name: 'n', srcintf: 'any', dstintf: 'any', srcaddr: 'all', dstaddr: 'all', service: 'ALL' },
    });
    expect(r.data).toEqual({ policyid: 11 });
  });
});
