import { useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator({ taskStepMs: 5 });

const GROUPS = 'dvmdb/adom/branch-east/group';

describe('device groups', () => {
  it('are seeded per branch region with their devices', async () => {
    const r = await c.one('get', GROUPS);
    expect(r.data).toEqual([
      expect.objectContaining({
        name: 'east-branches',
        'object member': [
          { name: 'FGT-NYC-01', vdom: 'root' },
          { name: 'FGT-BOS-01', vdom: 'root' },
          { name: 'FGT-PHL-01', vdom: 'root' },
        ],
      }),
    ]);
  });

  it('support create, member add/delete, update and delete', async () => {
    const data = { name: 'ny', desc: 'New York', 'object member': [{ name: 'FGT-NYC-01', vdom: 'root' }] };
    expect((await c.one('add', GROUPS, { data })).data).toEqual({ name: 'ny' });
    expect((await c.one('add', GROUPS, { data })).status.code).toBe(-2);
    const members = `${GROUPS}/ny/object member`;
    expect((await c.one('add', members, { data: [{ name: 'FGT-BOS-01' }] })).status.code).toBe(0);
    expect((await c.one('get', members)).data).toEqual([
      { name: 'FGT-NYC-01', vdom: 'root' },
      { name: 'FGT-BOS-01', vdom: 'root' },
    ]);
    expect(
      (await c.one('delete', members, { data: [{ name: 'FGT-NYC-01', vdom: 'root' }] })).status.code,
    ).toBe(0);
    expect((await c.one('get', `${GROUPS}/ny`)).data['object member']).toEqual([
      { name: 'FGT-BOS-01', vdom: 'root' },
    ]);
    // A device of another ADOM, or none at all, cannot be a member.
    expect((await c.one('add', members, { data: [{ name: 'FGT-SFO-01' }] })).status.code).toBe(-3);
    expect((await c.one('update', `${GROUPS}/ny`, { data: { desc: 'NYC' } })).status.code).toBe(0);
    expect((await c.one('delete', `${GROUPS}/ny`)).status.code).toBe(0);
    expect((await c.one('get', `${GROUPS}/ny`)).status.code).toBe(-3);
  });

  it('expand to their members in a task scope (a name without vdom)', async () => {
    await c.one('add', 'dvmdb/adom/branch-east/script', {
      data: { name: 's', target: 'remote_device', content: 'get system status' },
    });
    const r = await c.one('exec', 'dvmdb/adom/branch-east/script/execute', {
      data: { adom: 'branch-east', script: 's', scope: [{ name: 'east-branches' }] },
    });
    const t = await c.waitTask(r.data.task);
    expect(t.num_lines).toBe(3);
    // FGT-PHL-01 is down in the seed.
    expect(t.num_err).toBe(1);
  });
});

describe('revisions and diff', () => {
  const REVS = 'dvmdb/adom/root/revision';

  async function diff(src: string, dst: string): Promise<unknown> {
    const start = await c.one('exec', '/cache/diff/start', { data: { src, dst } });
    const token = start.data.token as string;
    // The first poll is still in progress: a client must wait for percent 100.
    expect((await c.one('exec', '/cache/diff/get/summary', { token })).data).toEqual({ percent: 50 });
    const done = await c.one('exec', '/cache/diff/get/summary', { token });
    expect(done.data.percent).toBe(100);
    expect((await c.one('exec', '/cache/diff/end', { token })).status.code).toBe(0);
    expect((await c.one('exec', '/cache/diff/get/summary', { token })).status.code).toBe(-3);
    return done.data.summary;
  }

  it('lists the seeded baseline and creates, updates and deletes revisions', async () => {
    expect((await c.one('get', REVS)).data).toEqual([
      expect.objectContaining({ version: 1, name: 'Baseline', locked: 1 }),
    ]);
    expect((await c.one('add', REVS, { data: { name: 'before-change', desc: 'x' } })).data).toEqual({
      version: 2,
    });
    expect((await c.one('get', `${REVS}/2`)).data).toMatchObject({
      name: 'before-change',
      created_by: 'admin',
    });
    expect((await c.one('delete', `${REVS}/1`)).status.code).toBe(-10);
    expect((await c.one('delete', `${REVS}/2`)).status.code).toBe(0);
    expect((await c.one('get', `${REVS}/2`)).status.code).toBe(-3);
    expect((await c.one('add', REVS, { data: {} })).status.code).toBe(-10);
  });

  it('diffs a revision against the current config and reverts to it', async () => {
    expect(await diff('adom/root/revision/1', 'adom/root')).toEqual([]);
    await c.one('add', 'pm/config/adom/root/obj/firewall/address', {
      data: { name: 'new-host', subnet: ['192.0.2.7', '255.255.255.255'] },
    });
    await c.one('update', 'pm/config/adom/root/obj/firewall/address/net_10.0.0.0\\/24', {
      data: { comment: 'changed' },
    });
    expect(await diff('adom/root/revision/1', 'adom/root')).toEqual([
      { category: 'obj/firewall/address', added: ['new-host'], deleted: [], modified: ['net_10.0.0.0/24'] },
    ]);
    expect((await c.one('exec', `${REVS}/revert`, { data: { version: 9 } })).status.code).toBe(-3);
    expect((await c.one('exec', `${REVS}/revert`, { data: { version: 1 } })).status.code).toBe(0);
    expect((await c.one('get', 'pm/config/adom/root/obj/firewall/address/new-host')).status.code).toBe(-3);
    expect(await diff('adom/root/revision/1', 'adom/root')).toEqual([]);
  });

  it('refuses bad references and missing tokens', async () => {
    expect(
      (await c.one('exec', '/cache/diff/start', { data: { src: 'adom/root/revision/7', dst: 'adom/root' } }))
        .status.code,
    ).toBe(-3);
    expect(
      (await c.one('exec', '/cache/diff/start', { data: { src: '../etc', dst: 'adom/root' } })).status.code,
    ).toBe(-10);
    expect((await c.one('exec', '/cache/diff/get/summary')).status.code).toBe(-8);
  });
});

describe('securityconsole/abort', () => {
  it("cancels the ADOM's unfinished installs", async () => {
    const r = await c.one('exec', 'securityconsole/install/package', {
      data: { adom: 'root', pkg: 'default', scope: [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }] },
    });
    expect((await c.one('exec', 'securityconsole/abort', { data: { adom: 'root' } })).status.code).toBe(0);
    const t = await c.waitTask(r.data.task);
    expect(t.state).toBe('cancelled');
  });
});
