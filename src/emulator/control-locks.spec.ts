import { statusCode, useSeededEmulator } from '../../test/support/emulator-testing';
import { setTimeout as sleep } from 'node:timers/promises';

const c = useSeededEmulator();
const ws = (adom: string) => `dvmdb/adom/${adom}/workspace`;
const addr = (adom: string) => `pm/config/adom/${adom}/obj/firewall/address`;
const newAddr = (name: string) => ({ data: { name, subnet: '10.123.0.0/16' } });

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

const control = (method: string, path: string, body?: unknown) => c.controlReply(method, path, body);

const lockUser = async (adom: string) => (await c.one('get', `${ws(adom)}/lockinfo`)).data?.[0]?.lock_user;
const mode = async (adom: string) =>
  (await c.one('get', `dvmdb/adom/${adom}`, { fields: ['workspace_mode'] })).data.workspace_mode;

describe('POST /__emulator/workspace', () => {
  it('turns workspace mode on and off; off drops the lock and keeps the data', async () => {
    expect(await control('POST', 'workspace', { adom: 'root', enabled: true })).toEqual({
      status: 200,
      body: { adom: 'root', workspace_mode: 1 },
    });
    expect(await mode('root')).toBe(1);
    expect(await code('add', addr('root'), newAddr('x'))).toBe(-10147);
    expect(await code('exec', `${ws('root')}/lock`)).toBe(0);
    expect(await code('add', addr('root'), newAddr('kept'))).toBe(0);
    expect((await control('POST', 'workspace', { adom: 'root', enabled: false })).body.workspace_mode).toBe(
      0,
    );
    expect(await code('get', `${addr('root')}/kept`)).toBe(0); // uncommitted, yet kept
    expect(await code('get', `${ws('root')}/lockinfo`)).toBe(-9);
    expect(await code('add', addr('root'), newAddr('free'))).toBe(0);
  });

  it('frees the seeded datacenter lock and ends the foreign session holding it', async () => {
    expect((await control('GET', 'sessions')).body.foreign).toBe(1);
    expect((await control('POST', 'workspace', { adom: 'datacenter', enabled: false })).status).toBe(200);
    expect((await control('GET', 'sessions')).body.foreign).toBe(0);
    expect((await control('POST', 'workspace', { adom: 'datacenter', enabled: true })).status).toBe(200);
    expect(await lockUser('datacenter')).toBeUndefined();
    expect(await code('exec', `${ws('datacenter')}/lock`)).toBe(0);
  });

  it.each([
    [{ adom: 'root' }, 400],
    [{ adom: 'root', enabled: 'yes' }, 400],
    [{ enabled: true }, 400],
    [{ adom: 'nope', enabled: true }, 404],
  ])('answers an error for %j', async (body, status) => {
    const r = await control('POST', 'workspace', body);
    expect(r.status).toBe(status);
    expect(r.body.error).toEqual(expect.any(String));
  });
});

