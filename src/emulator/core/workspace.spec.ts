import { startEmulator } from '../index';
import { EmulatorTestClient, useEmulator } from '../../../test/support/emulator-testing';

const [a, b] = useEmulator({}, 2);
const WS = 'dvmdb/adom/datacenter/workspace';
const ADDR = 'pm/config/adom/datacenter/obj/firewall/address';

beforeEach(async () => {
  await a.control('POST', 'reset');
  await a.login();
  await b.login();
});

const newAddr = (name: string) => ({ data: { name, subnet: '10.100.50.0/24' } });

/** The seeded jsmith lock never expires; leaving and re-entering workspace mode clears it. */
async function freeDatacenter(): Promise<void> {
  expect((await a.one('update', 'dvmdb/adom/datacenter', { data: { workspace_mode: 0 } })).status.code).toBe(
    0,
  );
  expect((await a.one('update', 'dvmdb/adom/datacenter', { data: { workspace_mode: 1 } })).status.code).toBe(
    0,
  );
}

describe('workspace locking', () => {
  it('reports the seeded foreign lock and refuses to lock over it', async () => {
    const info = await a.one('get', `${WS}/lockinfo`);
    expect(info.data).toEqual([
      {
        lock_user: 'jsmith',
        lock_time: expect.any(Number),
        lock_sid: expect.any(Number),
        dirty: 0,
        adom_dirty: 0,
        type: 1,
      },
    ]);
    expect((await a.one('exec', `${WS}/lock`)).status).toEqual({
      code: -20055,
      message: 'Workspace is locked by other user',
    });
    expect((await a.one('add', ADDR, newAddr('x'))).status).toEqual({
      code: -10147,
      message: 'no write permission',
    });
  });

  it('needs the lock to write, and only the holder session may write', async () => {
    await freeDatacenter();
    expect((await a.one('get', `${WS}/lockinfo`)).data).toBeUndefined();
    expect((await a.one('add', ADDR, newAddr('x'))).status.code).toBe(-10147);
    expect((await a.one('add', 'pm/pkg/adom/datacenter', { data: { name: 'p' } })).status.code).toBe(-10147);
    expect((await a.one('exec', `${WS}/lock`)).status.code).toBe(0);
    expect((await a.one('exec', `${WS}/lock`)).status.code).toBe(0); // re-lock by holder is fine
    expect((await b.one('exec', `${WS}/lock`)).status.code).toBe(-20055);
    expect((await b.one('add', ADDR, newAddr('x'))).status.code).toBe(-10147);
    expect((await a.one('add', ADDR, newAddr('x'))).status.code).toBe(0);
    const info = await a.one('get', `${WS}/lockinfo`);
    expect(info.data[0]).toMatchObject({ lock_user: 'admin', dirty: 1, adom_dirty: 1, type: 1 });
    expect((await a.one('get', `${WS}/dirty`)).data).toEqual({ dirty: 1 });
    expect((await b.one('get', `${WS}/dirty`)).data).toEqual({ dirty: 0 });
  });

  it('discards uncommitted changes on unlock and keeps committed ones', async () => {
    await freeDatacenter();
    await a.one('exec', `${WS}/lock`);
    await a.one('add', ADDR, newAddr('kept'));
    expect((await a.one('exec', `${WS}/commit`)).status.code).toBe(0);
    expect((await a.one('get', `${WS}/dirty`)).data).toEqual({ dirty: 0 });
    await a.one('add', ADDR, newAddr('dropped'));
    await a.one('delete', `${ADDR}/h_dc_backup`, {}).then((r) => expect(r.status.code).toBe(-10015));
    expect((await b.one('exec', `${WS}/unlock`)).status.code).toBe(-20055);
    expect((await a.one('exec', `${WS}/unlock`)).status.code).toBe(0);
    expect((await a.one('get', `${ADDR}/kept`)).status.code).toBe(0);
    expect((await a.one('get', `${ADDR}/dropped`)).status.code).toBe(-3);
    expect((await a.one('get', `${WS}/lockinfo`)).data).toBeUndefined();
  });

  it('releases locks (discarding changes) on logout and on session expiry', async () => {
    await freeDatacenter();
    await a.one('exec', `${WS}/lock`);
    await a.one('add', ADDR, newAddr('gone'));
    await a.logout();
    expect((await b.one('get', `${ADDR}/gone`)).status.code).toBe(-3);
    expect((await b.one('exec', `${WS}/lock`)).status.code).toBe(0);
    await b.control('POST', 'sessions/expire');
    await a.login();
    expect((await a.one('get', `${WS}/lockinfo`)).data).toBeUndefined();
  });

  it('frees the lock of an idle-expired session without waiting for it to call again', async () => {
    const short = await startEmulator({ seed: false, idleTimeoutMs: 100 });
    try {
      const x = new EmulatorTestClient(short.url);
      const y = new EmulatorTestClient(short.url);
      await x.login();
      expect(
        (await x.one('add', 'dvmdb/adom', { data: { name: 'ws', workspace_mode: 1 } })).status.code,
      ).toBe(0);
      expect((await x.one('exec', 'dvmdb/adom/ws/workspace/lock')).status.code).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      await y.login();
      expect((await y.one('exec', 'dvmdb/adom/ws/workspace/lock')).status.code).toBe(0);
    } finally {
      await short.close();
    }
  });

  it('answers -9 on ADOMs without workspace mode, which need no lock', async () => {
    expect((await a.one('exec', 'dvmdb/adom/root/workspace/lock')).status.code).toBe(-9);
    expect((await a.one('get', 'dvmdb/adom/root/workspace/lockinfo')).status.code).toBe(-9);
    expect((await a.one('get', `${WS}/lock`)).status.code).toBe(-9); // wrong method
    expect(
      (await a.one('add', 'pm/config/adom/root/obj/firewall/address', newAddr('free'))).status.code,
    ).toBe(0);
  });
});