describe('foreign locks', () => {
  it('locks an ADOM for another admin, enabling workspace mode', async () => {
    const r = await control('POST', 'foreign-locks', { adom: 'branch-east', user: 'alice' });
    expect(r).toEqual({
      status: 200,
      body: { adom: 'branch-east', user: 'alice', lock_sid: expect.any(Number) },
    });
    expect(await mode('branch-east')).toBe(1);
    const info = (await c.one('get', `${ws('branch-east')}/lockinfo`)).data[0];
    expect(info).toMatchObject({ lock_user: 'alice', lock_sid: r.body.lock_sid, dirty: 0, type: 1 });
    expect(await code('exec', `${ws('branch-east')}/lock`)).toBe(-20055);
    expect(await code('add', addr('branch-east'), newAddr('x'))).toBe(-10147);
    const s = (await control('GET', 'sessions')).body;
    expect(s).toMatchObject({ live: 1, byUser: { admin: 1 }, foreign: 2 }); // jsmith and alice
  });

  it('releases on DELETE, keeping the data and workspace mode', async () => {
    expect((await control('POST', 'foreign-locks', { adom: 'root', user: 'alice' })).status).toBe(200);
    expect(await control('DELETE', 'foreign-locks?adom=root')).toEqual({
      status: 200,
      body: { released: true },
    });
    expect(await control('DELETE', 'foreign-locks?adom=root')).toEqual({
      status: 200,
      body: { released: false },
    });
    expect(await lockUser('root')).toBeUndefined();
    expect(await mode('root')).toBe(1);
    expect((await control('GET', 'sessions')).body.foreign).toBe(1);
    expect(await code('exec', `${ws('root')}/lock`)).toBe(0);
    expect(await code('add', addr('root'), newAddr('mine'))).toBe(0);
  });

  it('releases the seeded jsmith lock on DELETE and restores it on reset', async () => {
    expect((await control('DELETE', 'foreign-locks?adom=datacenter')).body).toEqual({ released: true });
    expect(await code('exec', `${ws('datacenter')}/lock`)).toBe(0);
    await control('POST', 'reset');
    await c.login();
    expect(await lockUser('datacenter')).toBe('jsmith');
    expect((await control('GET', 'sessions')).body.foreign).toBe(1);
  });

  it('takes over another foreign lock but not an API session lock', async () => {
    const r = await control('POST', 'foreign-locks', { adom: 'datacenter', user: 'bob' });
    expect(r.status).toBe(200);
    expect(await lockUser('datacenter')).toBe('bob');
    expect((await control('GET', 'sessions')).body.foreign).toBe(1); // jsmith's session is gone
    await control('DELETE', 'foreign-locks?adom=datacenter');
    expect(await code('exec', `${ws('datacenter')}/lock`)).toBe(0);
    const busy = await control('POST', 'foreign-locks', { adom: 'datacenter', user: 'bob' });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toContain('admin');
    expect(await lockUser('datacenter')).toBe('admin');
  });

  it('releases by itself after releaseAfterMs, so a retrying client gets the lock', async () => {
    await control('DELETE', 'foreign-locks?adom=datacenter');
    const r = await control('POST', 'foreign-locks', {
      adom: 'datacenter',
      user: 'carol',
      releaseAfterMs: 150,
    });
    expect(r.body.releaseAt).toEqual(expect.any(Number));
    expect(await code('exec', `${ws('datacenter')}/lock`)).toBe(-20055);
    let got = -1;
    for (let i = 0; i < 40 && got !== 0; i++) {
      await sleep(25);
      got = await code('exec', `${ws('datacenter')}/lock`);
    }
    expect(got).toBe(0);
    expect((await control('GET', 'sessions')).body.foreign).toBe(0);
  });

  it('keeps data committed while the lock was held when it releases by itself', async () => {
    // An admin's committed change survives a later foreign lock and its release.
    await control('DELETE', 'foreign-locks?adom=datacenter');
    expect(await code('exec', `${ws('datacenter')}/lock`)).toBe(0);
    expect(await code('add', addr('datacenter'), newAddr('committed'))).toBe(0);
    expect(await code('exec', `${ws('datacenter')}/commit`)).toBe(0);
    expect(await code('exec', `${ws('datacenter')}/unlock`)).toBe(0);
    await control('POST', 'foreign-locks', { adom: 'datacenter', user: 'dave', releaseAfterMs: 0 });
    await sleep(30);
    expect(await lockUser('datacenter')).toBeUndefined();
    expect(await code('get', `${addr('datacenter')}/committed`)).toBe(0);
  });

  it('forgets pending releases on reset', async () => {
    await control('POST', 'foreign-locks', { adom: 'root', user: 'erin', releaseAfterMs: 100 });
    await control('POST', 'reset');
    await c.login();
    await control('POST', 'foreign-locks', { adom: 'root', user: 'frank' });
    await sleep(150);
    expect(await lockUser('root')).toBe('frank');
  });

  it('a timed lock taken over or released early does not release its successor', async () => {
    await control('POST', 'foreign-locks', { adom: 'root', user: 'erin', releaseAfterMs: 80 });
    await control('POST', 'foreign-locks', { adom: 'root', user: 'frank' });
    await sleep(130);
    expect(await lockUser('root')).toBe('frank');
  });

  it.each([
    ['POST', 'foreign-locks', { adom: 'root' }, 400],
    ['POST', 'foreign-locks', { adom: 'root', user: '' }, 400],
    ['POST', 'foreign-locks', { adom: 'root', user: 'x', releaseAfterMs: -1 }, 400],
    ['POST', 'foreign-locks', { adom: 'root', user: 'x', releaseAfterMs: '5' }, 400],
    ['POST', 'foreign-locks', { adom: 'root', user: 'x', releaseAfterMs: 2 ** 31 }, 400],
    ['POST', 'foreign-locks', { adom: 'nope', user: 'x' }, 404],
    ['DELETE', 'foreign-locks', undefined, 400],
    ['DELETE', 'foreign-locks?adom=nope', undefined, 404],
  ])('%s %s %j answers %d', async (method, path, body, status) => {
    expect((await control(method, path, body)).status).toBe(status);
  });
});
